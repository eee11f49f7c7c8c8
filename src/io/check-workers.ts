import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Policy } from '../core/schema/policy.js';
import type { Unit } from '../core/schema/unit.js';
import type { CachedCheck } from './cache.js';
import type { FileCheck, ItemCheckContext } from './item-check.js';
import type { KnownDigests, KnownDigestsData } from './known-digests.js';
import type { LedgerFile } from './ledger-scan.js';
import { workerCount } from './worker-count.js';

/**
 * Checks many item files at once on every core, for a cold cache on a large ledger. The caller
 * stays synchronous: it sleeps on a shared counter and takes the workers' results from their
 * ports as they come. Below a few thousand files the threads' start-up costs more than it saves.
 */

/** Fewer files than this are checked in the main thread. */
const MIN_FILES = 2000;
const STALL_MS = 20_000;
/** Files a worker takes at a time: neighbours checked together keep the items' order in the cache's segment. */
export const TAKE = 16;
/**
 * A worker keeps nothing between files but a batch of results, so a small heap does; without a
 * limit each worker's heap grows as the main thread's does, and a large ledger's first run took
 * more memory than the whole check needs.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

export interface CheckTask {
  root: string;
  files: FileList;
  units: [string, Unit][];
  asOf: number;
  policy: Policy;
  office: string;
  /** [next file to take, workers finished]. */
  counters: SharedArrayBuffer;
  /** The SHA-1 the cache knows for each file, where it knows one. */
  known?: KnownDigestsData;
}

export interface WorkerResult extends FileCheck {
  index: number;
}

/** A result as a worker sends it: the item's JSON travels in its batch's bytes. */
export interface SentResult extends Omit<WorkerResult, 'checked'> {
  checked?: { check: CachedCheck; jsonBytes?: number };
}

export interface WorkerMessage {
  results: SentResult[];
  /** The JSON of the batch's items, one after the other (transferred, not copied). */
  json?: Uint8Array;
  /** A bug in the check: the stack, to be raised in the main thread. */
  failure?: string;
}

/**
 * The files to check as NUL-separated text (no file name holds a NUL): a hundred thousand
 * objects cost the main thread a tenth of a second to clone for each worker, four strings nothing.
 */
export interface FileList {
  kinds: string;
  files: string;
  folders: string;
  stems: string;
}

export function encodeFiles(files: readonly LedgerFile[]): FileList {
  const column = (pick: (f: LedgerFile) => string) => files.map(pick).join('\0');
  return {
    kinds: column((f) => f.kind),
    files: column((f) => f.file),
    folders: column((f) => f.folder),
    stems: column((f) => f.stem),
  };
}

export function decodeFiles(list: FileList): LedgerFile[] {
  const kinds = list.kinds.split('\0') as LedgerFile['kind'][];
  const files = list.files.split('\0');
  const folders = list.folders.split('\0');
  const stems = list.stems.split('\0');
  return files.map((file, i) => ({ kind: kinds[i]!, file, folder: folders[i]!, stem: stems[i]! }));
}

/** How many workers to check `files` files in: BBCS_WORKERS sets it (0: none). */
export function checkWorkerCount(files: number, env: NodeJS.ProcessEnv = process.env): number {
  return workerCount(files, MIN_FILES, env);
}

const WORKER_SCRIPT = new URL('./check-worker.js', import.meta.url);

export interface WorkerOptions {
  /** The worker's script (tests point at the built one, or at one that dies). */
  workerScript?: URL;
  /** How long to hear nothing before giving up on workers that have not finished. */
  stallMs?: number;
  /** Files whose bytes hash to these are read and hashed but not checked (see readAndCheck). */
  known?: KnownDigests;
}

/**
 * Checks `files` in `count` workers, handing each result to `onResult` (in no particular order);
 * a file a worker could not answer for (it died) gets no result, and the caller checks it — as it
 * checks every file when workers cannot run here (the worker script exists only in the built
 * program, not when the sources run under a test runner).
 */
export function checkInWorkers(
  root: string,
  files: LedgerFile[],
  context: ItemCheckContext,
  count: number,
  onResult: (result: WorkerResult) => void,
  options: WorkerOptions = {},
): void {
  const { workerScript = WORKER_SCRIPT, stallMs = STALL_MS, known } = options;
  if (count <= 0 || files.length === 0 || !existsSync(fileURLToPath(workerScript))) return;
  const counters = new SharedArrayBuffer(8);
  const state = new Int32Array(counters);
  const task: CheckTask = {
    root,
    files: encodeFiles(files),
    units: [...context.units],
    asOf: context.asOf,
    policy: context.policy,
    office: context.office,
    counters,
    ...(known ? { known: known.data } : {}),
  };
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  let failure: string | undefined;
  const drain = (): boolean => {
    let any = false;
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const message = m.message as WorkerMessage;
        failure ??= message.failure;
        const json = message.json
          ? Buffer.from(message.json.buffer, message.json.byteOffset, message.json.byteLength)
          : undefined;
        let at = 0;
        // Fields named one by one: spreading a cloned object costs more than the rest of the hand-over.
        for (const { index, problems, sha1, checked } of message.results) {
          if (!checked) {
            onResult({ index, problems, sha1 });
            continue;
          }
          const { jsonBytes, check } = checked;
          onResult({
            index,
            problems,
            sha1,
            checked:
              jsonBytes === undefined || !json ? { check } : { check, json: json.subarray(at, (at += jsonBytes)) },
          });
        }
        any = true;
      }
    }
    return any;
  };
  try {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1);
      workers.push(
        new Worker(workerScript, {
          workerData: { ...task, port: port2 },
          transferList: [port2],
          resourceLimits: WORKER_LIMITS,
        }),
      );
    }
    // A worker that dies without a word (out of its memory limit, killed) leaves its files unanswered:
    // after a silence the waiting ends, and the caller checks what is missing itself.
    let heard = Date.now();
    for (let finished = 0; finished < count; finished = Atomics.load(state, 1)) {
      Atomics.wait(state, 1, finished, 50);
      if (drain()) heard = Date.now();
      else if (Date.now() - heard > stallMs) break;
    }
    drain();
  } finally {
    for (const worker of workers) void worker.terminate();
    for (const port of ports) port.close();
  }
  if (failure) throw new Error(`check worker failed:\n${failure}`);
}
