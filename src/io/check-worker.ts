import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CheckTask, WorkerMessage, WorkerResult } from './check-workers.js';
import { readAndCheck, type ItemCheckContext } from './item-check.js';

/**
 * A check worker: takes the next file by a shared counter until none is left, and sends what it
 * found back in batches. Everything it does is the main thread's own item check.
 */

const BATCH = 64;
const task = workerData as CheckTask & { port: MessagePort };
const counters = new Int32Array(task.counters);
const context: ItemCheckContext = { units: new Map(task.units), asOf: task.asOf, policy: task.policy, office: task.office };

function run(): void {
  let batch: WorkerResult[] = [];
  for (;;) {
    const index = Atomics.add(counters, 0, 1);
    if (index >= task.files.length) break;
    batch.push({ index, ...readAndCheck(task.root, task.files[index]!, context) });
    if (batch.length >= BATCH) {
      task.port.postMessage({ results: batch } satisfies WorkerMessage);
      batch = [];
    }
  }
  task.port.postMessage({ results: batch } satisfies WorkerMessage);
}

try {
  run();
} catch (error) {
  task.port.postMessage({ results: [], failure: (error as Error).stack ?? String(error) } satisfies WorkerMessage);
} finally {
  Atomics.add(counters, 1, 1);
  Atomics.notify(counters, 1);
  parentPort?.close();
}
