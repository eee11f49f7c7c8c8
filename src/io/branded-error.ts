/**
 * An error class that recognises its instances by a registered symbol rather than by which copy
 * of the class made them: the built program is several bundles (see scripts/bundle.mjs), each
 * with its own copy of the modules it uses, and an error thrown by a command's code must still be
 * recognised by the part that turns errors into exit codes.
 */
export function branded(brand: symbol) {
  return class extends Error {
    readonly [brand] = true;

    static override [Symbol.hasInstance](value: unknown): boolean {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
    }
  };
}
