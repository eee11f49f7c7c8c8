import { chinaParts, formatChinaMinute, parseTimestamp, type TimestampProblem } from './time.js';

/**
 * A time as an officer types it. ISO 8601 with an offset (`2026-03-02T09:30:00+08:00`), or a
 * China wall-clock time in the ways people write one: `2026-03-02 09:30`, `2026/3/2 9:30`,
 * `2026.3.2 9:30`, `3月2日 9:30`, `2026年3月2日 上午9点半`, `下午3点15分`, `昨天 16:00`, with
 * full-width digits and Chinese numerals too. Never the machine's zone: a time without an offset
 * is Beijing time, as everything in the ledger is.
 *
 * Written here rather than taken from a date library. Measured with chrono-node 2.10.3 (the
 * maintained parser with Chinese rules, 8.8 MB installed): `chrono.zh` read `2026/12/1 9:30` as
 * today 09:30 (the date dropped), read every time in the machine's zone (under TZ=America/New_York
 * `12月1日 9:30` came out 13 hours off), and guessed where this must refuse (a date alone became
 * noon, 晚上12点 became noon). What is accepted here is a short list an officer can be told in one
 * sentence (see docs/architecture.md).
 */
export type EnteredTimeProblem = Exclude<TimestampProblem, 'no-offset'> | 'date-only' | 'no-year';

export type EnteredTime = { ok: true; epochMs: number } | { ok: false; problem: EnteredTimeProblem };

const ISO_DATE_ONLY = /^\d{4}-\d{1,2}-\d{1,2}$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十二 → 12, 二十三 → 23, 三十 → 30, 两 → 2; a year written digit by digit: 二〇二六 → 2026. */
function chineseNumber(text: string, year: boolean): string {
  if (year) return [...text].map((c) => String(DIGITS[c] ?? c)).join('');
  const ten = text.indexOf('十');
  if (ten < 0) return [...text].map((c) => String(DIGITS[c] ?? c)).join('');
  const tens = ten === 0 ? 1 : (DIGITS[text.slice(0, ten)] ?? NaN);
  const units = ten === text.length - 1 ? 0 : (DIGITS[text.slice(ten + 1)] ?? NaN);
  return String(tens * 10 + units);
}

/** Chinese numerals before 年/月/日/号/点/时/分/秒 as Arabic digits, so one grammar reads both. */
function arabic(text: string): string {
  return text.replace(/([〇零一二两三四五六七八九十]+)(?=[年月日号点时分秒])/g, (match: string, _n, offset: number) =>
    chineseNumber(match, text[offset + match.length] === '年'),
  );
}

const DAY_WORDS: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 };
const PERIODS = '凌晨|早上|早晨|清晨|上午|中午|午后|下午|傍晚|晚上|夜里|夜间';

const DATE_PART =
  '(?:(?<year>\\d{4})\\s*(?:年|[-/.])\\s*)?(?<month>\\d{1,2})\\s*(?:月|[-/.])\\s*(?<day>\\d{1,2})\\s*[日号]?' +
  `|(?<word>${Object.keys(DAY_WORDS).join('|')})`;
const TIME_PART =
  `(?<period>${PERIODS})?\\s*(?<hour>\\d{1,2})\\s*` +
  '(?:[:：]\\s*(?<minute>\\d{1,2})(?:\\s*[:：]\\s*(?<second>\\d{1,2}))?' +
  '|[点时]\\s*(?:(?<half>半)|(?<quarter>[一三])刻|(?<minutes>\\d{1,2})\\s*分?(?:\\s*(?<seconds>\\d{1,2})\\s*秒)?|整)?)';
const WRITTEN = new RegExp(`^(?:(?:${DATE_PART})\\s*(?:T\\s*)?)?(?:${TIME_PART})?$`);

interface Civil {
  year: number;
  month: number;
  day: number;
}

/** The hour on a 24-hour clock, from 下午3 and the like; undefined where the words contradict the number. */
function clockHour(period: string | undefined, hour: number): number | undefined {
  switch (period) {
    case undefined:
      return hour;
    case '凌晨':
      return hour === 12 ? 0 : hour <= 6 ? hour : undefined;
    case '早上':
    case '早晨':
    case '清晨':
    case '上午':
      return hour <= 12 ? hour : undefined;
    case '中午':
      return hour >= 11 && hour <= 13 ? hour : hour >= 1 && hour <= 2 ? hour + 12 : undefined;
    case '晚上':
    case '夜里':
    case '夜间':
      // 晚上12点 is midnight of which day? Officers are asked to write 0点 or 24点 of a date instead.
      return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 13 && hour <= 23 ? hour : undefined;
    default:
      // 下午, 午后, 傍晚
      return hour >= 1 && hour <= 11 ? hour + 12 : hour >= 12 && hour <= 23 ? hour : undefined;
  }
}

