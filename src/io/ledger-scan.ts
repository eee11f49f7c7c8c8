import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.js';
import { UNIT_CODE } from '../core/schema/fields.js';
import { SIGNATURE_FIELDS } from './file-signature.js';
import {
  ENTRY_DIRECTORY,
  ENTRY_FILE,
  ENTRY_GONE,
  ENTRY_SYMLINK,
  listFolder,
  type FolderListing,
} from './folder-listing.js';
import { listFolders } from './folder-threads.js';

/**
 * Finds the ledger's files and reads their bytes, without following anything that could lead
 * outside the ledger. Layout problems (stray files, symlinks, folders named like files) are
 * diagnostics; the rest of the ledger is still read.
 */

export const MAX_FILE_BYTES = 1024 * 1024;
export const UNIT_FILE = 'unit.yaml';
export const POLICY_FILE = 'policy.yaml';
export const CALENDAR_DIR = 'calendar';
const ROOT_EXTRAS = new Set(['README.md']);

export type LedgerFileKind = 'unit' | 'item' | 'policy' | 'calendar';

export interface LedgerFile {
  kind: LedgerFileKind;
  /** Relative to the ledger root, with forward slashes. */
  file: string;
  folder: string;
  stem: string;
  bytes?: Uint8Array;
}

export interface LedgerScan {
  files: LedgerFile[];
  diagnostics: Diagnostic[];
  /**
   * With `signatures`: each item file's stat signature, taken before any of its bytes are read,
   * in the order the item files are listed (read with signatureAt).
   */
  itemSignatures?: Float64Array;
}

export interface ScanOptions {
  /**
   * List item files without their bytes: the caller reads each in turn with readBytes, so a
   * large ledger is never held in memory all at once.
   */
  deferItems?: boolean;
  /** Take every item file's stat signature while listing (for the cache). */
  signatures?: boolean;
  /** Where BBCS_WORKERS is read (tests set it). */
  env?: NodeJS.ProcessEnv;
  /** The folder worker's script (tests point at the built one). */
  workerScript?: URL;
}

const whole = (d: Diagnostic): Diagnostic => ({ ...d, line: 1, column: 1 });

function symlinkProblem(root: string, rel: string): Diagnostic {
  const abs = path.join(root, rel);
  let target = '';
  let outside = true;
  try {
    target = readlinkSync(abs);
    const resolved = realpathSync(abs);
    const realRoot = realpathSync(root);
    outside = !(resolved === realRoot || resolved.startsWith(realRoot + path.sep));
  } catch {
    // A dangling link: its target does not exist, which is reported the same way.
  }
  const where = outside ? '指向台账之外' : '指向台账内的另一位置';
  return whole(
    diagnostic(
      'symlink',
      rel,
      [],
      `${rel} 是符号链接（${where}：${target}），台账不跟随符号链接`,
      '把链接替换为真实文件；每个事项只能有一个文件',
    ),
  );
}

