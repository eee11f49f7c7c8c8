import type { CivilDate } from '../time.js';
import { addDays, isoWeekday, toDayNumber, yearOf } from './civil.js';

/**
 * The official calendar: the State Council's yearly schedule of holidays and 调休 make-up
 * working days. A year without a published schedule is never silently treated as plain
 * Monday–Friday: every answer that touches one says it is provisional (暂定).
 */

export interface YearSchedule {
  year: number;
  /** Days off by the schedule (including holidays that fall on a weekend), with their names. */
  holidays: ReadonlyMap<CivilDate, string>;
  /** Weekend days that are working days by the schedule (调休上班), with their names. */
  workdays: ReadonlyMap<CivilDate, string>;
  /** Where the year comes from: a package version or a ledger file and its notice. */
  source: string;
}

export type DayKind = '工作日' | '周末' | '节假日' | '调休上班';

export interface DayInfo {
  date: CivilDate;
  working: boolean;
  kind: DayKind;
  /** Holiday or make-up day name, when the schedule gives one. */
  name?: string;
  /** The year has no schedule: weekends only, and the answer may change. */
  provisional: boolean;
}

export interface Calendar {
  day(date: CivilDate): DayInfo;
  /** Years with a schedule, ascending, and where each comes from. */
  years(): readonly YearSchedule[];
  hasYear(year: number): boolean;
}

export function makeCalendar(schedules: readonly YearSchedule[]): Calendar {
  const byYear = new Map(schedules.map((s) => [s.year, s]));
  return {
    day(date) {
      const schedule = byYear.get(yearOf(date));
      const weekend = isoWeekday(date) >= 6;
      if (!schedule) return { date, working: !weekend, kind: weekend ? '周末' : '工作日', provisional: true };
      const makeup = schedule.workdays.get(date);
      if (makeup !== undefined) return { date, working: true, kind: '调休上班', name: makeup, provisional: false };
      const holiday = schedule.holidays.get(date);
      if (holiday !== undefined) return { date, working: false, kind: '节假日', name: holiday, provisional: false };
      return { date, working: !weekend, kind: weekend ? '周末' : '工作日', provisional: false };
    },
    years: () => [...byYear.values()].sort((a, b) => a.year - b.year),
    hasYear: (year) => byYear.has(year),
  };
}

export interface CountResult {
  date: CivilDate;
  /** Years without a schedule that the count passed through: the result is provisional. */
  unknownYears: number[];
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
  const unknown = new Set<number>();
  let date = from;
  noteYear(calendar, date, unknown);
  for (let counted = 0; counted < n; ) {
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
export function workingDaysBetween(calendar: Calendar, from: CivilDate, to: CivilDate): { days: number; unknownYears: number[] } {
  const unknown = new Set<number>();
  let days = 0;
  const end = toDayNumber(to);
  for (let date = addDays(from, 1); toDayNumber(date) <= end; date = addDays(date, 1)) {
    noteYear(calendar, date, unknown);
    if (calendar.day(date).working) days++;
  }
  return { days, unknownYears: [...unknown].sort((a, b) => a - b) };
}

/** The last working day on or before `date`: the weekly summary's Friday when Friday is a holiday. */
export function workingDayOnOrBefore(calendar: Calendar, date: CivilDate): CountResult {
  const unknown = new Set<number>();
  let d = date;
  for (let guard = 0; guard < 60; guard++) {
    noteYear(calendar, d, unknown);
    if (calendar.day(d).working) return { date: d, unknownYears: [...unknown].sort((a, b) => a - b) };
    d = addDays(d, -1);
  }
  throw new Error(`workingDayOnOrBefore: no working day within 60 days before ${date}`);
}
