import type { Calendar } from '../calendar/calendar.js';
import { addDays } from '../calendar/civil.js';
import { reportingWeek, summaryWeekOf, type ReportingWeek } from '../calendar/week.js';
import type { Item } from '../schema/item.js';
import { chinaDate, formatChinaMinute, parseTimestamp, type CivilDate } from '../time.js';
import { compareCodes } from '../text.js';

/**
 * 附件4 “办不成事”事项汇总表: what a unit reported to the 区办 in one week, sent every Friday.
 *
 * Which items belong to a week: those whose report to the 区办 (the `reported` step, China date)
 * has this week as its summary week (`summaryWeekOf`, the one rule `accountability` uses too):
 * reported after the previous week's summary day and on or before this week's. The summary day
 * is the policy's weekday (Friday), or the last working day before it when it is a holiday.
 * Every report lands in exactly one week, and a rerun gives the same rows.
 */

export interface WeeklyRow {
  seq: number;
  id: string;
  party: string;
  partyKind: '企业' | '群众';
  phone: string;
  title: string;
  receivedBy: string;
  /** 受理时间, `yyyy-mm-dd hh:mm` China time. */
  receivedAt: string;
  reportedAt: number;
}

export interface WeeklySummary {
  unit: string;
  week: ReportingWeek;
  /** First and last China dates whose reports this summary covers. */
  from: CivilDate;
  to: CivilDate;
  rows: WeeklyRow[];
  unknownYears: number[];
}

function epoch(at: string): number {
  const parsed = parseTimestamp(at);
  if (!parsed.ok) throw new Error(`weekly: unvalidated time ${at}`);
  return parsed.epochMs;
}

export function weeklySummary(
  items: Iterable<Item>,
  unit: string,
  calendar: Calendar,
  weekday: number,
  anyDayOfWeek: CivilDate,
): WeeklySummary {
  const week = reportingWeek(calendar, anyDayOfWeek, weekday);
  const previous = reportingWeek(calendar, addDays(week.monday, -7), weekday);
  const from = addDays(previous.due, 1);
  const rows: WeeklyRow[] = [];
  // Many reports share a day: each day's week is worked out once.
  const weekOfDay = new Map<CivilDate, CivilDate>();
  const belongsHere = (day: CivilDate) => {
    let monday = weekOfDay.get(day);
    if (monday === undefined) weekOfDay.set(day, (monday = summaryWeekOf(calendar, day, weekday).monday));
    return monday === week.monday;
  };
  for (const item of items) {
    if (item.unit !== unit) continue;
    const reported = item.events.find((e) => e.type === 'reported');
    const registered = item.events[0];
    if (!reported || !registered) continue;
    const at = epoch(reported.at);
    if (!belongsHere(chinaDate(at))) continue;
    rows.push({
      seq: 0,
      id: item.id,
      party: item.party.name,
      partyKind: item.party.kind,
      phone: item.party.phone,
      title: item.title,
      receivedBy: registered.by,
      receivedAt: formatChinaMinute(epoch(registered.at)),
      reportedAt: at,
    });
  }
  rows.sort((a, b) => a.reportedAt - b.reportedAt || compareCodes(a.id, b.id));
  rows.forEach((row, i) => (row.seq = i + 1));
  const unknownYears = [...new Set([...week.unknownYears, ...previous.unknownYears])].sort((a, b) => a - b);
  return { unit, week, from, to: week.due, rows, unknownYears };
}
