import type { Calendar } from '../calendar/calendar.js';
import { toDayNumber, yearOf } from '../calendar/civil.js';
import { summaryWeekOf } from '../calendar/week.js';
import type { EventType } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import type { Policy } from '../schema/policy.js';
import type { Unit } from '../schema/unit.js';
import { chinaDate, type CivilDate } from '../time.js';
import { officeCode } from './overdue.js';
import {
  asItWas,
  assessedObligations,
  epochOf,
  FEEDBACK_RULES,
  FILING_RULES,
  inPeriod,
  isLate,
  type AssessedObligation,
  type Period,
} from './stats.js';
import { compareCodes } from '../text.js';

/**
 * 第七条（三）: what a unit is accountable for in a period, each with the items behind it.
 *
 * - 未按时上报: `report` obligations (classified 2–4 → reported, 1 working day) whose due day is
 *   in the period and that were done late (逾期完成) or are still open past the due day (红牌).
 * - 未列入周汇总: an item classified 2–4 that had not been reported by the summary day it
 *   belonged to (`summaryWeekOf` the classification day, the rule `weekly` selects its rows by),
 *   so it was missing from that week's 附件4; counted for summary days in the period and not
 *   after `asOf`.
 * - 反馈逾期 / 备案逾期: `feedback` and `joint_feedback` / `filing` obligations whose due day is in
 *   the period and that are 逾期完成, 红牌, or were late when their clock was stopped (逾期后停止).
 */

export interface LateEntry {
  id: string;
  rule: string;
  due: CivilDate;
  /** When it was done, China date; null: not done (still open, or see `stopped`). */
  doneOn: CivilDate | null;
  /** Working days late when done, when its clock was stopped, or by `asOf` while open. */
  daysLate: number;
  /** The due day or the days late depend on a year without an official schedule. */
  provisional: boolean;
  /** Present when 留档暂存 or a restart stopped the clock after the due day: when, and which step. */
  stopped?: { on: CivilDate; by: EventType };
}

export interface MissedWeek {
  id: string;
  /** The summary day the item should have been in. */
  summaryDay: CivilDate;
  classifiedOn: CivilDate;
  reportedOn: CivilDate | null;
  /** The summary day lies in, or was found through, a year without an official schedule. */
  provisional: boolean;
}

export interface UnitAccountability {
  unit: string;
  name: string;
  notReportedInTime: LateEntry[];
  missingFromWeekly: MissedWeek[];
  feedbackLate: LateEntry[];
  filingLate: LateEntry[];
}

export interface AccountabilityReport {
  asOf: number;
  period: Period;
  units: UnitAccountability[];
  unknownYears: number[];
}

function lateEntry(entry: AssessedObligation): LateEntry {
  const { obligation, assessment } = entry;
  const late: LateEntry = {
    id: entry.item.id,
    rule: obligation.rule.id,
    due: obligation.due!,
    doneOn: assessment.standing === '逾期完成' ? chinaDate(obligation.endedAt!) : null,
    daysLate: assessment.daysLate ?? 0,
    provisional: assessment.provisional,
  };
  if (assessment.stopped) late.stopped = assessment.stopped;
  return late;
}

/** The summary day of the 附件4 an item reportable on `date` belongs in (see `summaryWeekOf`). */
export function summaryDayFor(calendar: Calendar, date: CivilDate, weekday: number): CivilDate {
  return summaryWeekOf(calendar, date, weekday).due;
}

export interface AccountabilityQuery {
  asOf: number;
  period: Period;
  unit?: string;
}

export function accountabilityReport(
  allItems: Iterable<Item>,
  units: ReadonlyMap<string, Unit>,
  policy: Policy,
  calendar: Calendar,
  query: AccountabilityQuery,
): AccountabilityReport {
  const items = [...allItems].map((item) => asItWas(item, query.asOf)).sort((a, b) => compareCodes(a.id, b.id));
  const office = officeCode(units);
  const byUnit = new Map<string, UnitAccountability>();
  const of = (code: string) => {
    let u = byUnit.get(code);
    if (!u)
      byUnit.set(
        code,
        (u = {
          unit: code,
          name: units.get(code)?.name ?? code,
          notReportedInTime: [],
          missingFromWeekly: [],
          feedbackLate: [],
          filingLate: [],
        }),
      );
    return u;
  };
  for (const unit of units.values()) if (unit.code !== office) of(unit.code);
  const obligations = assessedObligations(items, units, policy, calendar, query.asOf);
  // Years that make a row provisional only through its days late, not its due day.
  const lateYears: number[] = [];
  for (const entry of obligations) {
    const { obligation, assessment } = entry;
    if (obligation.due === undefined || !inPeriod(obligation.due, query.period) || !isLate(assessment)) continue;
    const target = of(obligation.owner);
    const late = lateEntry(entry);
    if (late.provisional)
      lateYears.push(...unscheduledYears(calendar, late.due, late.doneOn ?? late.stopped?.on ?? chinaDate(query.asOf)));
    if (obligation.rule.id === 'report') target.notReportedInTime.push(late);
    else if (FEEDBACK_RULES.includes(obligation.rule.id)) target.feedbackLate.push(late);
    else if (FILING_RULES.includes(obligation.rule.id)) target.filingLate.push(late);
  }
  const today = toDayNumber(chinaDate(query.asOf));
  const weekYears: number[] = [];
  for (const item of items) {
    let pending: { classifiedOn: CivilDate } | undefined;
    const check = (reportedOn: CivilDate | null) => {
      if (!pending) return;
      const summary = summaryWeekOf(calendar, pending.classifiedOn, policy.weeklyWeekday);
      const summaryDay = summary.due;
      const missed = reportedOn === null || toDayNumber(reportedOn) > toDayNumber(summaryDay);
      // An open item counts only once its summary day is over.
      const over = reportedOn !== null || toDayNumber(summaryDay) < today;
      if (missed && over && inPeriod(summaryDay, query.period)) {
        weekYears.push(...summary.unknownYears);
        of(item.unit).missingFromWeekly.push({
          id: item.id,
          summaryDay,
          classifiedOn: pending.classifiedOn,
          reportedOn,
          provisional: summary.unknownYears.length > 0,
        });
      }
      pending = undefined;
    };
    for (const event of item.events) {
      if (event.type === 'classified' && event.class !== 1 && !pending)
        pending = { classifiedOn: chinaDate(epochOf(event)) };
      if (event.type === 'reported') check(chinaDate(epochOf(event)));
    }
    check(null);
  }
  const unknownYears = [
    ...new Set([...obligations.flatMap((o) => o.obligation.unknownYears), ...lateYears, ...weekYears]),
  ].sort((a, b) => a - b);
  const list = [...byUnit.values()]
    .filter((u) => query.unit === undefined || u.unit === query.unit)
    .sort((a, b) => compareCodes(a.unit, b.unit));
  return { asOf: query.asOf, period: query.period, units: list, unknownYears };
}

function unscheduledYears(calendar: Calendar, from: CivilDate, to: CivilDate): number[] {
  const years: number[] = [];
  for (let year = yearOf(from); year <= yearOf(to); year++) if (!calendar.hasYear(year)) years.push(year);
  return years;
}

export function accountabilityTotal(u: UnitAccountability): number {
  return u.notReportedInTime.length + u.missingFromWeekly.length + u.feedbackLate.length + u.filingLate.length;
}
