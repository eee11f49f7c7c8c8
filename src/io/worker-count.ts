import { availableParallelism } from 'node:os';

/**
 * How many worker threads to use. BBCS_WORKERS sets the number (0: none); unset, every core is
 * used, for work large enough that starting the threads pays off — each caller knows how large
 * that is. A value that is not a number is ignored (the command line names it).
 */

export const MAX_WORKERS = 8;

/** The number BBCS_WORKERS sets, if it is a number. */
export function workersSet(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const set = env.BBCS_WORKERS;
  return set !== undefined && /^\d+$/.test(set) ? Math.min(Number(set), MAX_WORKERS) : undefined;
}

/** Workers for `size` units of work, none below `worthFrom` unless BBCS_WORKERS says otherwise. */
export function workerCount(size: number, worthFrom: number, env: NodeJS.ProcessEnv = process.env): number {
  return workersSet(env) ?? (size >= worthFrom ? Math.min(availableParallelism(), MAX_WORKERS) : 0);
}
