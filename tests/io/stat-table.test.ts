import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishChunks, signatureAt, STAT_CHUNK, statChunks, statTask } from '../../src/io/stat-table.js';
import { statTable } from '../../src/io/stat-threads.js';

/** The worker script as built (the sources have none to start). */
const BUILT_WORKER = pathToFileURL(path.resolve('dist/app/stat-worker.js'));

/** Enough files for several chunks, with a directory, a symlink and a missing file among them. */
let root = '';
let files: string[] = [];
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bbcs-stat-'));
  mkdirSync(path.join(root, 'u'));
  files = [];
  for (let i = 0; i < STAT_CHUNK * 3 + 17; i++) {
    const file = `u/f${i}.yaml`;
    writeFileSync(path.join(root, file), 'x'.repeat(i % 50));
    files.push(file);
  }
  mkdirSync(path.join(root, 'u/dir.yaml'));
  symlinkSync(path.join(root, 'u/f1.yaml'), path.join(root, 'u/link.yaml'));
  files.splice(5, 0, 'u/dir.yaml', 'u/link.yaml', 'u/missing.yaml');
  // Names that are not ASCII, one where a chunk starts: offsets into the shared names are bytes.
  for (const [at, name] of [[7, 'u/王营-事项.yaml'], [STAT_CHUNK, 'u/淮阴𠮷.yaml']] as const) {
    writeFileSync(path.join(root, name), name);
    files.splice(at, 0, name);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function expected(file: string) {
  const st = lstatSync(path.join(root, file), { throwIfNoEntry: false });
  return st?.isFile() ? { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } : undefined;
}

function expectTable(table: Float64Array): void {
  files.forEach((file, i) => expect(signatureAt(table, i), file).toEqual(expected(file)));
}

describe('stat table', () => {
  it('holds every file’s signature, and none for what is not a plain file', () => {
    expectTable(statTable(root, files, { BBCS_WORKERS: '0' }));
    expect(signatureAt(statTable(root, files, { BBCS_WORKERS: '0' }), files.indexOf('u/link.yaml'))).toBeUndefined();
  });

  it('is the same when a second thread takes chunks (the built worker)', () => {
    expect(existsSync(BUILT_WORKER), 'npm run build makes it').toBe(true);
    for (let run = 0; run < 3; run++) expectTable(statTable(root, files, { BBCS_WORKERS: '2' }, BUILT_WORKER));
  });

  it('stats a chunk another thread took and never finished', () => {
    const task = statTask(root, files);
    // A thread that died after taking the first chunk.
    Atomics.add(task.counter, 0, 1);
    statChunks(task);
    expect(Atomics.load(task.done, 0)).toBe(0);
    finishChunks(task, 10);
    expectTable(task.table);
  });

  it('handles a ledger with one item file or none, with a thread forced', () => {
    expect(signatureAt(statTable(root, ['u/f3.yaml'], { BBCS_WORKERS: '2' }, BUILT_WORKER), 0)).toEqual(expected('u/f3.yaml'));
    expect(() => statTable(root, [], { BBCS_WORKERS: '2' }, BUILT_WORKER)).not.toThrow();
  });
});
