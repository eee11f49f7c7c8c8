import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { cacheDirFor, INDEX_FILE } from '../../src/io/cache.js';
import { DecodedIndex, encodeIndex, type CacheEntry, type IndexHeader } from '../../src/io/cache-index.js';
import { LedgerChanged } from '../../src/io/ledger-changed.js';
import { loadLedger, type LoadOptions } from '../../src/io/load-ledger.js';
import { parseFast } from '../../src/io/parse-fast.js';
import { parseYamlSource } from '../../src/io/yaml-source.js';
import { BIN, DEMO_LEDGER, MINI_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';
import { DIAGNOSTIC_FIXTURES, HOSTILE_CASES } from '../fixtures/diagnostics.js';

/** A file's stat signature as bbcs records it. */
function fileSignature(abs: string) {
  const st = lstatSync(abs);
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

const AS_OF = Date.parse('2026-11-26T23:59:59+08:00');
const ITEM = 'zjj/ZJJ-2026-0002.yaml';
const repos: TempRepo[] = [];
afterEach(() => {
  delete process.env.BBCS_NO_CACHE;
  delete process.env.BBCS_CACHE_DIR;
  while (repos.length > 0) repos.pop()!.cleanup();
});

function repo(files = {}): TempRepo {
  const r = tempLedger(files);
  repos.push(r);
  return r;
}

const cacheFile = (r: TempRepo) => path.join(cacheDirFor(r.ledger), INDEX_FILE);
/**
 * A file's stat signature is normally trusted only once the file has been left alone for two
 * seconds, which no test here waits for: every staleness test also runs with signatures trusted
 * at once, the riskiest setting, where only the signature stands between the cache and old data.
 */
const TRUST_AT_ONCE: LoadOptions = { settleMs: -3_600_000 };
let loadOptions: LoadOptions = {};
const load = (root: string, asOf = AS_OF) => loadLedger(root, asOf, loadOptions);
const titleOf = (r: TempRepo, asOf = AS_OF) => load(r.ledger, asOf).items.get('ZJJ-2026-0002')?.item.title;
/** Everything a command sees, for comparing a cached load with an uncached one. */
function seen(root: string, asOf = AS_OF): unknown {
  const l = load(root, asOf);
  return {
    items: [...l.items].map(([id, e]) => [id, { file: e.file, facets: { ...e.facets }, item: e.item }]),
    diagnostics: l.diagnostics,
  };
}
function uncached(root: string, asOf = AS_OF): unknown {
  process.env.BBCS_NO_CACHE = '1';
  try {
    return seen(root, asOf);
  } finally {
    delete process.env.BBCS_NO_CACHE;
  }
}
const OLD_TIME = new Date('2026-06-01T00:00:00Z');

/** Replaces text in a file with text of the same byte length and puts the old mtime back. */
function sameSizeRewrite(file: string, from: string, to: string): void {
  utimesSync(file, OLD_TIME, OLD_TIME);
  const before = statSync(file);
  const text = readFileSync(file, 'utf8');
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  utimesSync(file, OLD_TIME, OLD_TIME);
  expect(statSync(file).size).toBe(before.size);
  expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
}

describe.each([
  ['signatures trusted after two seconds', {}],
  ['signatures trusted at once', TRUST_AT_ONCE],
] as const)('the parse cache never shows old data (%s)', (_name, options) => {
  beforeEach(() => {
    loadOptions = options;
  });
  afterEach(() => {
    loadOptions = {};
  });

  it('a warm load equals an uncached one, also for broken files; the cache is ignored by Git', () => {
    const r = repo({
      'zjj/ZJJ-2026-0009.yaml': 'id: ZJJ-2026-0009\nunit: zjj\nunit: zjj\n',
      'wangying/WANGYING-2026-0002.yaml': 'id: WANGYING-2026-0002\nunit: nosuch\nevents: []\n',
    });
    const cold = seen(r.ledger);
    expect(existsSync(cacheFile(r))).toBe(true);
    expect(cacheFile(r).startsWith(path.join(r.dir, '.git'))).toBe(true);
    expect(readdirSync(r.ledger).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(seen(r.ledger)).toEqual(cold);
    expect(uncached(r.ledger)).toEqual(cold);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: r.dir, encoding: 'utf8' })).toBe('');
  });

  it('outside Git the cache sits in the ledger, in a folder that ignores itself', () => {
    const r = tempLedger({}, MINI_LEDGER, false);
    repos.push(r);
    const cold = seen(r.ledger);
    expect(cacheDirFor(r.ledger)).toBe(path.join(r.ledger, '.bbcs-cache'));
    expect(readFileSync(path.join(r.ledger, '.bbcs-cache', '.gitignore'), 'utf8')).toContain('*');
    expect(seen(r.ledger)).toEqual(cold);
  });

  it('sees an edit rewritten at the same size with the old mtime restored', () => {
    const r = repo();
    utimesSync(path.join(r.ledger, ITEM), OLD_TIME, OLD_TIME);
    expect(titleOf(r)).toBe('同一小区另一单元加装电梯');
    sameSizeRewrite(path.join(r.ledger, ITEM), '另一单元', '第二单元');
    expect(titleOf(r)).toBe('同一小区第二单元加装电梯');
    sameSizeRewrite(path.join(r.ledger, ITEM), '第二单元', '另一单元');
    expect(titleOf(r)).toBe('同一小区另一单元加装电梯');
  });

  it('sees an edit whose mtime lies in the past (clock set back)', () => {
    const r = repo();
    titleOf(r);
    const file = path.join(r.ledger, ITEM);
    writeFileSync(file, readFileSync(file, 'utf8').replace('另一单元', '另一栋楼'));
    utimesSync(file, new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    expect(titleOf(r)).toBe('同一小区另一栋楼加装电梯');
  });

  it('follows a checkout of another branch and back', () => {
    const r = repo();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=t@example.invalid', ...args], {
        cwd: r.dir,
        stdio: 'ignore',
      });
    expect(titleOf(r)).toBe('同一小区另一单元加装电梯');
    git('checkout', '-q', '-b', 'other');
    sameSizeRewrite(path.join(r.ledger, ITEM), '另一单元', '第三单元');
    git('commit', '-q', '-am', 'other');
    expect(titleOf(r)).toBe('同一小区第三单元加装电梯');
    git('checkout', '-q', 'main');
    expect(titleOf(r)).toBe('同一小区另一单元加装电梯');
    git('checkout', '-q', 'other');
    expect(titleOf(r)).toBe('同一小区第三单元加装电梯');
  });

  it('re-checks items when a unit they refer to changes', () => {
    const r = repo();
    const before = seen(r.ledger);
    const unit = path.join(r.ledger, 'wangying/unit.yaml');
    writeFileSync(unit, readFileSync(unit, 'utf8').replace(/^code: wangying/m, 'code: wangyin'));
    expect(seen(r.ledger)).toEqual(uncached(r.ledger));
    expect(seen(r.ledger)).not.toEqual(before);
  });

  it('never hides a future event: "now" earlier than a cached file’s events is checked for real', () => {
    const r = repo();
    const early = Date.parse('2026-04-01T00:00:00+08:00');
    const futureCodes = (asOf: number) =>
      load(r.ledger, asOf).diagnostics.filter((d) => d.code === 'future-event').length;
    expect(futureCodes(AS_OF)).toBe(0);
    expect(futureCodes(early)).toBeGreaterThan(0);
    expect(futureCodes(AS_OF)).toBe(0);
    expect(seen(r.ledger, early)).toEqual(uncached(r.ledger, early));
  });

  it('ignores a corrupt, truncated or foreign cache file and rebuilds it', () => {
    const r = repo();
    const expected = seen(r.ledger);
    const bytes = readFileSync(cacheFile(r));
    for (const damaged of [
      bytes.subarray(0, Math.floor(bytes.length / 2)),
      Buffer.from('garbage'),
      Buffer.alloc(0),
      Buffer.from(bytes).fill(7, 40, 400),
    ]) {
      writeFileSync(cacheFile(r), damaged);
      expect(seen(r.ledger)).toEqual(expected);
    }
    expect(readFileSync(cacheFile(r)).length).toBeGreaterThan(100);
    expect(seen(r.ledger)).toEqual(expected);
  });

  it('BBCS_NO_CACHE and --no-cache neither read nor write the cache', () => {
    const r = repo();
    uncached(r.ledger);
    expect(existsSync(cacheDirFor(r.ledger))).toBe(false);
    const out = runBbcs(['validate', '--no-cache', '--as-of', '2026-11-26'], r.dir);
    expect(out.status).toBe(0);
    expect(existsSync(cacheDirFor(r.ledger))).toBe(false);
  });

  it('two bbcs validate at once on a cold cache both answer rightly and leave a usable cache', async () => {
    const r = repo();
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'validate', '--as-of', '2026-11-26'], {
          cwd: r.dir,
          env: { ...process.env, BBCS_LEDGER: '' },
        });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.on('close', (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
    expect(readdirSync(cacheDirFor(r.ledger)).filter((n) => n.startsWith('.') && n !== '.gitignore')).toEqual([]);
    expect(seen(r.ledger)).toEqual(uncached(r.ledger));
  }, 30_000);
});

