import { parseTimestamp, type TimestampProblem } from './time.js';

/**
 * A time as an officer types it: ISO 8601 with an offset (`2026-03-02T09:30:00+08:00`), or a
 * China wall-clock time without one (`2026-03-02 09:30`, `2026-03-02T09:30:15`). Never the
 * machine's zone: a time without an offset is Beijing time, as everything in the ledger is.
 */
export type EnteredTimeProblem = Exclude<TimestampProblem, 'no-offset'> | 'date-only';

export type EnteredTime = { ok: true; epochMs: number } | { ok: false; problem: EnteredTimeProblem };

const DATE_ONLY = /^\d{4}-\d{1,2}-\d{1,2}$/;

export function parseEnteredTime(text: string): EnteredTime {
  const trimmed = text.trim();
  // A date that does not exist is the first thing to say, even when the time is missing too.
  if (DATE_ONLY.test(trimmed)) {
    const padded = trimmed
      .split('-')
      .map((part) => part.padStart(2, '0'))
      .join('-');
    return { ok: false, problem: parseTimestamp(`${padded}T00:00+08:00`).ok ? 'date-only' : 'no-such-date' };
  }
  const parsed = parseTimestamp(trimmed);
  if (parsed.ok) return { ok: true, epochMs: parsed.epochMs };
  if (parsed.problem !== 'no-offset') return { ok: false, problem: parsed.problem };
  const china = parseTimestamp(`${trimmed}+08:00`);
  return china.ok
    ? { ok: true, epochMs: china.epochMs }
    : { ok: false, problem: china.problem === 'no-offset' ? 'format' : china.problem };
}

/** Why a typed time was refused, in words an officer understands, with the accepted forms. */
export function describeTimeProblem(text: string, problem: EnteredTimeProblem): string {
  const forms = '可写 2026-03-02 09:30（北京时间），或 2026-03-02T09:30:00+08:00';
  switch (problem) {
    case 'date-only':
      return `「${text}」只有日期，没有时刻：${forms}`;
    case 'no-such-date':
      return `「${text}」中的日期不存在：${forms}`;
    case 'out-of-range':
      return `「${text}」中的年份、时、分、秒或时区超出范围：${forms}`;
    default:
      return `「${text}」不是有效的时间：${forms}`;
  }
}
