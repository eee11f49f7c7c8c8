import { workerData } from 'node:worker_threads';
import { statChunks, type StatTask } from './stat-table.js';

/** A stat worker: takes chunks of files beside the main thread until none is left. */
statChunks(workerData as StatTask);
