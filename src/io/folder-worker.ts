import { workerData, type MessagePort } from 'node:worker_threads';
import { takeFolders, type FolderTask } from './folder-listing.js';
import type { FolderMessage } from './folder-threads.js';

/** A folder worker: lists folders beside the main thread until none is left (see folder-threads.ts). */
const task = workerData as FolderTask & { port: MessagePort };
takeFolders(task, (index, listing) => {
  const transfer = listing.signatures ? [listing.kinds.buffer, listing.signatures.buffer] : [listing.kinds.buffer];
  task.port.postMessage({ index, listing } satisfies FolderMessage, transfer);
});
task.port.close();
