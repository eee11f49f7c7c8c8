/**
 * The built program is two bundles (see scripts/bundle.mjs), each with its own copy of this
 * module: an error thrown by a command's code must still be recognised by the part that turns
 * errors into exit codes. So these classes recognise instances by a registered symbol, not by
 * which copy made them.
 */
function branded(brand: symbol) {
  return class extends Error {
    readonly [brand] = true;

    static override [Symbol.hasInstance](value: unknown): boolean {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
    }
  };
}

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
