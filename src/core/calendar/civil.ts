import type { CivilDate } from '../time.js';

/**
 * Arithmetic on China calendar dates as day numbers, never through the machine's local time:
 * `new Date(y, m, d)` would shift with TZ; Date.UTC does not.
 */
const DAY_MS = 86_400_000;

const ZERO = 48;
const DASH = 45;

/** The digit at `index`, or -1: lets the common `YYYY-MM-DD` shape be read without split/map. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - ZERO;
  return code >= 0 && code <= 9 ? code : -1;
}

function fourDigits(text: string, index: number): number {
  const a = digitAt(text, index),
    b = digitAt(text, index + 1),
    c = digitAt(text, index + 2),
    d = digitAt(text, index + 3);
  return a < 0 || b < 0 || c < 0 || d < 0 ? -1 : a * 1000 + b * 100 + c * 10 + d;
}

function twoDigits(text: string, index: number): number {
  const a = digitAt(text, index),
    b = digitAt(text, index + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

export function toDayNumber(date: CivilDate): number {
  if (date.length === 10 && date.charCodeAt(4) === DASH && date.charCodeAt(7) === DASH) {
    const y = fourDigits(date, 0),
      m = twoDigits(date, 5),
      d = twoDigits(date, 8);
    // Still through Date.UTC: it decides overflowing days and years 0–99 exactly as before.
    if (y >= 0 && m >= 0 && d >= 0) return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/**
 * Deadline counting turns the same few years of day numbers back into dates over and over. A
 * small bound, cleared whole when reached, keeps memory flat for odd inputs.
 */
const DATE_OF_DAY_LIMIT = 4096;
const dateOfDay = new Map<number, CivilDate>();

export function fromDayNumber(day: number): CivilDate {
  let date = dateOfDay.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dateOfDay.size >= DATE_OF_DAY_LIMIT) dateOfDay.clear();
    dateOfDay.set(day, date);
  }
  return date;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: CivilDate): number {
  return isoWeekdayOfDay(toDayNumber(date));
}

/** As isoWeekday, for a day number: day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOfDay(day: number): number {
  const jsDay = (((day + 4) % 7) + 7) % 7;
  return jsDay === 0 ? 7 : jsDay;
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

export const WEEKDAY_NAMES = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;
