import { branded } from '../io/branded-error.js';

/**
 * Bad usage or bad input from the person at the keyboard: one clear Chinese sentence, exit 2.
 * Problems inside ledger files are never this: they are diagnostics.
 */
export class UsageError extends branded(Symbol.for('bbcs.UsageError')) {}

/** The person at the keyboard stopped a prompt or did not confirm: nothing was written. */
export class Cancelled extends branded(Symbol.for('bbcs.Cancelled')) {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
