import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureAt } from '../../src/io/file-signature.js';
import {
  ENTRY_DIRECTORY,
  ENTRY_FILE,
  ENTRY_OTHER,
  ENTRY_SYMLINK,
  listFolder,
  takeFolders,
  type FolderListing,
} from '../../src/io/folder-listing.js';
import { finishFolders, folderTask, listFolders } from '../../src/io/folder-threads.js';
import { scanLedger } from '../../src/io/ledger-scan.js';

/** The worker script as built (the sources have none to start). */
const BUILT_WORKER = pathToFileURL(path.resolve('dist/app/folder-worker.js'));

/** Folders of plain files, one with a directory, a symlink, a hidden file and names that are not ASCII. */
let root = '';
let dirs: string[] = [];
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bbcs-folders-'));
  dirs = [];
  for (let d = 0; d < 12; d++) {
    const dir = path.join(root, `u${String(d).padStart(2, '0')}`);
    mkdirSync(dir);
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `f${i}.yaml`), 'x'.repeat((i * d) % 50));
    dirs.push(dir);
  }
  const odd = dirs[3]!;
  mkdirSync(path.join(odd, 'dir.yaml'));
  symlinkSync(path.join(odd, 'f1.yaml'), path.join(odd, 'link.yaml'));
  writeFileSync(path.join(odd, '.hidden.yaml'), '');
  for (const name of ['王营-事项.yaml', '淮阴𠮷.yaml']) writeFileSync(path.join(odd, name), name);
  dirs.push(path.join(root, 'missing'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectListing(dir: string, listing: FolderListing, withSignatures: boolean): void {
  if (!existsSync(dir)) {
    expect(listing).toMatchObject({ names: [], error: 'ENOENT' });
    return;
  }
  const names = ['f0.yaml', 'f1.yaml', 'f10.yaml'];
  expect(listing.names.filter((n) => n.startsWith('f')).slice(0, 3)).toEqual(names);
  expect([...listing.names].sort()).toEqual(listing.names);
  expect(listing.names.some((n) => n.startsWith('.'))).toBe(false);
  listing.names.forEach((name, i) => {
    const st = lstatSync(path.join(dir, name));
    const kind = st.isSymbolicLink()
      ? ENTRY_SYMLINK
      : st.isDirectory()
        ? ENTRY_DIRECTORY
        : st.isFile()
          ? ENTRY_FILE
          : ENTRY_OTHER;
    expect(listing.kinds[i], name).toBe(kind);
    if (!withSignatures) return;
    const expected = st.isFile() ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } : undefined;
    expect(signatureAt(listing.signatures!, i), name).toEqual(expected);
  });
}

describe('folder listing', () => {
  it('lists every entry sorted, with its kind, leaving out hidden names', () => {
    for (const dir of dirs) {
      expectListing(dir, listFolder(dir, false), false);
      expect(listFolder(dir, false).signatures).toBeUndefined();
    }
  });

  it('gives every plain file its signature when asked, and none to what is not one', () => {
    for (const dir of dirs) expectListing(dir, listFolder(dir, true), true);
    const odd = listFolder(dirs[3]!, true);
    expect(odd.names).toEqual(expect.arrayContaining(['dir.yaml', 'link.yaml', '王营-事项.yaml', '淮阴𠮷.yaml']));
  });

  it('is the same when a second thread takes folders (the built worker)', () => {
    expect(existsSync(BUILT_WORKER), 'npm run build makes it').toBe(true);
    for (let run = 0; run < 3; run++) {
      const listings = listFolders(dirs, true, { BBCS_WORKERS: '2' }, BUILT_WORKER);
      dirs.forEach((dir, i) => expectListing(dir, listings[i]!, true));
    }
  });

  it('lists a folder another thread took and never finished', () => {
    const task = folderTask(dirs, true);
    // A thread that died after taking the first folder.
    Atomics.add(task.counter, 0, 1);
    const listings: (FolderListing | undefined)[] = new Array(dirs.length);
    takeFolders(task, (index, listing) => (listings[index] = listing));
    expect(listings[0]).toBeUndefined();
    const all = finishFolders(task, listings, undefined, 10);
    dirs.forEach((dir, i) => expectListing(dir, all[i]!, true));
  });

  it('handles no folders, and one, with a thread forced', () => {
    expect(listFolders([], true, { BBCS_WORKERS: '2' }, BUILT_WORKER)).toEqual([]);
    expectListing(dirs[0]!, listFolders([dirs[0]!], true, { BBCS_WORKERS: '2' }, BUILT_WORKER)[0]!, true);
  });
});

describe('ledger scan with signatures', () => {
  it('gives each item file the signature of its listing, in the order the item files are listed', () => {
    const ledger = mkdtempSync(path.join(tmpdir(), 'bbcs-scan-'));
    try {
      for (const unit of ['aa', 'bb']) {
        mkdirSync(path.join(ledger, unit));
        writeFileSync(path.join(ledger, unit, 'unit.yaml'), 'name: x\n');
        for (const stem of ['B-1', 'A-2', 'C-3'])
          writeFileSync(path.join(ledger, unit, `${stem}.yaml`), `${unit}${stem}`);
        writeFileSync(path.join(ledger, unit, 'notes.txt'), '');
      }
      for (const env of [{ BBCS_WORKERS: '0' }, { BBCS_WORKERS: '2' }]) {
        const scan = scanLedger(ledger, { deferItems: true, signatures: true, env, workerScript: BUILT_WORKER });
        const items = scan.files.filter((f) => f.kind === 'item');
        expect(items.map((f) => f.file)).toEqual([
          'aa/A-2.yaml',
          'aa/B-1.yaml',
          'aa/C-3.yaml',
          'bb/A-2.yaml',
          'bb/B-1.yaml',
          'bb/C-3.yaml',
        ]);
        items.forEach((f, i) => {
          const st = lstatSync(path.join(ledger, f.file));
          expect(signatureAt(scan.itemSignatures!, i)).toEqual({
            ino: st.ino,
            size: st.size,
            mtimeMs: st.mtimeMs,
            ctimeMs: st.ctimeMs,
          });
        });
        expect(scan.diagnostics.map((d) => d.code)).toEqual(['stray-file', 'stray-file']);
      }
      expect(scanLedger(ledger, { deferItems: true }).itemSignatures).toBeUndefined();
    } finally {
      rmSync(ledger, { recursive: true, force: true });
    }
  });
});
