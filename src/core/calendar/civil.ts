import type { CivilDate } from '../time.js';

/**
 * Arithmetic on China calendar dates as day numbers, never through the machine's local time:
 * `new Date(y, m, d)` would shift with TZ; Date.UTC does not.
 */
const DAY_MS = 86_400_000;

export function toDayNumber(date: CivilDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): CivilDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: CivilDate): number {
  const jsDay = new Date(toDayNumber(date) * DAY_MS).getUTCDay();
  return jsDay === 0 ? 7 : jsDay;
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

export const WEEKDAY_NAMES = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;
