import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { decodeFiles, TAKE, type CheckTask, type SentResult, type WorkerMessage } from './check-workers.js';
import { readAndCheck, type ItemCheckContext } from './item-check.js';
import { KnownDigests } from './known-digests.js';

/**
 * A check worker: takes the next few files by a shared counter until none is left, and sends what
 * it found back in batches, the items' JSON of a batch in one transferred buffer (the main thread
 * then neither copies nor encodes them). Everything it does is the main thread's own item check.
 */

const BATCH = 64;
const task = workerData as CheckTask & { port: MessagePort };
const counters = new Int32Array(task.counters);
const context: ItemCheckContext = {
  units: new Map(task.units),
  asOf: task.asOf,
  policy: task.policy,
  office: task.office,
};
const known = task.known && new KnownDigests(task.known);
const files = decodeFiles(task.files);

function send(results: SentResult[], parts: Uint8Array[]): void {
  const json = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    json.set(part, at);
    at += part.length;
  }
  task.port.postMessage({ results, json } satisfies WorkerMessage, [json.buffer]);
}

function run(): void {
  let results: SentResult[] = [];
  let parts: Uint8Array[] = [];
  for (;;) {
    const first = Atomics.add(counters, 0, TAKE);
    if (first >= files.length) break;
    for (let index = first; index < Math.min(first + TAKE, files.length); index++) {
      const { problems, sha1, checked } = readAndCheck(task.root, files[index]!, context, known?.at(index));
      if (checked?.json) parts.push(checked.json);
      results.push({
        index,
        problems,
        sha1,
        checked: checked && { check: checked.check, jsonBytes: checked.json?.length },
      });
    }
    if (results.length >= BATCH) {
      send(results, parts);
      results = [];
      parts = [];
    }
  }
  send(results, parts);
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
