import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { workerCount, workersSet } from './worker-count.js';
import { listFolder, takeFolders, type FolderListing, type FolderTask } from './folder-listing.js';

/**
 * Lists a ledger's unit folders, statting every file when signatures are wanted. On a large
 * ledger a warm run is mostly that — one readdir per folder and one lstat per file, system calls
 * that wait on nothing — so a second thread takes folders beside the main one. Whether it is
 * worth starting is judged from the first folder: below a few ten thousand files its start-up
 * costs more than it saves. BBCS_WORKERS=0 keeps everything in the main thread; any other number
 * forces the thread.
 */

const MIN_FILES = 20_000;
/** How long to wait for a folder the other thread took before listing it again here. */
const FOLDER_WAIT_MS = 2_000;
const WORKER_SCRIPT = new URL('./folder-worker.js', import.meta.url);

export interface FolderMessage {
  index: number;
  listing: FolderListing;
}

function wantThread(estimatedFiles: number, env: NodeJS.ProcessEnv): boolean {
  const forced = workersSet(env) !== undefined;
  // Unless forced, a thread beside the main one is worth it only where there is another core.
  return workerCount(estimatedFiles, MIN_FILES, env) > (forced ? 0 : 1);
}

function startWorker(task: FolderTask, workerScript: URL): { worker: Worker; port: MessagePort } | undefined {
  // The worker script exists only in the built program, not when the sources run under a test runner.
  if (!existsSync(fileURLToPath(workerScript))) return undefined;
  const { port1, port2 } = new MessageChannel();
  try {
    const worker = new Worker(workerScript, {
      workerData: { ...task, port: port2 },
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    });
    worker.unref();
    worker.on('error', () => undefined);
    return { worker, port: port1 };
  } catch {
    port1.close();
    return undefined;
  }
}

export function folderTask(dirs: readonly string[], withSignatures: boolean): FolderTask {
  return {
    dirs: [...dirs],
    withSignatures,
    counter: new Int32Array(new SharedArrayBuffer(4)),
    done: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, dirs.length))),
  };
}

/** The listings of `dirs` (absolute paths), in their order. */
export function listFolders(
  dirs: readonly string[],
  withSignatures: boolean,
  env: NodeJS.ProcessEnv = process.env,
  workerScript: URL = WORKER_SCRIPT,
): FolderListing[] {
  const task = folderTask(dirs, withSignatures);
  const listings: (FolderListing | undefined)[] = new Array<FolderListing | undefined>(dirs.length);
  let helper: ReturnType<typeof startWorker>;
  takeFolders(task, (index, listing) => {
    listings[index] = listing;
    if (index === 0 && wantThread(listing.names.length * dirs.length, env)) helper = startWorker(task, workerScript);
  });
  if (!helper) return listings as FolderListing[];
  try {
    return finishFolders(task, listings, helper.port, FOLDER_WAIT_MS);
  } finally {
    void helper.worker.terminate();
    helper.port.close();
  }
}

/**
 * Gathers the listings of the folders another thread took (posted on `port` before they are
 * marked done); one it has not finished within `waitMs` (it may have died) is listed here.
 */
export function finishFolders(
  task: FolderTask,
  listings: (FolderListing | undefined)[],
  port: MessagePort | undefined,
  waitMs: number,
): FolderListing[] {
  const drain = () => {
    for (let m = port && receiveMessageOnPort(port); m; m = receiveMessageOnPort(port!)) {
      const { index, listing } = m.message as FolderMessage;
      listings[index] = listing;
    }
  };
  for (let i = 0; i < task.dirs.length; i++) {
    if (listings[i]) continue;
    if (Atomics.wait(task.done, i, 0, waitMs) !== 'timed-out') drain();
    listings[i] ??= listFolder(task.dirs[i]!, task.withSignatures);
  }
  return listings as FolderListing[];
}
