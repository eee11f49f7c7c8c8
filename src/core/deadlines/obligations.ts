import type { Calendar } from '../calendar/calendar.js';
import { addWorkingDays, workingDaysBetween } from '../calendar/calendar.js';
import type { EventType, LedgerEvent } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import type { DeadlineRule, EventMatch, Policy } from '../schema/policy.js';
import type { Difficulty } from '../schema/vocabulary.js';
import { chinaDate, parseTimestamp, startOfChinaDay, type CivilDate } from '../time.js';

/**
 * What an item owes, by whom, by when. Obligations are derived from the events and the policy
 * each time, never stored: a corrected event or policy changes them everywhere at once.
 */

export interface Obligation {
  itemId: string;
  rule: DeadlineRule;
  /** The unit that owes it (a unit code). */
  owner: string;
  startedAt: number;
  startIndex: number;
  /** Working days allowed; undefined when the rule sets no deadline. */
  days?: number;
  /** The last day, ending at 24:00 China time. */
  due?: CivilDate;
  /** Years without a published schedule that the deadline depends on. */
  unknownYears: number[];
  /** When a stopping step came: done, or stopped by parking / restart. */
  endedAt?: number;
  endIndex?: number;
  ended?: 'done' | 'stopped';
  /** The step that ended it (e.g. `restarted` for a clock a restart stopped). */
  endedBy?: EventType;
}

function matches(match: EventMatch, event: LedgerEvent): boolean {
  if (match.event !== event.type) return false;
  if (!match.where) return true;
  const fields = event as unknown as Record<string, unknown>;
  return Object.entries(match.where).every(([field, values]) =>
    values.some((v) => String(v) === String(fields[field])),
  );
}

const matchesAny = (list: readonly EventMatch[], event: LedgerEvent) => list.some((m) => matches(m, event));

function epoch(event: LedgerEvent): number {
  const parsed = parseTimestamp(event.at);
  if (!parsed.ok) throw new Error(`obligations: event time was not validated: ${event.at}`);
  return parsed.epochMs;
}

interface Routing {
  unit: string;
  responsible: string;
  office: string;
  difficulty?: Difficulty;
}

function ownerOf(rule: DeadlineRule, routing: Routing): string {
  return rule.owner === 'unit' ? routing.unit : rule.owner === 'office' ? routing.office : routing.responsible;
}

function daysFor(rule: DeadlineRule, difficulty: Difficulty | undefined): number | undefined {
  if (rule.days_by_difficulty) return difficulty ? rule.days_by_difficulty[difficulty] : undefined;
  return rule.days;
}

function isRunning(open: ReadonlySet<Obligation>, ruleId: string): boolean {
  for (const obligation of open) if (obligation.rule.id === ruleId) return true;
  return false;
}

/**
 * Every obligation of one item, open or ended, in the order they started. Without a calendar
 * the obligations are not dated (no `due`): enough to know which are still open.
 */
export function obligationsOf(
  item: Item,
  policy: Policy,
  calendar: Calendar | undefined,
  officeUnit: string,
): Obligation[] {
  const routing: Routing = { unit: item.unit, responsible: item.responsible_unit ?? item.unit, office: officeUnit };
  const all: Obligation[] = [];
  const open = new Set<Obligation>();
  item.events.forEach((event, index) => {
    const at = epoch(event);
    // Deleting the entry being visited is safe in a Set's for…of; nothing is added here.
    for (const obligation of open) {
      const ended = matchesAny(obligation.rule.stop, event)
        ? 'done'
        : matchesAny(policy.stopAll, event)
          ? 'stopped'
          : undefined;
      if (ended === undefined) continue;
      obligation.endedAt = at;
      obligation.endIndex = index;
      obligation.ended = ended;
      obligation.endedBy = event.type;
      open.delete(obligation);
    }
    if (event.type === 'decided') {
      if (event.responsible_unit) routing.responsible = event.responsible_unit;
      if (event.difficulty) routing.difficulty = event.difficulty;
    }
    // As in derive(): after a restart the 区办 sets the difficulty anew. Keeping the old one would
    // give a new decision without a difficulty the old number of days, a deadline nobody set.
    if (event.type === 'restarted') delete routing.difficulty;
    for (const rule of policy.rules) {
      if (!matchesAny(rule.start, event)) continue;
      // A rule already running is not restarted by a repeat of its start step (a second meeting).
      if (isRunning(open, rule.id)) continue;
      const days = daysFor(rule, routing.difficulty);
      const obligation: Obligation = {
        itemId: item.id,
        rule,
        owner: ownerOf(rule, routing),
        startedAt: at,
        startIndex: index,
        unknownYears: [],
      };
      if (days !== undefined) obligation.days = days;
      if (days !== undefined && calendar) {
        const due = addWorkingDays(calendar, chinaDate(at), days);
        obligation.due = due.date;
        obligation.unknownYears = due.unknownYears;
      }
      all.push(obligation);
      open.add(obligation);
    }
  });
  return all;
}

