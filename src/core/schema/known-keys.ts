import type * as z from 'zod';
import type { DataPath } from '../diagnostics.js';

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      current = def.innerType;
    } else {
      return current;
    }
  }
}

/** The keys a strict object accepts at `path` inside `schema`, for "did you mean" hints. */
export function keysAt(schema: AnySchema, path: DataPath): string[] {
  let current: AnySchema | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    const def = current._zod.def as { type: string; shape?: Record<string, AnySchema>; element?: AnySchema };
    if (def.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def.type === 'array' && typeof segment === 'number') current = def.element;
    else return [];
    current = current && unwrap(current);
  }
  const def = current?._zod.def as { type: string; shape?: Record<string, AnySchema> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
