import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { cleanParser, NOT_CLEAN } from '../../src/core/schema/clean.js';
import { EVENT_SCHEMAS } from '../../src/core/schema/events.js';
import { ITEM_FIELDS_SCHEMA } from '../../src/core/schema/item.js';
import { parseYamlSource } from '../../src/io/yaml-source.js';
import { DEMO_LEDGER } from '../helpers/temp-ledger.js';

/** The quick parse must answer exactly as zod does, or decline: checked on real and edited values. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  ' x',
  'x ',
  'x',
  1,
  0,
  3,
  5,
  1.5,
  true,
  [],
  {},
  ['x'],
  'ZJJ-2026-0001',
  'zjj',
  'ZJJ',
  '2026-02-30T09:00:00+08:00',
  '2026-02-03T09:00:00+08:00',
  '2026-02-03T09:00',
  '0517-80009012',
  '123',
  '企业',
  '窗口',
  '一',
  '区办',
  'qbb',
  ['qbb'],
  ['ZJJ-2026-0001'],
  [1],
  '简单',
  '办成',
  '满意',
];

function itemValues(dir: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) itemValues(p, out);
    else if (/^[A-Z]+-\d{4}-\d+\.yaml$/.test(e.name))
      out.push(parseYamlSource(p, readFileSync(p)).value as Record<string, unknown>);
  }
  return out;
}

function agrees(
  schema: z.core.$ZodType & { safeParse: (v: unknown, o: object) => { success: boolean; data?: unknown } },
  value: unknown,
): boolean {
  const quick = cleanParser(schema)(value);
  if (quick === NOT_CLEAN) return false;
  const full = schema.safeParse(value, { reportInput: true });
  expect(full.success).toBe(true);
  expect(JSON.stringify(quick)).toBe(JSON.stringify(full.data));
  expect(quick).toEqual(full.data);
  return true;
}

describe('the clean-value parse', () => {
  const items = itemValues(DEMO_LEDGER);
  it('takes every demo item and event, as zod reads them', () => {
    for (const item of items) {
      expect(agrees(ITEM_FIELDS_SCHEMA, item)).toBe(true);
      for (const event of item.events as { type: keyof typeof EVENT_SCHEMAS }[])
        expect(agrees(EVENT_SCHEMAS[event.type], event)).toBe(true);
    }
  });

  it('declines or agrees on every one-field edit', () => {
    const item = items.find((i) => (i.events as unknown[]).length > 5)!;
    for (const key of [...Object.keys(item), 'extra', 'related', 'remark', 'responsible_unit']) {
      for (const value of VALUES) {
        agrees(ITEM_FIELDS_SCHEMA, { ...item, [key]: value });
        agrees(ITEM_FIELDS_SCHEMA, {
          ...item,
          party: { ...(item.party as object), [key === 'extra' ? 'x' : 'phone']: value },
        });
      }
      const { [key]: _gone, ...rest } = item;
      agrees(ITEM_FIELDS_SCHEMA, rest);
    }
    for (const event of item.events as Record<string, unknown>[]) {
      const schema = EVENT_SCHEMAS[event.type as keyof typeof EVENT_SCHEMAS];
      for (const key of [...Object.keys(event), 'unit', 'note', 'consent_by', 'participants', 'difficulty', 'foo']) {
        for (const value of VALUES) agrees(schema, { ...event, [key]: value });
        const { [key]: _gone, ...rest } = event;
        agrees(schema, rest);
      }
    }
  });
});
