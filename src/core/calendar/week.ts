import type { CivilDate } from '../time.js';
import { workingDayOnOrBefore, type Calendar } from './calendar.js';
import { addDays, isoWeekday, toDayNumber } from './civil.js';

/**
 * A reporting week: Monday to Sunday, and the day its summary (附件4) is due — the policy's
 * weekday (Friday), moved back to the last working day when that day is a holiday.
 */
export interface ReportingWeek {
  monday: CivilDate;
  sunday: CivilDate;
  /** The nominal summary day (e.g. the Friday), whether or not it is a working day. */
  nominal: CivilDate;
  /** The day the summary is actually due. */
  due: CivilDate;
  unknownYears: number[];
}

export function reportingWeek(calendar: Calendar, date: CivilDate, weekday: number): ReportingWeek {
  const monday = addDays(date, 1 - isoWeekday(date));
  const nominal = addDays(monday, weekday - 1);
  const due = workingDayOnOrBefore(calendar, nominal);
  return { monday, sunday: addDays(monday, 6), nominal, due: due.date, unknownYears: due.unknownYears };
}

/**
 * The reporting week whose 附件4 covers something that became reportable on `date`: the first
 * week whose summary day is on or after `date`. `weekly` selects its rows with it and
 * `accountability` names the summary an item should have been in with it, so the two never
 * disagree. A summary day moved back for a holiday can fall before its own week's Monday (the
 * Friday 2026-02-20 of the Spring Festival week is due on the make-up Saturday 02-14): a date
 * after that day belongs to a later week, never to a summary already sent.
 */
export function summaryWeekOf(calendar: Calendar, date: CivilDate, weekday: number): ReportingWeek {
  const day = toDayNumber(date);
  let week = reportingWeek(calendar, date, weekday);
  // Every week looked at decides the answer, so each one's unscheduled years make it provisional.
  const unknownYears = new Set(week.unknownYears);
  while (toDayNumber(week.due) < day) {
    week = reportingWeek(calendar, addDays(week.monday, 7), weekday);
    for (const year of week.unknownYears) unknownYears.add(year);
  }
  return { ...week, unknownYears: [...unknownYears].sort((x, y) => x - y) };
}
