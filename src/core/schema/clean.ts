import type * as z from 'zod';

/**
 * A quick answer for the common case: a value that is already exactly what a schema accepts.
 * zod's parse costs most of an item check, and nearly every value in a ledger is clean; zod's
 * result matters only when something is wrong (its issues become the diagnostics). So each
 * schema is compiled once into a plain function that either returns exactly the value zod would
 * return, or NOT_CLEAN, and then zod runs as before. "Exactly" holds by construction:
 *
 * - only the constructs below are compiled, each mirroring zod 4's own parse (object keys in
 *   shape order, optional keys present only when present in the input, arrays copied, strict
 *   objects refusing any key `for…in` sees outside the shape); anything else makes the whole
 *   schema uncompilable, and it is always parsed by zod;
 * - a string schema with checks is compiled only when its factory declared, with `cleanWhen`,
 *   the plain test under which zod passes the string unchanged; where zod would change a value
 *   (trimming) the test refuses it, and zod does the changing.
 *
 * The answer is conservative: NOT_CLEAN never means invalid, only "ask zod".
 */
export const NOT_CLEAN: unique symbol = Symbol('not clean');

type AnySchema = z.core.$ZodType;
export type CleanParser<T> = (value: unknown) => T | typeof NOT_CLEAN;
type Compiled = (value: unknown) => unknown;

const stringTests = new WeakMap<AnySchema, (value: string) => boolean>();

/**
 * Declares when a string schema passes a string through unchanged and without issues. Used by
 * the field factories (fields.ts) right where the refinement is written, so the two cannot drift.
 */
export function cleanWhen<S extends AnySchema>(schema: S, test: (value: string) => boolean): S {
  stringTests.set(schema, test);
  return schema;
}

class Uncompilable extends Error {}

interface Def {
  type: string;
  coerce?: boolean;
  checks?: { _zod: { def: { check: string; minimum?: number } } }[];
  innerType?: AnySchema;
  element?: AnySchema;
  shape?: Record<string, AnySchema>;
  catchall?: AnySchema;
}

function compileString(schema: AnySchema, def: Def): Compiled {
  if (def.coerce) throw new Uncompilable('a coercing string');
  const test = stringTests.get(schema);
  if (test) return (value) => (typeof value === 'string' && test(value) ? value : NOT_CLEAN);
  if (def.checks?.length) throw new Uncompilable('a string with undeclared checks');
  return (value) => (typeof value === 'string' ? value : NOT_CLEAN);
}

/** Enums and literals: zod tests membership in the very Set used here. */
function compileValues(schema: AnySchema): Compiled {
  const values = schema._zod.values;
  if (!values) throw new Uncompilable('no value set');
  return (value) => (values.has(value as never) ? value : NOT_CLEAN);
}

function minimumLength(def: Def): number {
  let minimum = 0;
  for (const check of def.checks ?? []) {
    const own = check._zod.def;
    if (own.check !== 'min_length' || own.minimum === undefined) throw new Uncompilable(`an array check ${own.check}`);
    minimum = Math.max(minimum, own.minimum);
  }
  return minimum;
}

function compileArray(def: Def): Compiled {
  const element = compile(def.element!);
  const minimum = minimumLength(def);
  return (value) => {
    if (!Array.isArray(value) || value.length < minimum) return NOT_CLEAN;
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const inner = element(value[i]);
      if (inner === NOT_CLEAN) return NOT_CLEAN;
      out[i] = inner;
    }
    return out;
  };
}

interface Field {
  key: string;
  parse: Compiled;
  optional: boolean;
}

function compileField(key: string, schema: AnySchema): Field {
  const def = schema._zod.def as Def;
  if (def.type !== 'optional') return { key, parse: compile(schema), optional: false };
  return { key, parse: compile(def.innerType!), optional: true };
}

/** A strict object (catchall never): no key outside the shape, every field clean, output in shape order. */
function compileObject(def: Def): Compiled {
  if (def.checks?.length || (def.catchall?._zod.def as Def | undefined)?.type !== 'never')
    throw new Uncompilable('not a plain strict object');
  const fields = Object.entries(def.shape!).map(([key, schema]) => compileField(key, schema));
  const known = new Set(fields.map((f) => f.key));
  if (known.has('__proto__')) throw new Uncompilable('a __proto__ key');
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return NOT_CLEAN;
    const input = value as Record<string, unknown>;
    for (const key in input) if (!known.has(key)) return NOT_CLEAN;
    const out: Record<string, unknown> = {};
    for (const { key, parse, optional } of fields) {
      if (!(key in input)) {
        if (optional) continue;
        return NOT_CLEAN;
      }
      const inner = input[key];
      // zod's optional passes a present undefined through, and the object keeps the key.
      const parsed = optional && inner === undefined ? undefined : parse(inner);
      if (parsed === NOT_CLEAN) return NOT_CLEAN;
      out[key] = parsed;
    }
    return out;
  };
}

function compile(schema: AnySchema): Compiled {
  const def = schema._zod.def as Def;
  switch (def.type) {
    case 'string':
      return compileString(schema, def);
    case 'enum':
    case 'literal':
      if (def.checks?.length) throw new Uncompilable('checks on a value set');
      return compileValues(schema);
    case 'unknown':
      return (value) => value;
    case 'array':
      return compileArray(def);
    case 'object':
      return compileObject(def);
    default:
      throw new Uncompilable(def.type);
  }
}

/** The quick parse of `schema`; a schema using anything not mirrored here always answers NOT_CLEAN. */
export function cleanParser<S extends AnySchema>(schema: S): CleanParser<z.core.output<S>> {
  try {
    return compile(schema) as CleanParser<z.core.output<S>>;
  } catch (error) {
    if (error instanceof Uncompilable) return () => NOT_CLEAN;
    throw error;
  }
}
