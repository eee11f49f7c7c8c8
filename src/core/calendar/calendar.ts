import type { CivilDate } from '../time.js';
import { addDays, fromDayNumber, isoWeekday, toDayNumber, yearOf } from './civil.js';

/**
 * The official calendar: the State Council's yearly schedule of holidays and 调休 make-up
 * working days. A year without a published schedule is never silently treated as plain
 * Monday–Friday: its statutory holidays are known in advance (see statutory.ts), and every
 * answer that touches such a year says it is provisional (暂定).
 */

export interface YearSchedule {
  year: number;
  /** Days off by the schedule (including holidays that fall on a weekend), with their names. */
  holidays: ReadonlyMap<CivilDate, string>;
  /** Weekend days that are working days by the schedule (调休上班), with their names. */
  workdays: ReadonlyMap<CivilDate, string>;
  /** Where the year comes from: a package version or a ledger file and its notice. */
  source: string;
  /** Not the year's whole official schedule (worked out from the law, or a partial ledger file): answers are 暂定. */
  provisional?: boolean;
}

export type DayKind = '工作日' | '周末' | '节假日' | '调休上班';

export interface DayInfo {
  readonly date: CivilDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** Holiday or make-up day name, when the schedule gives one. */
  readonly name?: string;
  /** The year has no official schedule: the answer may change when its notice is out. */
  readonly provisional: boolean;
}

export interface Calendar {
  /** The same date gives the same, shared, frozen answer. */
  day(date: CivilDate): DayInfo;
  /** The schedules the calendar was made from (official or partial), ascending, and where each comes from. */
  years(): readonly YearSchedule[];
  /** The year has its whole official schedule: answers about it are final. */
  hasYear(year: number): boolean;
}

/** A year's provisional schedule, for a year the calendar was given none for (undefined: weekends only). */
export type ProvisionalYears = (year: number) => YearSchedule | undefined;

/** A calendar is asked about the same few years of dates many times; each date's answer is kept, within a bound. */
const DAY_INFO_LIMIT = 8192;

export function makeCalendar(schedules: readonly YearSchedule[], provisionalYears?: ProvisionalYears): Calendar {
  const given = new Map(schedules.map((s) => [s.year, s]));
  const worked = new Map<number, YearSchedule | undefined>();
  const scheduleOf = (year: number): YearSchedule | undefined => {
    const found = given.get(year);
    if (found || !provisionalYears) return found;
    if (!worked.has(year)) worked.set(year, provisionalYears(year));
    return worked.get(year);
  };
  const answered = new Map<CivilDate, DayInfo>();
  function dayInfoOf(date: CivilDate): DayInfo {
    const schedule = scheduleOf(yearOf(date));
    const weekend = isoWeekday(date) >= 6;
    if (!schedule) return { date, working: !weekend, kind: weekend ? '周末' : '工作日', provisional: true };
    const provisional = schedule.provisional === true;
    const makeup = schedule.workdays.get(date);
    if (makeup !== undefined) return { date, working: true, kind: '调休上班', name: makeup, provisional };
    const holiday = schedule.holidays.get(date);
    if (holiday !== undefined) return { date, working: false, kind: '节假日', name: holiday, provisional };
    return { date, working: !weekend, kind: weekend ? '周末' : '工作日', provisional };
  }
  return {
    day(date) {
      let info = answered.get(date);
      if (info === undefined) {
        info = Object.freeze(dayInfoOf(date));
        if (answered.size >= DAY_INFO_LIMIT) answered.clear();
        answered.set(date, info);
      }
      return info;
    },
    years: () => [...given.values()].sort((a, b) => a.year - b.year),
    hasYear: (year) => {
      const schedule = given.get(year);
      return schedule !== undefined && schedule.provisional !== true;
    },
  };
}

export interface CountResult {
  date: CivilDate;
  /** Years without a schedule that the count passed through: the result is provisional. */
  unknownYears: number[];
}

/**
 * One year of a calendar by day number, so that counting is arithmetic rather than a walk
 * through date strings. Only built from `day()` and `hasYear()`, so it agrees with them.
 */
interface YearDays {
  year: number;
  /** Day number of 1 January. */
  first: number;
  /** Day number after 31 December. */
  end: number;
  scheduled: boolean;
  /** workingBefore[i]: working days among the year's first i days. */
  workingBefore: Uint16Array;
}

const yearDaysByCalendar = new WeakMap<Calendar, Map<number, YearDays>>();

/**
 * The day-number path is used only from year 100 to 9999: there every date string reads back
 * to the day number it came from. Outside (Date.UTC reads years 0–99 as 1900–1999; later years
 * print as `+010000-…`) the original day-by-day string walk runs, so even those answers are unchanged.
 */
const FIRST_INDEXED_DAY = toDayNumber('0100-01-01');
const LAST_INDEXED_DAY = toDayNumber('9999-12-31');

const indexed = (day: number) => day >= FIRST_INDEXED_DAY && day <= LAST_INDEXED_DAY;

function yearDaysAt(calendar: Calendar, day: number): YearDays {
  let years = yearDaysByCalendar.get(calendar);
  if (!years) {
    years = new Map();
    yearDaysByCalendar.set(calendar, years);
  }
  const year = yearOf(fromDayNumber(day));
  let found = years.get(year);
  if (!found) {
    const digits = String(year).padStart(4, '0');
    const first = toDayNumber(`${digits}-01-01`);
    const end = toDayNumber(`${digits}-12-31`) + 1;
    const workingBefore = new Uint16Array(end - first + 1);
    for (let d = first; d < end; d++)
      workingBefore[d - first + 1] = workingBefore[d - first]! + (calendar.day(fromDayNumber(d)).working ? 1 : 0);
    found = { year, first, end, scheduled: calendar.hasYear(year), workingBefore };
    years.set(year, found);
  }
  return found;
}

