import type { Calendar } from '../calendar/calendar.js';
import { assess, endingAt, obligationsOf, type Assessment, type Obligation } from '../deadlines/obligations.js';
import type { Item } from '../schema/item.js';
import type { Policy } from '../schema/policy.js';
import type { Unit } from '../schema/unit.js';
import { compareCodes } from '../text.js';

/**
 * The district office's question "what is late, and who owes it?" as a report model: the open
 * obligations that are overdue or due soon, grouped by the unit that owes them, worst first.
 */

/** What the report shows of an item: a large ledger's late items are not held whole. */
export interface OverdueItem {
  id: string;
  title: string;
  party: Pick<Item['party'], 'name' | 'kind' | 'phone'>;
}

export interface OverdueRow {
  item: OverdueItem;
  obligation: Obligation;
  assessment: Assessment;
}

export interface OverdueGroup {
  unit: string;
  unitName: string;
  rows: OverdueRow[];
  red: number;
  /** Of the red: those only provisionally red (see provisionallyRed). */
  provisionalRed: number;
  yellow: number;
}

export interface OverdueReport {
  asOf: number;
  within: number;
  groups: OverdueGroup[];
  red: number;
  /** Of the red: those only provisionally red, which a scheduled `overdue --fail` does not fail on. */
  provisionalRed: number;
  yellow: number;
  /** Years the figures depend on that have no published schedule yet. */
  unknownYears: number[];
}

export interface OverdueQuery {
  asOf: number;
  /** Show open obligations due within this many working days; default: the policy's 黄牌 limit. */
  within?: number;
  unit?: string;
}

/**
 * A red card whose due day itself lies in (or was counted through) a year without an official
 * schedule: the notice, when it comes, may move the day and take the card away. A card whose due
 * day is final is red for certain, even if how many days late it is is still provisional.
 */
export function provisionallyRed(row: OverdueRow): boolean {
  return row.assessment.standing === '红牌' && row.obligation.unknownYears.length > 0;
}

/** Worst first: the most working days late, then the fewest days left. */
function severity(a: Assessment): number {
  return a.standing === '红牌' ? 1000 + (a.daysLate ?? 0) : -(a.daysLeft ?? 0);
}

export function officeCode(units: ReadonlyMap<string, Unit>): string {
  for (const unit of units.values()) if (unit.kind === '区办') return unit.code;
  return 'qbb';
}

export function overdueReport(
  items: Iterable<Item>,
  units: ReadonlyMap<string, Unit>,
  policy: Policy,
  calendar: Calendar,
  query: OverdueQuery,
): OverdueReport {
  const within = query.within ?? policy.warnWithin;
  const office = officeCode(units);
  const rows: OverdueRow[] = [];
  for (const item of items) {
    let shown: OverdueItem | undefined;
    for (const obligation of obligationsOf(item, policy, calendar, office)) {
      // Open as of `asOf`: a step recorded later had not ended it yet on that day.
      if (endingAt(obligation, query.asOf) || obligation.due === undefined) continue;
      if (query.unit !== undefined && obligation.owner !== query.unit) continue;
      const assessment = assess(obligation, query.asOf, calendar, within);
      if (assessment.standing !== '红牌' && assessment.standing !== '黄牌') continue;
      shown ??= {
        id: item.id,
        title: item.title,
        party: { name: item.party.name, kind: item.party.kind, phone: item.party.phone },
      };
      rows.push({ item: shown, obligation, assessment });
    }
  }
  const byUnit = new Map<string, OverdueRow[]>();
  for (const row of rows) {
    const list = byUnit.get(row.obligation.owner);
    if (list) list.push(row);
    else byUnit.set(row.obligation.owner, [row]);
  }
  const groups: OverdueGroup[] = [...byUnit].map(([unit, list]) => {
    const sorted = list.sort(
      (a, b) => severity(b.assessment) - severity(a.assessment) || compareCodes(a.item.id, b.item.id),
    );
    const red = sorted.filter((r) => r.assessment.standing === '红牌').length;
    const provisionalRed = sorted.filter(provisionallyRed).length;
    return {
      unit,
      unitName: units.get(unit)?.name ?? unit,
      rows: sorted,
      red,
      provisionalRed,
      yellow: sorted.length - red,
    };
  });
  groups.sort((a, b) => b.red - a.red || b.rows.length - a.rows.length || compareCodes(a.unit, b.unit));
  const unknownYears = [...new Set(rows.flatMap((r) => r.obligation.unknownYears))].sort((a, b) => a - b);
  const red = groups.reduce((n, g) => n + g.red, 0);
  const provisionalRed = groups.reduce((n, g) => n + g.provisionalRed, 0);
  return { asOf: query.asOf, within, groups, red, provisionalRed, yellow: rows.length - red, unknownYears };
}
