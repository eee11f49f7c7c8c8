import type { Calendar } from '../calendar/calendar.js';
import { workingDaysBetween } from '../calendar/calendar.js';
import { toDayNumber } from '../calendar/civil.js';
import { assess, isLateStanding, obligationsOf, type Assessment, type Obligation } from '../deadlines/obligations.js';
import type { LedgerEvent } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import type { Policy } from '../schema/policy.js';
import type { Unit } from '../schema/unit.js';
import { SATISFACTION, SCOPES, type Scope } from '../schema/vocabulary.js';
import { derive } from '../workflow/derive.js';
import { chinaDate, parseTimestamp, type CivilDate } from '../time.js';
import { officeCode } from './overdue.js';
import { compareCodes } from '../text.js';

/**
 * 第七条（一）: the figures for the district's business-environment assessment. Every figure is
 * a list of 工单编号 (or of obligations), so each number can be traced to the items behind it.
 * The exact definitions are in the README (## 命令 → bbcs stats); they are repeated briefly here.
 *
 * - The items counted are those registered in the period (受理时间, China date, both ends
 *   included), seen as they stood at `asOf`: events after `asOf` are ignored.
 * - Item figures belong to the registering unit (item.unit); deadline figures belong to the unit
 *   that owes the obligation (the responsible unit for feedback and filing).
 */

export interface Period {
  /** First China date, included; undefined: no lower bound. */
  from?: CivilDate;
  /** Last China date, included. */
  to: CivilDate;
}

/** A count and the items behind it (an id repeats when one item counts twice, e.g. two late obligations). */
export interface Tally {
  count: number;
  items: string[];
}

export interface Rate {
  numerator: Tally;
  denominator: Tally;
  /** numerator / denominator, or null when the denominator is 0. */
  rate: number | null;
}

export interface UnitStats {
  unit: string;
  name: string;
  registered: Tally;
  byScope: Record<Scope, Tally>;
  byClass: Record<'1' | '2' | '3' | '4', Tally>;
  reported: Tally;
  decisions: Record<'1' | '2' | '3' | '4', Tally>;
  closed: { 办成: Tally; 不能办理: Tally; 转办: Tally };
  feedbackOnTime: Rate;
  filingOnTime: Rate;
  overdueNow: { 红牌: Tally; 黄牌: Tally };
  /** Obligations that were late when done (逾期完成), when their clock was stopped (逾期后停止), or are late now (红牌). */
  overdueEver: Tally;
  satisfaction: { 满意: Tally; 基本满意: Tally; 不满意: Tally; rate: Rate };
  restarts: Tally;
  transfers: Tally;
  /** Working days from 受理 to the step that ended the matter; null when nothing ended. */
  medianDaysToClose: number | null;
  daysToClose: { id: string; days: number }[];
}

export interface RankRow {
  rank: number;
  unit: string;
  name: string;
  feedbackRate: number | null;
  overdueEver: number;
  filingRate: number | null;
}

export interface StatsReport {
  asOf: number;
  period: Period;
  units: UnitStats[];
  district: UnitStats;
  ranking: RankRow[];
  unknownYears: number[];
}

export const RANKING_RULE =
  '排名规则：先比“反馈按时率”（高者在前），相同再比“曾逾期”件数（少者在前），再比“备案按时率”（高者在前）；三项都相同的并列同一名次。没有应反馈事项（按时率为“—”）的单位排在有按时率的单位之后。区办不参加排名。';

/** Rule ids of the default policy that the figures read. */
export const FEEDBACK_RULES = ['feedback', 'joint_feedback'];
export const FILING_RULES = ['filing'];

export function epochOf(event: LedgerEvent): number {
  const parsed = parseTimestamp(event.at);
  if (!parsed.ok) throw new Error(`stats: event time was not validated: ${event.at}`);
  return parsed.epochMs;
}

export function inPeriod(date: CivilDate, period: Period): boolean {
  const day = toDayNumber(date);
  return (period.from === undefined || day >= toDayNumber(period.from)) && day <= toDayNumber(period.to);
}

/** The item as it stood at `asOf`: later events are left out. */
export function asItWas(item: Item, asOf: number): Item {
  return { ...item, events: item.events.filter((e) => epochOf(e) <= asOf) };
}

