import * as z from 'zod';
import { itemId, text, timestamp, unitCode } from './fields.js';
import {
  CLOSING_OUTCOMES,
  DIFFICULTIES,
  FEEDBACK_KINDS,
  FEEDBACK_METHODS,
  MEETING_LEADS,
  RESTART_BASES,
  SATISFACTION,
  TRANSFER_TARGETS,
  TYPICAL_KINDS,
} from './vocabulary.js';

/**
 * The append-only history of an item: one event per step of 第五条–第六条. Every event has a
 * time, the person who recorded it, and an optional note; the rest is the step's own data.
 * Consent fields are optional here on purpose: their absence is a rule of the mechanism, checked
 * and explained by the workflow checks, not a shape error.
 */
const base = {
  at: timestamp(),
  by: text(),
  /** 经办单位: the unit that recorded the step; required for the 区办's own steps (see checks/history.ts). */
  unit: unitCode().optional(),
  note: text().optional(),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

export const EVENT_SCHEMAS = {
  registered: event('registered', {}),
  refused_on_spot: event('refused_on_spot', { legal_basis: text() }),
  confirmed: event('confirmed', { section: text(), consent_by: text().optional() }),
  classified: event('classified', { class: z.literal([1, 2, 3, 4]) }),
  resolved_internally: event('resolved_internally', { result: text() }),
  reported: event('reported', { consent_by: text().optional() }),
  decided: event('decided', {
    decision: z.literal([1, 2, 3, 4]),
    difficulty: z.enum(DIFFICULTIES).optional(),
    responsible_unit: unitCode().optional(),
    opinion: text(),
  }),
  supervised: event('supervised', {}),
  met: event('met', {
    led_by: z.enum(MEETING_LEADS),
    leader: text().optional(),
    participants: z.array(unitCode()).min(1).optional(),
    opinion: text(),
  }),
  feedback: event('feedback', {
    kind: z.enum(FEEDBACK_KINDS),
    method: z.enum(FEEDBACK_METHODS),
    content: text(),
  }),
  closed: event('closed', {
    outcome: z.enum(CLOSING_OUTCOMES),
    result: text(),
    refusal_reason: text().optional(),
  }),
  transferred: event('transferred', {
    to: z.enum(TRANSFER_TARGETS),
    number: text(),
  }),
  filed: event('filed', {}),
  visited: event('visited', { satisfaction: z.enum(SATISFACTION), method: z.enum(FEEDBACK_METHODS).optional() }),
  archived: event('archived', {}),
  restarted: event('restarted', {
    basis: z.enum(RESTART_BASES),
    reference: text(),
    precedent_item: itemId().optional(),
  }),
  /** 第七条（二）: the 区办 marks the item as a typical case; the state does not change. */
  typical: event('typical', { kind: z.enum(TYPICAL_KINDS), comment: text() }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export type LedgerEvent = { [K in EventType]: z.infer<(typeof EVENT_SCHEMAS)[K]> }[EventType];
export type EventOf<K extends EventType> = Extract<LedgerEvent, { type: K }>;

export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(EVENT_SCHEMAS, value);
}

/** Chinese name of each step, as officers say it. */
export const EVENT_NAMES: Record<EventType, string> = {
  registered: '登记',
  refused_on_spot: '当场告知不能办理',
  confirmed: '科室确认暂时无法办理',
  classified: '牵头科室研判分类',
  resolved_internally: '本单位内部协调解决',
  reported: '上报区办',
  decided: '区办研判',
  supervised: '交办督办',
  met: '会办',
  feedback: '向当事方反馈',
  closed: '办结',
  transferred: '转办',
  filed: '备案',
  visited: '满意度回访',
  archived: '归档',
  restarted: '重启办理',
  typical: '标记典型案例',
};

/** Field order for writing, so every file lists an event's fields the same way. */
export function eventFieldOrder(type: EventType): string[] {
  return [
    'type',
    'at',
    'by',
    ...Object.keys(EVENT_SCHEMAS[type].shape).filter((k) => !['type', 'at', 'by', 'note'].includes(k)),
    'note',
  ];
}
