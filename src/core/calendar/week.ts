import type { CivilDate } from '../time.js';
import { workingDayOnOrBefore, type Calendar } from './calendar.js';
import { addDays, isoWeekday } from './civil.js';

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