function chinaToday(now: number): Civil {
  const t = chinaParts(now);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function shiftDays(date: Civil, days: number): Civil {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a time. `now` (an instant) lets a date without a year mean the latest such date not after
 * today, and 今天/昨天/前天 or a time alone mean a day relative to today, all in China.
 */
export function parseEnteredTime(text: string, now?: number): EnteredTime {
  const trimmed = text.normalize('NFKC').trim();
  // A date that does not exist is the first thing to say, even when the time is missing too.
  if (ISO_DATE_ONLY.test(trimmed)) {
    const padded = trimmed
      .split('-')
      .map((part) => part.padStart(2, '0'))
      .join('-');
    return { ok: false, problem: parseTimestamp(`${padded}T00:00+08:00`).ok ? 'date-only' : 'no-such-date' };
  }
  if (ISO_LIKE.test(trimmed)) {
    const parsed = parseTimestamp(trimmed);
    if (parsed.ok) return { ok: true, epochMs: parsed.epochMs };
    if (parsed.problem !== 'no-offset') return { ok: false, problem: parsed.problem };
    const china = parseTimestamp(`${trimmed}+08:00`);
    if (china.ok) return { ok: true, epochMs: china.epochMs };
    if (china.problem !== 'no-offset' && china.problem !== 'format') return { ok: false, problem: china.problem };
  }
  return parseWritten(trimmed, now);
}

function parseWritten(text: string, now: number | undefined): EnteredTime {
  const m = text === '' ? null : WRITTEN.exec(arabic(text));
  const g = m?.groups;
  if (!g) return { ok: false, problem: 'format' };
  const hasDate = g.month !== undefined || g.word !== undefined;
  if (g.hour === undefined) return { ok: false, problem: hasDate ? 'date-only' : 'format' };
  let date: Civil;
  if (g.word !== undefined || !hasDate || g.year === undefined) {
    if (now === undefined) return { ok: false, problem: 'no-year' };
    const today = chinaToday(now);
    if (g.word !== undefined) date = shiftDays(today, DAY_WORDS[g.word]!);
    else if (!hasDate) date = today;
    else {
      const month = Number(g.month);
      const day = Number(g.day);
      // A date later in the year than today is last year's: what is recorded has happened.
      const later = month > today.month || (month === today.month && day > today.day);
      date = { year: later ? today.year - 1 : today.year, month, day };
    }
  } else {
    date = { year: Number(g.year), month: Number(g.month), day: Number(g.day) };
  }
  const hour = clockHour(g.period, Number(g.hour));
  const minute = g.half ? 30 : g.quarter ? (g.quarter === '一' ? 15 : 45) : Number(g.minute ?? g.minutes ?? 0);
  const second = Number(g.second ?? g.seconds ?? 0);
  if (hour === undefined || hour > 23 || minute > 59 || second > 59) return { ok: false, problem: 'out-of-range' };
  const iso = `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`;
  const parsed = parseTimestamp(iso);
  if (parsed.ok) return { ok: true, epochMs: parsed.epochMs };
  return { ok: false, problem: parsed.problem === 'no-offset' ? 'format' : parsed.problem };
}

/** What an officer typed, as the ledger will read it back: `2026-12-01 09:30`. */
export function echoEnteredTime(text: string, now: number): string {
  const parsed = parseEnteredTime(text, now);
  return parsed.ok ? formatChinaMinute(parsed.epochMs) : text;
}

/** The forms an officer can use, for help texts and messages. */
export const TIME_FORMS = '2026-03-02 09:30（北京时间），也可写 2026/3/2 9:30、3月2日 上午9点半、昨天 16:00';

/** Why a typed time was refused, in words an officer understands, with the accepted forms. */
export function describeTimeProblem(text: string, problem: EnteredTimeProblem): string {
  const forms = `可写 ${TIME_FORMS}`;
  switch (problem) {
    case 'date-only':
      return `「${text}」只有日期，没有时刻：${forms}`;
    case 'no-such-date':
      return `「${text}」中的日期不存在：${forms}`;
    case 'out-of-range':
      return `「${text}」中的年份、时、分、秒或时区超出范围：${forms}`;
    case 'no-year':
      return `「${text}」没有写年份：${forms}`;
    default:
      return `「${text}」不是有效的时间：${forms}`;
  }
}
