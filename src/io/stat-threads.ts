import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerCount } from './check-workers.js';
import { finishChunks, statChunks, statTask } from './stat-table.js';

/**
 * The stat signatures of a ledger's item files. A warm run on a large ledger is mostly one lstat
 * per file, a system call that waits on nothing: a second thread taking chunks of files beside the
 * main one takes about a third off on 2 cores. Below a few ten thousand files starting the thread
 * costs more than it saves; BBCS_WORKERS=0 keeps everything in the main thread, any other number
 * forces the thread.
 */

const MIN_FILES = 20_000;
/** How long to wait for a chunk the other thread took before statting it again here. */
const CHUNK_WAIT_MS = 2_000;
const WORKER_SCRIPT = new URL('./stat-worker.js', import.meta.url);

function wantThread(files: number, env: NodeJS.ProcessEnv): boolean {
  if (env.BBCS_WORKERS !== undefined && /^\d+$/.test(env.BBCS_WORKERS)) return workerCount(files, env) > 0;
  return files >= MIN_FILES && workerCount(files, env) > 1;
}

/** A table of the files' signatures (read with signatureAt), in the files' order. */
export function statTable(root: string, files: readonly string[], env: NodeJS.ProcessEnv = process.env, workerScript: URL = WORKER_SCRIPT): Float64Array {
  const task = statTask(root, files);
  let worker: Worker | undefined;
  // The worker script exists only in the built program, not when the sources run under a test runner.
  if (wantThread(files.length, env) && existsSync(fileURLToPath(workerScript))) {
    try {
      worker = new Worker(workerScript, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
      worker.unref();
      worker.on('error', () => undefined);
    } catch {
      worker = undefined;
    }
  }
  statChunks(task);
  if (worker) {
    finishChunks(task, CHUNK_WAIT_MS);
    void worker.terminate();
  }
  return task.table;
}