function indexOf(r: TempRepo): { header: IndexHeader; segments: string[]; entries: [string, CacheEntry][] } {
  const decoded = DecodedIndex.decode(readFileSync(cacheFile(r)))!;
  return {
    header: decoded.header,
    segments: decoded.header.segments,
    entries: decoded.files().map((file, row) => [file, decoded.entry(row, file, true)]),
  };
}

describe('the cache reads only what it must', () => {
  afterEach(() => {
    loadOptions = {};
  });

  it('records a stat signature only for files left alone long enough (as Git does with racily clean files)', () => {
    const r = repo();
    seen(r.ledger);
    expect(indexOf(r).entries.every(([, e]) => e.sig === null)).toBe(true);
    loadOptions = TRUST_AT_ONCE;
    seen(r.ledger);
    const entries = indexOf(r).entries;
    expect(entries.length).toBeGreaterThan(1);
    for (const [file, e] of entries) expect(e.sig).toEqual(fileSignature(path.join(r.ledger, file)));
  });

  it('a file whose signature matches is not read again: only validate --since checks changed files for real', () => {
    const r = repo();
    loadOptions = TRUST_AT_ONCE;
    seen(r.ledger);
    // Make an edit the signature cannot show (as on a file system whose times do not move): the cache is fooled…
    const file = path.join(r.ledger, ITEM);
    writeFileSync(file, readFileSync(file, 'utf8').replace('scope: 一', 'scope: 九'));
    const index = indexOf(r);
    const forged = index.entries.map(
      ([name, entry]) => [name, name === ITEM ? { ...entry, sig: fileSignature(file) } : entry] as const,
    );
    writeFileSync(cacheFile(r), encodeIndex(index.header, forged));
    expect(load(r.ledger).diagnostics.filter((d) => d.file === ITEM)).toEqual([]);
    // …but not the check of a push, which names the changed files as fresh.
    expect(
      loadLedger(r.ledger, AS_OF, { fresh: new Set([ITEM]) })
        .diagnostics.filter((d) => d.file === ITEM)
        .map((d) => d.code),
    ).toContain('invalid-value');
    const out = runBbcs(['validate', '--since', 'HEAD', '--as-of', '2026-11-26'], r.dir);
    expect(out.status).toBe(1);
    expect(out.stdout + out.stderr).toContain(ITEM);
  });

  it('files copied afresh (new inodes and times, as in a clone with its cache restored) are found by their bytes, not checked again', () => {
    const r = repo();
    loadOptions = TRUST_AT_ONCE;
    seen(r.ledger);
    // A finding only the cache holds: it shows exactly when the entry is taken from the cache.
    const marker: Diagnostic = {
      code: 'invalid-value',
      severity: 'warning',
      file: ITEM,
      path: [],
      message: '只在缓存中',
      hint: '',
      line: 1,
      column: 1,
    };
    const index = indexOf(r);
    const marked = index.entries.map(
      ([name, entry]) => [name, name === ITEM ? { ...entry, diagnostics: [marker] } : entry] as const,
    );
    writeFileSync(cacheFile(r), encodeIndex(index.header, marked));
    const items = index.entries.map(([name]) => path.join(r.ledger, name));
    for (const file of items) {
      const bytes = readFileSync(file);
      rmSync(file);
      writeFileSync(file, bytes);
    }
    expect(load(r.ledger).diagnostics.filter((d) => d.file === ITEM)).toEqual([marker]);
    // Other bytes are checked for real.
    const edited = path.join(r.ledger, ITEM);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('scope: 一', 'scope: 九'));
    expect(
      load(r.ledger)
        .diagnostics.filter((d) => d.file === ITEM)
        .map((d) => d.code),
    ).toEqual(['invalid-value']);
    expect(load(r.ledger).diagnostics.filter((d) => d.file === ITEM)[0]!.message).not.toBe(marker.message);
  });

  it('BBCS_CACHE_DIR keeps the cache where a CI job saves it: a fresh clone elsewhere finds it by the files’ bytes', () => {
    const r = repo();
    const kept = mkdtempSync(path.join(tmpdir(), 'bbcs-kept-cache-'));
    const clones = mkdtempSync(path.join(tmpdir(), 'bbcs-clone-'));
    try {
      process.env.BBCS_CACHE_DIR = kept;
      seen(r.ledger);
      expect(existsSync(path.join(r.dir, '.git', 'bbcs-cache'))).toBe(false);
      expect(readdirSync(kept)).toHaveLength(1);
      const marker: Diagnostic = {
        code: 'invalid-value',
        severity: 'warning',
        file: ITEM,
        path: [],
        message: '只在缓存中',
        hint: '',
        line: 1,
        column: 1,
      };
      const index = indexOf(r);
      writeFileSync(
        cacheFile(r),
        encodeIndex(
          index.header,
          index.entries.map(
            ([name, entry]) => [name, name === ITEM ? { ...entry, diagnostics: [marker] } : entry] as const,
          ),
        ),
      );
      execFileSync('git', ['clone', '-q', r.dir, path.join(clones, 'run-2')], { stdio: 'ignore' });
      const cloned = path.join(clones, 'run-2', 'ledger');
      expect(cacheDirFor(cloned)).toBe(cacheDirFor(r.ledger));
      expect(load(cloned).diagnostics.filter((d) => d.file === ITEM)).toEqual([marker]);
    } finally {
      rmSync(kept, { recursive: true, force: true });
      rmSync(clones, { recursive: true, force: true });
    }
  });

  it('an item whose segment is gone or damaged is read from its file again', () => {
    const r = repo();
    const expected = uncached(r.ledger);
    seen(r.ledger);
    const segments = indexOf(r).segments.map((s) => path.join(cacheDirFor(r.ledger), s));
    expect(segments.length).toBe(1);
    writeFileSync(segments[0]!, Buffer.alloc(readFileSync(segments[0]!).length, 0x7b));
    expect(seen(r.ledger)).toEqual(expected);
    rmSync(segments[0]!);
    expect(seen(r.ledger)).toEqual(expected);
    expect(seen(r.ledger)).toEqual(expected);
  });

  it('remembers unit, policy and calendar files by content, and reads a damaged memo afresh', () => {
    const r = repo();
    const expected = uncached(r.ledger);
    seen(r.ledger);
    const memo = path.join(cacheDirFor(r.ledger), 'sources.json');
    expect(
      Object.keys((JSON.parse(readFileSync(memo, 'utf8')) as { values: object }).values).length,
    ).toBeGreaterThanOrEqual(4);
    expect(seen(r.ledger)).toEqual(expected);
    for (const damaged of ['garbage', '{"format":1,"code":"x","values":{}}', '']) {
      writeFileSync(memo, damaged);
      expect(seen(r.ledger)).toEqual(expected);
    }
    // A unit file broken now is read, and reported, as it is.
    writeFileSync(path.join(r.ledger, 'zjj/unit.yaml'), 'code: zjj\nname: [\n');
    expect(seen(r.ledger)).toEqual(uncached(r.ledger));
  });

  it('keeps report facets right when the policy changes, and equal to a load without cache', () => {
    const r = repo();
    const facets = () => [...load(r.ledger).items].map(([id, e]) => [id, e.facets]);
    const bare = () => {
      process.env.BBCS_NO_CACHE = '1';
      try {
        return facets();
      } finally {
        delete process.env.BBCS_NO_CACHE;
      }
    };
    expect(facets()).toEqual(bare());
    expect(facets().some(([, f]) => (f as { open: boolean }).open)).toBe(true);
    const policy = path.join(r.ledger, 'policy.yaml');
    // Without deadline rules no clock runs anywhere.
    writeFileSync(policy, 'version: 1\nrules: []\n');
    expect(facets()).toEqual(bare());
    expect(facets().every(([, f]) => !(f as { open: boolean }).open)).toBe(true);
  });

  it('writes a new segment only for new items and drops segments nobody uses', () => {
    const r = repo();
    loadOptions = TRUST_AT_ONCE;
    seen(r.ledger);
    const first = indexOf(r).segments;
    seen(r.ledger);
    expect(indexOf(r).segments).toEqual(first);
    const touch = (rel: string) =>
      writeFileSync(path.join(r.ledger, rel), `${readFileSync(path.join(r.ledger, rel), 'utf8')}# 补记\n`);
    touch(ITEM);
    expect(seen(r.ledger)).toEqual(uncached(r.ledger));
    const second = indexOf(r).segments;
    expect(second.length).toBe(2);
    expect(second).toContain(first[0]);
    // Now the first segment holds mostly unused items: everything in use is rewritten into one.
    touch('zjj/ZJJ-2026-0001.yaml');
    expect(seen(r.ledger)).toEqual(uncached(r.ledger));
    const third = indexOf(r).segments;
    expect(third.length).toBe(1);
    expect(second).not.toContain(third[0]);
    expect(readdirSync(cacheDirFor(r.ledger)).filter((n) => n.startsWith('seg-')).length).toBe(3);
  });
});

