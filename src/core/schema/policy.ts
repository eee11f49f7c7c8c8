import * as z from 'zod';
import { EVENT_TYPES, type EventType } from './events.js';
import { DIFFICULTIES } from './vocabulary.js';
import { text } from './fields.js';

/**
 * The ledger's deadline rules (`policy.yaml`). Each rule says which step starts a clock, which
 * steps stop it, whose obligation it is, and how many working days it allows. The defaults are
 * the 管理办法's own numbers; another district can write its own.
 */

const eventType = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** A step, optionally only with certain field values (e.g. `decided` with `decision: [1]`). */
export const EVENT_MATCH_SCHEMA = z.strictObject({
  event: eventType,
  where: z.record(z.string(), z.array(z.union([z.string(), z.number()])).min(1)).optional(),
});

export const OWNERS = {
  unit: '登记单位',
  responsible: '责任单位（区办指定的单位，未指定时为登记单位）',
  office: '区办',
} as const;

export const RULE_SCHEMA = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: text(),
  owner: z.enum(Object.keys(OWNERS) as [keyof typeof OWNERS, ...(keyof typeof OWNERS)[]]),
  start: z.array(EVENT_MATCH_SCHEMA).min(1),
  stop: z.array(EVENT_MATCH_SCHEMA).min(1),
  /** Working days allowed; absent means the step is tracked without a deadline. */
  days: z.number().int().min(0).max(365).optional(),
  /** Working days by the difficulty the 区办 set; takes the place of `days`. */
  days_by_difficulty: z.record(z.enum(DIFFICULTIES), z.number().int().min(0).max(365)).optional(),
  basis: text().optional(),
});

export const POLICY_SCHEMA = z.strictObject({
  version: z.literal(1),
  /** 黄牌: due within this many working days. */
  warn_within: z.number().int().min(0).max(30).default(1),
  weekly_summary: z.strictObject({ weekday: z.number().int().min(1).max(7) }).default({ weekday: 5 }),
  /** Clocks that a step stops for good: parking (decision 4) and restarting. */
  stop_all: z.array(EVENT_MATCH_SCHEMA).optional(),
  rules: z.array(RULE_SCHEMA).optional(),
});

export type EventMatch = z.infer<typeof EVENT_MATCH_SCHEMA>;
export type DeadlineRule = z.infer<typeof RULE_SCHEMA>;
export type PolicyFile = z.infer<typeof POLICY_SCHEMA>;

export interface Policy {
  warnWithin: number;
  weeklyWeekday: number;
  stopAll: EventMatch[];
  rules: DeadlineRule[];
}