/** The instant a due day ends: 24:00 China time. */
export function dueInstant(due: CivilDate): number {
  return startOfChinaDay(due) + 86_400_000;
}

/**
 * 逾期后停止: the clock was stopped (留档暂存, restart) after the due day had passed. The
 * obligation was not met and can no longer be: the verdict 逾期 it had earned stays.
 */
export type Standing = '正常' | '黄牌' | '红牌' | '按时完成' | '逾期完成' | '逾期后停止' | '已停止' | '无期限';

/** Standings that are a verdict of lateness: earned once, they stay whatever happens to the item later. */
export const LATE_STANDINGS: ReadonlySet<Standing> = new Set<Standing>(['红牌', '逾期完成', '逾期后停止']);

export const isLateStanding = (standing: Standing): boolean => LATE_STANDINGS.has(standing);

export interface Assessment {
  standing: Standing;
  /** Working days left until the due day ends (open, not late). */
  daysLeft?: number;
  /** Working days past the due day (late: open, done, or when the clock was stopped). */
  daysLate?: number;
  /** For a clock stopped by 留档暂存 or a restart (已停止, 逾期后停止): the China date and the step. */
  stopped?: { on: CivilDate; by: EventType };
  provisional: boolean;
}

/** A report assesses every obligation at the same instant: its China date is worked out once. */
let lastAsOf: number | undefined;
let lastAsOfDate: CivilDate = '';
function chinaDateOfAsOf(asOf: number): CivilDate {
  if (asOf !== lastAsOf) {
    lastAsOfDate = chinaDate(asOf);
    lastAsOf = asOf;
  }
  return lastAsOfDate;
}

/**
 * How the obligation had ended by `asOf`, or undefined while it was still running then: a report
 * as of an earlier day sees the clock that was running that day, not one a later step ended.
 */
export function endingAt(obligation: Obligation, asOf: number): 'done' | 'stopped' | undefined {
  return obligation.endedAt !== undefined && obligation.endedAt <= asOf ? obligation.ended : undefined;
}

/**
 * Where an obligation stands at `asOf`: 正常, 黄牌 (due soon), 红牌 (overdue), or how it ended.
 * A clock stopped after its due day keeps the lateness it had (逾期后停止): stopping a clock
 * ends what is owed, never what was already late.
 */
export function assess(obligation: Obligation, asOf: number, calendar: Calendar, warnWithin: number): Assessment {
  const provisional = obligation.unknownYears.length > 0;
  const ended = endingAt(obligation, asOf);
  if (ended === 'stopped') {
    const endedAt = obligation.endedAt!;
    const stopped = { on: chinaDate(endedAt), by: obligation.endedBy! };
    if (obligation.due === undefined || endedAt < dueInstant(obligation.due))
      return { standing: '已停止', stopped, provisional };
    const late = workingDaysBetween(calendar, obligation.due, stopped.on);
    return {
      standing: '逾期后停止',
      daysLate: late.days,
      stopped,
      provisional: provisional || late.unknownYears.length > 0,
    };
  }
  if (obligation.due === undefined) return { standing: ended ? '按时完成' : '无期限', provisional };
  const deadline = dueInstant(obligation.due);
  if (ended === 'done') {
    const endedAt = obligation.endedAt!;
    if (endedAt < deadline) return { standing: '按时完成', provisional };
    const late = workingDaysBetween(calendar, obligation.due, chinaDate(endedAt));
    return { standing: '逾期完成', daysLate: late.days, provisional: provisional || late.unknownYears.length > 0 };
  }
  const today = chinaDateOfAsOf(asOf);
  if (asOf >= deadline) {
    const late = workingDaysBetween(calendar, obligation.due, today);
    return { standing: '红牌', daysLate: late.days, provisional: provisional || late.unknownYears.length > 0 };
  }
  const left = workingDaysBetween(calendar, today, obligation.due);
  const standing = left.days <= warnWithin ? '黄牌' : '正常';
  return { standing, daysLeft: left.days, provisional: provisional || left.unknownYears.length > 0 };
}