export function registeredDate(item: Item): CivilDate | undefined {
  const first = item.events[0];
  return first && first.type === 'registered' ? chinaDate(epochOf(first)) : undefined;
}

const tally = (): Tally => ({ count: 0, items: [] });
function add(t: Tally, id: string): void {
  t.count++;
  t.items.push(id);
}
function rate(numerator: Tally, denominator: Tally): Rate {
  return { numerator, denominator, rate: denominator.count === 0 ? null : numerator.count / denominator.count };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The step that gave the item its current outcome (办成 / 不能办理 / 转办), if any. */
export function closingEvent(item: Item): LedgerEvent | undefined {
  const { situation } = derive(item.channel, item.events);
  if (!situation.outcome) return undefined;
  const ending = ['closed', 'transferred', 'resolved_internally', 'refused_on_spot'];
  return [...item.events].reverse().find((e) => ending.includes(e.type));
}

export interface AssessedObligation {
  item: Item;
  obligation: Obligation;
  assessment: Assessment;
}

/** Every obligation of the items, assessed at `asOf`. */
export function assessedObligations(
  items: readonly Item[],
  units: ReadonlyMap<string, Unit>,
  policy: Policy,
  calendar: Calendar,
  asOf: number,
): AssessedObligation[] {
  const office = officeCode(units);
  return items.flatMap((item) =>
    obligationsOf(item, policy, calendar, office).map((obligation) => ({
      item,
      obligation,
      assessment: assess(obligation, asOf, calendar, policy.warnWithin),
    })),
  );
}

/** A verdict of lateness: 红牌 now, done late, or late when its clock was stopped (逾期后停止). */
export const isLate = (a: Assessment) => isLateStanding(a.standing);

function emptyStats(unit: string, name: string): UnitStats {
  const scopes = Object.fromEntries(Object.keys(SCOPES).map((s) => [s, tally()])) as Record<Scope, Tally>;
  const satisfied = tally();
  const visited = tally();
  return {
    unit,
    name,
    registered: tally(),
    byScope: scopes,
    byClass: { 1: tally(), 2: tally(), 3: tally(), 4: tally() },
    reported: tally(),
    decisions: { 1: tally(), 2: tally(), 3: tally(), 4: tally() },
    closed: { 办成: tally(), 不能办理: tally(), 转办: tally() },
    feedbackOnTime: rate(tally(), tally()),
    filingOnTime: rate(tally(), tally()),
    overdueNow: { 红牌: tally(), 黄牌: tally() },
    overdueEver: tally(),
    satisfaction: { 满意: tally(), 基本满意: tally(), 不满意: tally(), rate: rate(satisfied, visited) },
    restarts: tally(),
    transfers: tally(),
    medianDaysToClose: null,
    daysToClose: [],
  };
}

function countItem(stats: UnitStats, item: Item, calendar: Calendar): void {
  const id = item.id;
  add(stats.registered, id);
  add(stats.byScope[item.scope], id);
  const { situation } = derive(item.channel, item.events);
  if (situation.itemClass) add(stats.byClass[String(situation.itemClass) as '1'], id);
  if (item.events.some((e) => e.type === 'reported')) add(stats.reported, id);
  const lastDecision = [...item.events].reverse().find((e) => e.type === 'decided');
  if (lastDecision?.type === 'decided') add(stats.decisions[String(lastDecision.decision) as '1'], id);
  if (situation.outcome) add(stats.closed[situation.outcome], id);
  if (item.events.some((e) => e.type === 'restarted')) add(stats.restarts, id);
  if (item.events.some((e) => e.type === 'transferred')) add(stats.transfers, id);
  const lastVisit = [...item.events].reverse().find((e) => e.type === 'visited');
  if (lastVisit?.type === 'visited') {
    add(stats.satisfaction[lastVisit.satisfaction], id);
    add(stats.satisfaction.rate.denominator, id);
    if (lastVisit.satisfaction !== '不满意') add(stats.satisfaction.rate.numerator, id);
  }
  const closing = closingEvent(item);
  const registered = registeredDate(item);
  if (closing && registered) {
    stats.daysToClose.push({ id, days: workingDaysBetween(calendar, registered, chinaDate(epochOf(closing))).days });
  }
}

function countObligation(stats: UnitStats, entry: AssessedObligation): void {
  const { item, obligation, assessment } = entry;
  const id = item.id;
  const { standing } = assessment;
  if (standing === '红牌' || standing === '黄牌') add(stats.overdueNow[standing], id);
  if (isLate(assessment)) add(stats.overdueEver, id);
  const target = FEEDBACK_RULES.includes(obligation.rule.id)
    ? stats.feedbackOnTime
    : FILING_RULES.includes(obligation.rule.id)
      ? stats.filingOnTime
      : undefined;
  if (target && obligation.due !== undefined && (standing === '按时完成' || isLate(assessment))) {
    add(target.denominator, id);
    if (standing === '按时完成') add(target.numerator, id);
  }
}

function finish(stats: UnitStats): UnitStats {
  const r = (x: Rate) =>
    Object.assign(x, { rate: x.denominator.count === 0 ? null : x.numerator.count / x.denominator.count });
  r(stats.feedbackOnTime);
  r(stats.filingOnTime);
  r(stats.satisfaction.rate);
  stats.daysToClose.sort((a, b) => compareCodes(a.id, b.id));
  stats.medianDaysToClose = median(stats.daysToClose.map((d) => d.days));
  return stats;
}

function better(a: RankRow, b: RankRow): boolean {
  const fa = a.feedbackRate ?? -1;
  const fb = b.feedbackRate ?? -1;
  if (fa !== fb) return fa > fb;
  if (a.overdueEver !== b.overdueEver) return a.overdueEver < b.overdueEver;
  return (a.filingRate ?? -1) > (b.filingRate ?? -1);
}

export function rankUnits(stats: readonly UnitStats[]): RankRow[] {
  const rows: RankRow[] = stats.map((s) => ({
    rank: 0,
    unit: s.unit,
    name: s.name,
    feedbackRate: s.feedbackOnTime.rate,
    overdueEver: s.overdueEver.count,
    filingRate: s.filingOnTime.rate,
  }));
  for (const row of rows) row.rank = 1 + rows.filter((other) => better(other, row)).length;
  return rows.sort((a, b) => a.rank - b.rank || compareCodes(a.unit, b.unit));
}

export interface StatsQuery {
  asOf: number;
  period: Period;
  /** Only this unit's row (the district figures still cover every unit). */
  unit?: string;
}

export function statsReport(
  allItems: Iterable<Item>,
  units: ReadonlyMap<string, Unit>,
  policy: Policy,
  calendar: Calendar,
  query: StatsQuery,
): StatsReport {
  const items = [...allItems]
    .map((item) => asItWas(item, query.asOf))
    .filter((item) => {
      const date = registeredDate(item);
      return date !== undefined && inPeriod(date, query.period);
    })
    .sort((a, b) => compareCodes(a.id, b.id));
  const byUnit = new Map<string, UnitStats>();
  const statsOf = (code: string) => {
    let s = byUnit.get(code);
    if (!s) byUnit.set(code, (s = emptyStats(code, units.get(code)?.name ?? code)));
    return s;
  };
  for (const unit of [...units.values()]) statsOf(unit.code);
  const district = emptyStats('全区', '全区合计');
  for (const item of items) {
    countItem(statsOf(item.unit), item, calendar);
    countItem(district, item, calendar);
  }
  const obligations = assessedObligations(items, units, policy, calendar, query.asOf);
  for (const entry of obligations) {
    countObligation(statsOf(entry.obligation.owner), entry);
    countObligation(district, entry);
  }
  const all = [...byUnit.values()].map(finish).sort((a, b) => compareCodes(a.unit, b.unit));
  finish(district);
  const office = officeCode(units);
  const ranking = rankUnits(all.filter((s) => s.unit !== office));
  const unknownYears = [...new Set(obligations.flatMap((o) => o.obligation.unknownYears))].sort((a, b) => a - b);
  const shown = query.unit === undefined ? all : all.filter((s) => s.unit === query.unit);
  return { asOf: query.asOf, period: query.period, units: shown, district, ranking, unknownYears };
}

export const SATISFACTION_LEVELS = SATISFACTION;