/** Working days from `from` to `to`, both inclusive, both within `year`. */
function workingIn(year: YearDays, from: number, to: number): number {
  return year.workingBefore[to - year.first + 1]! - year.workingBefore[from - year.first]!;
}

function noteYear(calendar: Calendar, date: CivilDate, unknown: Set<number>): void {
  if (!calendar.hasYear(yearOf(date))) unknown.add(yearOf(date));
}

/**
 * The Nth working day after `from`. The start day itself is not counted (民法典 第二百零一条):
 * one working day after a Friday is the next Monday, or the make-up Saturday if there is one.
 */
export function addWorkingDays(calendar: Calendar, from: CivilDate, n: number): CountResult {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return { date: from, unknownYears: calendar.hasYear(yearOf(from)) ? [] : [yearOf(from)] };
  const unknown = new Set<number>();
  noteYear(calendar, from, unknown);
  let day = toDayNumber(from) + 1;
  let left = n;
  while (indexed(day)) {
    const year = yearDaysAt(calendar, day);
    if (!year.scheduled) unknown.add(year.year);
    if (workingIn(year, day, year.end - 1) < left) {
      left -= workingIn(year, day, year.end - 1);
      day = year.end;
      continue;
    }
    for (; ; day++) if (workingIn(year, day, day) === 1 && --left === 0) break;
    return { date: fromDayNumber(day), unknownYears: [...unknown].sort((a, b) => a - b) };
  }
  return addWorkingDaysByDateStrings(calendar, from, n);
}

function addWorkingDaysByDateStrings(calendar: Calendar, from: CivilDate, n: number): CountResult {
  const unknown = new Set<number>();
  let date = from;
  noteYear(calendar, date, unknown);
  for (let counted = 0; counted < n;) {
    date = addDays(date, 1);
    noteYear(calendar, date, unknown);
    if (calendar.day(date).working) counted++;
  }
  return { date, unknownYears: [...unknown].sort((a, b) => a - b) };
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): how many
 * working days of a period have been used, or how late something is.
 */
export function workingDaysBetween(
  calendar: Calendar,
  from: CivilDate,
  to: CivilDate,
): { days: number; unknownYears: number[] } {
  const first = toDayNumber(from) + 1;
  const last = toDayNumber(to);
  if (!indexed(first) || !(last <= LAST_INDEXED_DAY)) return workingDaysBetweenByDateStrings(calendar, from, to);
  const unknownYears: number[] = [];
  let days = 0;
  for (let day = first; day <= last;) {
    const year = yearDaysAt(calendar, day);
    // Years come in ascending order, each once: already the sorted list.
    if (!year.scheduled) unknownYears.push(year.year);
    const until = Math.min(last, year.end - 1);
    days += workingIn(year, day, until);
    day = until + 1;
  }
  return { days, unknownYears };
}

function workingDaysBetweenByDateStrings(
  calendar: Calendar,
  from: CivilDate,
  to: CivilDate,
): { days: number; unknownYears: number[] } {
  const unknown = new Set<number>();
  let days = 0;
  const end = toDayNumber(to);
  for (let date = addDays(from, 1); toDayNumber(date) <= end; date = addDays(date, 1)) {
    noteYear(calendar, date, unknown);
    if (calendar.day(date).working) days++;
  }
  return { days, unknownYears: [...unknown].sort((a, b) => a - b) };
}

const WORKING_DAY_SEARCH_LIMIT = 60;

/** The last working day on or before `date`: the weekly summary's Friday when Friday is a holiday. */
export function workingDayOnOrBefore(calendar: Calendar, date: CivilDate): CountResult {
  const start = toDayNumber(date);
  // The first day is looked up by the caller's own text: only a normalised date has a day number twin.
  if (!indexed(start) || !indexed(start - WORKING_DAY_SEARCH_LIMIT) || fromDayNumber(start) !== date)
    return workingDayOnOrBeforeByDateStrings(calendar, date);
  const unknown = new Set<number>();
  for (let day = start; day > start - WORKING_DAY_SEARCH_LIMIT; day--) {
    const year = yearDaysAt(calendar, day);
    if (!year.scheduled) unknown.add(year.year);
    if (workingIn(year, day, day) === 1)
      return { date: fromDayNumber(day), unknownYears: [...unknown].sort((a, b) => a - b) };
  }
  throw new Error(`workingDayOnOrBefore: no working day within ${WORKING_DAY_SEARCH_LIMIT} days before ${date}`);
}

function workingDayOnOrBeforeByDateStrings(calendar: Calendar, date: CivilDate): CountResult {
  const unknown = new Set<number>();
  let d = date;
  for (let guard = 0; guard < WORKING_DAY_SEARCH_LIMIT; guard++) {
    noteYear(calendar, d, unknown);
    if (calendar.day(d).working) return { date: d, unknownYears: [...unknown].sort((a, b) => a - b) };
    d = addDays(d, -1);
  }
  throw new Error(`workingDayOnOrBefore: no working day within ${WORKING_DAY_SEARCH_LIMIT} days before ${date}`);
}
