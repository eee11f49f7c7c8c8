import { parseAsOf } from '../core/time.js';
import { LedgerNotFound, resolveLedgerRoot } from '../io/ledger-root.js';
import { UsageError } from './errors.js';

/** Options shared by commands that read the ledger. */
export interface LedgerOptions {
  ledger?: string;
  asOf?: string;
}

export function ledgerRoot(options: LedgerOptions): string {
  try {
    return resolveLedgerRoot(options.ledger, process.env, process.cwd());
  } catch (error) {
    if (error instanceof LedgerNotFound) throw new UsageError(error.message);
    throw error;
  }
}

/** "Now" in China time, or the moment the user asked for with --as-of. */
export function asOf(options: LedgerOptions, now: () => number = Date.now): number {
  if (options.asOf === undefined) return now();
  const parsed = parseAsOf(options.asOf);
  if (parsed === undefined) {
    throw new UsageError(
      `--as-of 的值「${options.asOf}」不是有效的日期或时间：可写 2026-06-30，或 2026-06-30T17:00:00+08:00`,
    );
  }
  return parsed;
}
