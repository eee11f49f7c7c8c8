import { lstatSync } from 'node:fs';
import type { FileSignature } from './file-signature.js';

/**
 * Stat signatures of many files in one shared table, filled in chunks by whichever thread takes
 * a chunk first (see stat-threads.ts). Kept free of other imports: the stat worker loads only this.
 */

/** ino, size, mtimeMs, ctimeMs per file; ino NaN when the file is gone or not a plain file. */
export const STAT_FIELDS = 4;
export const STAT_CHUNK = 512;

export interface StatTask {
  root: string;
  /**
   * The files' names relative to root, NUL-separated UTF-8, and where each ends: shared, not
   * copied — cloning a hundred thousand strings into the worker cost the main thread more than a
   * chunk of stats.
   */
  names: Uint8Array;
  ends: Uint32Array;
  /** [next chunk to take]. */
  counter: Int32Array;
  /** 1 once a chunk's rows are written. */
  done: Int32Array;
  table: Float64Array;
}

const countOf = (task: StatTask): number => task.ends.length;

function statChunk(task: StatTask, chunk: number): void {
  const end = Math.min(countOf(task), (chunk + 1) * STAT_CHUNK);
  const names = Buffer.from(task.names.buffer, task.names.byteOffset, task.names.byteLength);
  for (let i = chunk * STAT_CHUNK; i < end; i++) {
    const name = names.toString('utf8', i === 0 ? 0 : task.ends[i - 1]! + 1, task.ends[i]);
    // Joined by hand: path.join's normalising, once per file of a large ledger, shows in a warm run.
    const st = lstatSync(`${task.root}/${name}`, { throwIfNoEntry: false });
    const at = i * STAT_FIELDS;
    if (!st?.isFile()) {
      task.table[at] = NaN;
      continue;
    }
    task.table[at] = st.ino;
    task.table[at + 1] = st.size;
    task.table[at + 2] = st.mtimeMs;
    task.table[at + 3] = st.ctimeMs;
  }
  Atomics.store(task.done, chunk, 1);
  Atomics.notify(task.done, chunk);
}

/** Takes chunks until none is left. */
export function statChunks(task: StatTask): void {
  const chunks = Math.ceil(countOf(task) / STAT_CHUNK);
  for (let chunk = Atomics.add(task.counter, 0, 1); chunk < chunks; chunk = Atomics.add(task.counter, 0, 1)) statChunk(task, chunk);
}

/**
 * Waits for the chunks another thread took; one it has not finished within `waitMs` (it may have
 * died) is statted here.
 */
export function finishChunks(task: StatTask, waitMs: number): void {
  const chunks = Math.ceil(countOf(task) / STAT_CHUNK);
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (!Atomics.load(task.done, chunk) && Atomics.wait(task.done, chunk, 0, waitMs) === 'timed-out') statChunk(task, chunk);
  }
}

/** A task for `files`, its table not yet filled. */
export function statTask(root: string, files: readonly string[]): StatTask {
  const joined = files.join('\0');
  const names = new Uint8Array(new SharedArrayBuffer(Math.max(1, Buffer.byteLength(joined))));
  Buffer.from(names.buffer).write(joined);
  const ends = new Uint32Array(new SharedArrayBuffer(4 * Math.max(1, files.length))).subarray(0, files.length);
  let at = 0;
  for (let i = 0; i < files.length; i++) {
    const nul = i + 1 < files.length ? names.indexOf(0, at) : Buffer.byteLength(joined);
    ends[i] = nul;
    at = nul + 1;
  }
  return {
    root,
    names,
    ends,
    counter: new Int32Array(new SharedArrayBuffer(4)),
    done: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, Math.ceil(files.length / STAT_CHUNK)))),
    table: new Float64Array(new SharedArrayBuffer(8 * STAT_FIELDS * Math.max(1, files.length))),
  };
}

export function signatureAt(table: Float64Array, i: number): FileSignature | undefined {
  const at = i * STAT_FIELDS;
  const ino = table[at]!;
  return Number.isNaN(ino) ? undefined : { ino, size: table[at + 1]!, mtimeMs: table[at + 2]!, ctimeMs: table[at + 3]! };
}