describe('the quick parse answers only where the positional parse finds nothing wrong', () => {
  const tricky = [
    'a: 1\na: 2\n',
    'a:\n\tb: 1\n',
    'a: &x 1\nb: *x\n',
    'a: 1\n---\nb: 2\n',
    '? a\n: 1\n',
    'a: !!str 1\n',
    '%YAML 1.2\n---\na: 1\n',
    '\uFEFFa: 1\n',
    'a: [1, 2]\n',
    'a: {b: 1}\n',
    '',
    '# only a comment\n',
    'a: 1\r\nb: 2\r\n',
    'a: "x\n',
    "a: 'x\n",
    'a: b: c\n',
    'a\nb: 1\n',
    'a: 0b101\nb: 1_000\nc: 0o17\nd: 0x1F\ne: -0\nf: +.5\ng: .inf\nh: .NaN\ni: True\nj: yes\nk: ~\nl: 2026-03-09\nm: 017\nn: 1.\n',
    'a:\n  - b: 1\n    b: 2\n',
    'a: |\n  text\n  more\nb: >-\n  folded\n  line\n',
    'a: "转义\\u4e2d"\n',
    `${'k'.repeat(1100)}: 1\n`,
    'a:\n- 1\n- 2\n',
    '- a\n- b\n',
    'just text\n',
    '__proto__: 1\nconstructor: 2\n',
    'a: "a" b\n',
    'a:    \n  b: 1\n',
    'a: 1 # c\n#x\n  b: 2\n',
    // A quoted value continued on a line no deeper than its key: js-yaml reads it, `yaml` (rightly) does not.
    'id: x\ntitle: "abc\ndef"\n',
    'id: x\nparty:\n  name: "abc\n  def"\n',
    "id: x\ntitle: 'abc\ndef'\n",
    'a:\n  b: "x\n y"\n',
    'a:\n- "x\n y"\n',
    'id: x\ntitle: "abc\n  def"\n',
    // …also where escaped quotes make every line's count even.
    'id: x\ntitle: "淮河新村\\"3号楼\n加装电梯\\"审批"\n',
    'id: x\nparty:\n  name: "他说\\"好\n  的\\""\n',
    "id: x\ntitle: 'it''s\nthe ''end'''\n",
    'a: "x\\\\"\nb: "y"\n',
  ];
  const files: [string, Buffer][] = tricky.map((t, i) => [`t${i}`, Buffer.from(t)]);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) files.push([p, readFileSync(p)]);
    }
  };
  walk(DEMO_LEDGER);
  walk(MINI_LEDGER);
  for (const fixture of [...DIAGNOSTIC_FIXTURES, ...HOSTILE_CASES]) {
    for (const [rel, v] of Object.entries(fixture.files))
      if (typeof v === 'string' || v instanceof Uint8Array) files.push([rel, Buffer.from(v)]);
  }

  it.each(files.map(([name, bytes], i) => [i, name, bytes] as const))('%i %s', (_i, _name, bytes) => {
    const quick = parseFast(bytes);
    const full = parseYamlSource('zjj/ZJJ-2026-0001.yaml', bytes);
    if (quick === undefined) return;
    expect(full.diagnostics).toEqual([]);
    expect(quick).toEqual(full.value);
    expect(JSON.stringify(quick)).toBe(JSON.stringify(full.value));
  });

  it('takes the quick path for the demo items', () => {
    const demo = files.filter(([n]) => n.startsWith(DEMO_LEDGER) && /[A-Z]+-\d{4}-\d+\.yaml$/.test(n));
    expect(demo.length).toBeGreaterThan(20);
    expect(demo.every(([, b]) => parseFast(b) !== undefined)).toBe(true);
  });
});

describe('an item that cannot be read again later in the run', () => {
  it('is reported as a ledger changed meanwhile (exit 2 in Chinese), not as a defect', () => {
    const r = repo();
    loadLedger(r.ledger, AS_OF, { settleMs: 0 });
    const ledger = loadLedger(r.ledger, AS_OF, { settleMs: 0 });
    const entry = ledger.items.get('ZJJ-2026-0002')!;
    // Its cached copy damaged in place (the run holds the segment open) and its file gone.
    const dir = cacheDirFor(r.ledger);
    for (const seg of readdirSync(dir).filter((f) => f.startsWith('seg-'))) {
      const abs = path.join(dir, seg);
      writeFileSync(abs, ' '.repeat(statSync(abs).size));
    }
    rmSync(path.join(r.ledger, ITEM));
    let thrown: unknown;
    try {
      entry.read();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LedgerChanged);
    expect((thrown as Error).message).toBe(
      `事项文件 ${ITEM} 在 bbcs 运行期间被改动、移走或无法读取；请在改动完成后重新运行命令`,
    );
  });
});
