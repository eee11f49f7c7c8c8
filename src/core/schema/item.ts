import * as z from 'zod';
import { itemId, phone, text, unitCode } from './fields.js';
import { CHANNELS, PARTY_KINDS, SCOPES } from './vocabulary.js';
import type { LedgerEvent } from './events.js';

/**
 * One matter: the fields of 附件3 “办不成事”事项登记表 plus what the mechanism needs to route it.
 * 受理人员 and 受理时间 are the `by` and `at` of the `registered` event: stored once, not twice.
 * `events` is checked event by event (see item-parse), so it is only "a list" here.
 */
export const ITEM_FIELDS_SCHEMA = z.strictObject({
  id: itemId(),
  unit: unitCode(),
  party: z.strictObject({
    name: text(),
    kind: z.enum(PARTY_KINDS),
    phone: phone(),
  }),
  title: text(),
  reason: text(),
  scope: z.enum(Object.keys(SCOPES) as [keyof typeof SCOPES, ...(keyof typeof SCOPES)[]]),
  channel: z.enum(Object.keys(CHANNELS) as [keyof typeof CHANNELS, ...(keyof typeof CHANNELS)[]]),
  responsible_unit: unitCode().optional(),
  related: z.array(itemId()).optional(),
  remark: text().optional(),
  events: z.array(z.unknown()),
});

export type ItemFields = Omit<z.infer<typeof ITEM_FIELDS_SCHEMA>, 'events'>;

export interface Item extends ItemFields {
  events: LedgerEvent[];
}

export const ITEM_FIELD_ORDER = [
  'id',
  'unit',
  'party',
  'title',
  'reason',
  'remark',
  'scope',
  'channel',
  'responsible_unit',
  'related',
  'events',
] as const;