/** Opening never follows a symlink: one put in place of a listed file after the scan is refused, not read. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** What files are read into before their bytes are copied out: one buffer for all the reads of a thread. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/** Reads one file's bytes (refusing files over the size limit); problems become diagnostics. */
export function readBytes(root: string, entry: LedgerFile, diagnostics: Diagnostic[]): LedgerFile {
  const abs = path.join(root, entry.file);
  let fd: number | undefined;
  try {
    fd = openSync(abs, OPEN_FLAGS);
    // Read to the end rather than ask the size first: a first run reads every file, and asking
    // costs about as much as reading one of a few kilobytes. The size is asked only of a file too large.
    let length = 0;
    for (;;) {
      if (length === scratch.length) {
        if (length > MAX_FILE_BYTES) {
          // What was read counts too: a file that shrank or has no size of its own (a device) still says how much.
          const size = Math.max(fstatSync(fd).size, length);
          diagnostics.push(
            whole(
              diagnostic(
                'file-too-large',
                entry.file,
                [],
                `文件大小 ${(size / 1024 / 1024).toFixed(1)} MB，超过上限 1 MB`,
                '一个事项文件通常只有几 KB；检查是否误放了附件或重复粘贴的内容',
              ),
            ),
          );
          return entry;
        }
        const larger = Buffer.allocUnsafe(Math.min(scratch.length * 4, MAX_FILE_BYTES + 1));
        scratch.copy(larger);
        scratch = larger;
      }
      const got = readSync(fd, scratch, length, scratch.length - length, null);
      if (got === 0) break;
      length += got;
    }
    return { ...entry, bytes: Buffer.from(scratch.subarray(0, length)) };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    diagnostics.push(
      whole(
        diagnostic(
          'file-unreadable',
          entry.file,
          [],
          `文件无法读取（${reason}）`,
          '检查文件权限，或文件是否正被其他程序占用',
        ),
      ),
    );
    return entry;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function listDir(
  root: string,
  rel: string,
  diagnostics: Diagnostic[],
  listing: FolderListing = listFolder(path.join(root, rel), false),
): FolderListing {
  if (listing.error !== undefined) {
    diagnostics.push(
      whole(diagnostic('file-unreadable', rel || '.', [], `目录无法读取（${listing.error}）`, '检查目录权限')),
    );
  }
  return listing;
}

function stray(rel: string, hint: string): Diagnostic {
  return whole(diagnostic('stray-file', rel, [], `${rel} 不是台账文件，将被忽略`, hint, 'warning'));
}

/** Where the item files' signatures go, in the order the files are listed. */
interface SignatureSink {
  table: Float64Array;
  count: number;
}

function scanUnitFolder(
  root: string,
  folder: string,
  listing: FolderListing,
  files: LedgerFile[],
  diagnostics: Diagnostic[],
  deferItems: boolean,
  sink?: SignatureSink,
): void {
  let hasUnitFile = false;
  const { names, kinds } = listDir(root, folder, diagnostics, listing);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const kind = kinds[i];
    const rel = `${folder}/${name}`;
    if (kind === ENTRY_SYMLINK) {
      diagnostics.push(symlinkProblem(root, rel));
    } else if (kind === ENTRY_DIRECTORY) {
      diagnostics.push(
        name.endsWith('.yaml')
          ? whole(
              diagnostic(
                'not-a-file',
                rel,
                [],
                `${rel} 是目录，但名字像事项文件`,
                '事项应是单个 .yaml 文件；把目录中的内容移出并删除这个目录',
              ),
            )
          : stray(rel, '单位目录中只放 unit.yaml 和事项文件；附件请另行保存'),
      );
    } else if (kind !== ENTRY_FILE && kind !== ENTRY_GONE) {
      diagnostics.push(stray(rel, '台账中只能有普通文件'));
    } else if (name === UNIT_FILE) {
      hasUnitFile = true;
      files.push(readBytes(root, { kind: 'unit', file: rel, folder, stem: 'unit' }, diagnostics));
    } else if (name.endsWith('.yaml')) {
      const item: LedgerFile = { kind: 'item', file: rel, folder, stem: name.slice(0, -'.yaml'.length) };
      files.push(deferItems ? item : readBytes(root, item, diagnostics));
      if (sink) {
        const from = i * SIGNATURE_FIELDS;
        const to = sink.count++ * SIGNATURE_FIELDS;
        for (let f = 0; f < SIGNATURE_FIELDS; f++) sink.table[to + f] = listing.signatures![from + f]!;
      }
    } else {
      const hint = name.endsWith('.yml')
        ? `事项文件的扩展名是 .yaml；改名为 ${name.slice(0, -4)}.yaml`
        : '单位目录中只放 unit.yaml 和事项文件（.yaml）';
      diagnostics.push(stray(rel, hint));
    }
  }
  if (!hasUnitFile) {
    diagnostics.push(
      whole(
        diagnostic(
          'unit-file-missing',
          `${folder}/${UNIT_FILE}`,
          [],
          `单位目录 ${folder}/ 中没有 unit.yaml`,
          `新建 ${folder}/unit.yaml，填写单位名称、类型和工作联系表（附件2）`,
        ),
      ),
    );
  }
}

export function scanCalendarFolder(root: string, files: LedgerFile[], diagnostics: Diagnostic[]): void {
  const { names, kinds } = listDir(root, CALENDAR_DIR, diagnostics);
  names.forEach((name, i) => {
    const rel = `${CALENDAR_DIR}/${name}`;
    if (name === 'README.md') return;
    if (kinds[i] === ENTRY_SYMLINK) diagnostics.push(symlinkProblem(root, rel));
    else if (kinds[i] === ENTRY_FILE && /^\d{4}\.yaml$/.test(name)) {
      files.push(
        readBytes(root, { kind: 'calendar', file: rel, folder: CALENDAR_DIR, stem: name.slice(0, 4) }, diagnostics),
      );
    } else diagnostics.push(stray(rel, '日历目录中每年一个文件，文件名为年份，如 2027.yaml'));
  });
}

export function scanLedger(root: string, options: ScanOptions = {}): LedgerScan {
  const files: LedgerFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const top = listDir(root, '', diagnostics);
  const isUnitFolder = (i: number) =>
    top.kinds[i] === ENTRY_DIRECTORY && top.names[i] !== CALENDAR_DIR && UNIT_CODE.test(top.names[i]!);
  const unitFolders = top.names.filter((_, i) => isUnitFolder(i));
  // Unit folders hold almost every file: listed together, by two threads on a large ledger.
  const listings = listFolders(
    unitFolders.map((folder) => path.join(root, folder)),
    options.signatures === true,
    options.env,
    options.workerScript,
  );
  const listed = listings.reduce((n, l) => n + l.names.length, 0);
  const sink: SignatureSink | undefined = options.signatures
    ? { table: new Float64Array(listed * SIGNATURE_FIELDS), count: 0 }
    : undefined;
  let unit = 0;
  top.names.forEach((rel, i) => {
    const kind = top.kinds[i];
    if (kind === ENTRY_SYMLINK) {
      diagnostics.push(symlinkProblem(root, rel));
    } else if (kind === ENTRY_FILE) {
      if (rel === POLICY_FILE)
        files.push(readBytes(root, { kind: 'policy', file: rel, folder: '', stem: 'policy' }, diagnostics));
      else if (!ROOT_EXTRAS.has(rel))
        diagnostics.push(stray(rel, '台账根目录中只放单位目录、policy.yaml、calendar/ 和 README.md'));
    } else if (kind === ENTRY_DIRECTORY) {
      if (rel === CALENDAR_DIR) scanCalendarFolder(root, files, diagnostics);
      else if (isUnitFolder(i))
        scanUnitFolder(root, rel, listings[unit++]!, files, diagnostics, options.deferItems === true, sink);
      else
        diagnostics.push(
          whole(
            diagnostic(
              'invalid-unit-code',
              rel,
              [],
              `目录名 ${rel} 不是合法的单位代码，其中的文件不会被检查`,
              '单位代码用 2–20 个小写英文字母或数字、以字母开头，如 zjj、wangying',
            ),
          ),
        );
    }
  });
  return {
    files,
    diagnostics,
    ...(sink ? { itemSignatures: sink.table.subarray(0, sink.count * SIGNATURE_FIELDS) } : {}),
  };
}
