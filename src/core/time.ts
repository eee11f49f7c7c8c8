/**
 * Instants and China civil time without the machine's time zone: all arithmetic is done on UTC
 * epoch milliseconds shifted by the fixed +08:00 offset (China has no daylight saving), so the
 * result is the same on a CI runner in UTC or a laptop in New York.
 */

export const CHINA_OFFSET_MINUTES = 8 * 60;
const CHINA_OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type TimestampProblem = 'format' | 'no-offset' | 'no-such-date' | 'out-of-range';

export type ParsedTimestamp =
  | { readonly ok: true; readonly epochMs: number; readonly offsetMinutes: number }
  | { readonly ok: false; readonly problem: TimestampProblem };

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days in a month, as `Date.UTC(year, month, 0)` counts them — including its reading of years
 * 0–99 as 1900–1999, which decides whether `0000-02-29` exists — without building a Date:
 * it runs for every timestamp of every item.
 */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || year < 0 || year > 9999 || month < 1 || month > 12) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
  }
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

function validCivil(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parses an ISO 8601 timestamp. The offset is required: a time without one is ambiguous, and
 * guessing the machine's zone is exactly the bug this module exists to avoid.
 */
export function parseTimestamp(text: string): ParsedTimestamp {
  let parsed = recent.get(text);
  if (parsed === undefined) {
    if (recent.size >= RECENT_LIMIT) recent.clear();
    parsed = parseTimestampOnce(text);
    recent.set(text, parsed);
  }
  return parsed;
}

/**
 * The same timestamp is read several times in a row (the shape check, the history check, the
 * ledger loader's "latest event"): the last few results are kept. A small bound, cleared
 * whole when reached, keeps the memory of a 100k-item ledger flat. Results are shared: read only.
 */
const RECENT_LIMIT = 512;
const recent = new Map<string, ParsedTimestamp>();

function parseTimestampOnce(text: string): ParsedTimestamp {
  const m = TIMESTAMP.exec(text);
  if (!m) return { ok: false, problem: 'format' };
  const [, y, mo, d, h, mi, s, , off] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (!validCivil(year, month, day)) return { ok: false, problem: 'no-such-date' };
  // A ledger records this century's work: a year like 0026 or 9026 is a typo, not a date.
  if (year < 1900 || year > 2999 || hour > 23 || minute > 59 || second > 59)
    return { ok: false, problem: 'out-of-range' };
  if (off === undefined) return { ok: false, problem: 'no-offset' };
  if (off !== 'Z' && (Number(off.slice(1, 3)) > 14 || Number(off.slice(4, 6)) > 59))
    return { ok: false, problem: 'out-of-range' };
  const offsetMinutes =
    off === 'Z' ? 0 : (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction) - offsetMinutes * 60_000;
  return { ok: true, epochMs, offsetMinutes };
}

/** A calendar date in China, as `YYYY-MM-DD`. */
export type CivilDate = string;

export function isCivilDate(text: string): boolean {
  const m = DATE_ONLY.exec(text);
  return m !== null && validCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The China-time instant at which a civil date begins. */
export function startOfChinaDay(date: CivilDate): number {
  const m = DATE_ONLY.exec(date);
  if (!m || !validCivil(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error(`startOfChinaDay: not a civil date: ${date}`);
  }
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - CHINA_OFFSET_MS;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** A Date whose UTC fields read as the civil date and time in China (UTC+8, no daylight saving). */
export function chinaParts(epochMs: number): Date {
  return new Date(epochMs + CHINA_OFFSET_MS);
}

export function chinaDate(epochMs: number): CivilDate {
  const t = chinaParts(epochMs);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** `yyyy-mm-dd hh:mm` in China time, as the official forms print it. */
export function formatChinaMinute(epochMs: number): string {
  const t = chinaParts(epochMs);
  return `${chinaDate(epochMs)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** ISO 8601 with the +08:00 offset, as the ledger stores times. */
export function formatChinaTimestamp(epochMs: number): string {
  const t = chinaParts(epochMs);
  return `${chinaDate(epochMs)}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00`;
}

/**
 * Reads a user's "as of" value: a full timestamp, or a China date meaning the end of that day
 * (so that everything recorded on that day counts as already happened).
 */
export function parseAsOf(text: string): number | undefined {
  if (isCivilDate(text)) return startOfChinaDay(text) + 24 * 3600_000 - 1;
  const parsed = parseTimestamp(text);
  return parsed.ok ? parsed.epochMs : undefined;
}
