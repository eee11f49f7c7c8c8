import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  daysInMonth,
  formatChinaMinute,
  formatChinaTimestamp,
  isCivilDate,
  parseAsOf,
  parseTimestamp,
  startOfChinaDay,
} from '../../src/core/time.js';

/*
 * Every expectation here is an absolute instant written with Date.UTC or an ISO string with Z,
 * so the suite means the same on any machine. It is run under TZ=UTC and TZ=America/New_York too.
 */

const ms = (iso: string) => Date.parse(iso); // only ever called with a Z or explicit offset

function okEpoch(text: string): number {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse, got ${parsed.problem}`);
  return parsed.epochMs;
}

describe('parseTimestamp: valid', () => {
  it('reads +08:00', () => {
    expect(parseTimestamp('2026-03-02T09:30:00+08:00')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 2, 1, 30, 0),
      offsetMinutes: 480,
    });
  });

  it('reads Z', () => {
    expect(parseTimestamp('2026-03-02T01:30:00Z')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 2, 1, 30, 0),
      offsetMinutes: 0,
    });
  });

  it('reads other offsets, positive and negative, with minutes', () => {
    expect(parseTimestamp('2026-03-01T20:30:00-05:00')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 2, 1, 30),
      offsetMinutes: -300,
    });
    expect(parseTimestamp('2026-03-02T07:00:00+05:30')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 2, 1, 30),
      offsetMinutes: 330,
    });
    expect(parseTimestamp('2026-03-02T01:30:00+00:00')).toEqual({
      ok: true,
      epochMs: Date.UTC(2026, 2, 2, 1, 30),
      offsetMinutes: 0,
    });
  });

  it('the same instant in different offsets gives the same epoch', () => {
    const a = okEpoch('2026-03-02T00:30:00+08:00');
    expect(okEpoch('2026-03-01T16:30:00Z')).toBe(a);
    expect(okEpoch('2026-03-01T11:30:00-05:00')).toBe(a);
  });

  it('reads fractional seconds', () => {
    const whole = okEpoch('2026-03-02T09:30:00+08:00');
    expect(okEpoch('2026-03-02T09:30:00.5+08:00')).toBe(whole + 500);
    expect(okEpoch('2026-03-02T09:30:00.123+08:00')).toBe(whole + 123);
    expect(okEpoch('2026-03-02T09:30:00.570+08:00')).toBe(whole + 570);
    expect(okEpoch('2026-03-02T09:30:00.123456789Z') - okEpoch('2026-03-02T09:30:00Z')).toBe(123);
  });

  it('every millisecond fraction is read exactly (no floating point loss)', () => {
    const whole = okEpoch('2026-03-02T09:30:00+08:00');
    for (let i = 0; i < 1000; i++) {
      expect(okEpoch(`2026-03-02T09:30:00.${String(i).padStart(3, '0')}+08:00`) - whole).toBe(i);
    }
  });

  it('accepts a space instead of T', () => {
    expect(parseTimestamp('2026-03-02 09:30:00+08:00')).toEqual(parseTimestamp('2026-03-02T09:30:00+08:00'));
  });

  it('accepts a time without seconds', () => {
    expect(okEpoch('2026-03-02T09:30+08:00')).toBe(okEpoch('2026-03-02T09:30:00+08:00'));
  });

  it('leap day: 2028-02-29 exists', () => {
    expect(okEpoch('2028-02-29T12:00:00+08:00')).toBe(Date.UTC(2028, 1, 29, 4));
  });

  it('the last second of a day and of a year', () => {
    expect(okEpoch('2026-12-31T23:59:59+08:00')).toBe(Date.UTC(2026, 11, 31, 15, 59, 59));
  });
});

describe('parseTimestamp: invalid', () => {
  it.each([
    ['2026-02-30T09:30:00+08:00', 'no-such-date'],
    ['2026-02-29T09:30:00+08:00', 'no-such-date'], // 2026 is not a leap year
    ['2100-02-29T09:30:00+08:00', 'no-such-date'], // century, not a leap year
    ['2026-04-31T09:30:00+08:00', 'no-such-date'],
    ['2026-13-01T09:30:00+08:00', 'no-such-date'],
    ['2026-00-10T09:30:00+08:00', 'no-such-date'],
    ['2026-03-00T09:30:00+08:00', 'no-such-date'],
    ['2026-03-02T24:00:00+08:00', 'out-of-range'],
    ['2026-03-02T23:60:00+08:00', 'out-of-range'],
    ['2026-03-02T23:59:60+08:00', 'out-of-range'],
    ['2026-03-02T09:30:00', 'no-offset'],
    ['2026-03-02 09:30', 'no-offset'],
    ['garbage', 'format'],
    ['', 'format'],
    ['2026-03-02', 'format'],
    ['2026-3-2T09:30:00+08:00', 'format'],
    ['2026/03/02 09:30:00+08:00', 'format'],
    ['2026-03-02T09:30:00+08', 'format'],
    ['2026-03-02T09:30:00 +08:00', 'format'],
    [' 2026-03-02T09:30:00+08:00', 'format'],
    ['2026年3月2日 09:30', 'format'],
  ] as const)('%j → %s', (text, problem) => {
    expect(parseTimestamp(text)).toEqual({ ok: false, problem });
  });

  it('2026-02-29 is rejected but 2028-02-29 is accepted', () => {
    expect(parseTimestamp('2026-02-29T00:00:00+08:00').ok).toBe(false);
    expect(parseTimestamp('2028-02-29T00:00:00+08:00').ok).toBe(true);
  });

  // An offset out of range would silently move the instant by days.
  it('rejects an offset out of range (+08:60, +99:99)', () => {
    expect(parseTimestamp('2026-03-02T09:30:00+08:60')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseTimestamp('2026-03-02T09:30:00+99:99')).toEqual({ ok: false, problem: 'out-of-range' });
  });

  // Date.UTC maps years 0–99 to 1900–1999; a mistyped year must be reported, not read as 1926.
  it('rejects a year that is surely a typo (0026, 9026)', () => {
    expect(parseTimestamp('0026-03-02T09:30:00+08:00')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseTimestamp('9026-03-02T09:30:00+08:00')).toEqual({ ok: false, problem: 'out-of-range' });
  });
});

describe('China civil time around midnight', () => {
  it('2026-03-01T16:30:00Z is 2026-03-02 00:30 in China', () => {
    const t = ms('2026-03-01T16:30:00Z');
    expect(chinaDate(t)).toBe('2026-03-02');
    expect(formatChinaMinute(t)).toBe('2026-03-02 00:30');
    expect(formatChinaTimestamp(t)).toBe('2026-03-02T00:30:00+08:00');
  });

  it('2026-03-01T15:59:59Z is still 2026-03-01 in China', () => {
    const t = ms('2026-03-01T15:59:59Z');
    expect(chinaDate(t)).toBe('2026-03-01');
    expect(formatChinaMinute(t)).toBe('2026-03-01 23:59');
    expect(formatChinaTimestamp(t)).toBe('2026-03-01T23:59:59+08:00');
  });

  it('exactly midnight China time belongs to the new day', () => {
    const t = ms('2026-03-01T16:00:00Z');
    expect(chinaDate(t)).toBe('2026-03-02');
    expect(formatChinaMinute(t)).toBe('2026-03-02 00:00');
  });

  it('New Year in China while it is still the old year in UTC and New York', () => {
    const t = ms('2026-12-31T17:00:00Z');
    expect(chinaDate(t)).toBe('2027-01-01');
    expect(formatChinaTimestamp(t)).toBe('2027-01-01T01:00:00+08:00');
  });

  it('a US daylight-saving switch night changes nothing in China time', () => {
    // 2026-03-08 02:00 in New York jumps to 03:00 (07:00Z).
    expect(formatChinaMinute(ms('2026-03-08T06:30:00Z'))).toBe('2026-03-08 14:30');
    expect(formatChinaMinute(ms('2026-03-08T07:30:00Z'))).toBe('2026-03-08 15:30');
  });

  it('a timestamp written in another offset is formatted back in China time', () => {
    expect(formatChinaTimestamp(okEpoch('2026-03-01T11:30:00-05:00'))).toBe('2026-03-02T00:30:00+08:00');
  });

  it('formatChinaTimestamp round-trips a +08:00 timestamp (seconds precision)', () => {
    for (const text of ['2026-03-02T09:30:00+08:00', '2026-01-01T00:00:00+08:00', '2028-02-29T23:59:59+08:00']) {
      expect(formatChinaTimestamp(okEpoch(text))).toBe(text);
    }
  });

  it('drops milliseconds when formatting', () => {
    expect(formatChinaTimestamp(okEpoch('2026-03-02T09:30:00.999+08:00'))).toBe('2026-03-02T09:30:00+08:00');
    expect(formatChinaMinute(okEpoch('2026-03-02T09:30:59.999+08:00'))).toBe('2026-03-02 09:30');
  });
});

describe('startOfChinaDay and civil dates', () => {
  it('a China day starts at 16:00Z of the day before', () => {
    expect(startOfChinaDay('2026-03-02')).toBe(ms('2026-03-01T16:00:00Z'));
    expect(startOfChinaDay('2027-01-01')).toBe(ms('2026-12-31T16:00:00Z'));
    expect(chinaDate(startOfChinaDay('2026-03-02'))).toBe('2026-03-02');
    expect(chinaDate(startOfChinaDay('2026-03-02') - 1)).toBe('2026-03-01');
  });

  it('throws on something that is not a civil date (a programming error, not user data)', () => {
    expect(() => startOfChinaDay('2026-02-29')).toThrow();
    expect(() => startOfChinaDay('2026-3-2')).toThrow();
    expect(() => startOfChinaDay('2026-03-02T00:00:00+08:00')).toThrow();
  });

  it('isCivilDate', () => {
    expect(isCivilDate('2026-03-02')).toBe(true);
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2026-3-2')).toBe(false);
    expect(isCivilDate('2026-03-02T00:00:00+08:00')).toBe(false);
  });

  it('daysInMonth', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('parseAsOf', () => {
  it('a date means the end of that China day', () => {
    const asOf = parseAsOf('2026-06-30');
    expect(asOf).toBe(ms('2026-06-30T15:59:59.999Z'));
    expect(chinaDate(asOf!)).toBe('2026-06-30');
    expect(asOf! + 1).toBe(startOfChinaDay('2026-07-01'));
  });

  it('everything recorded on that China day counts as already happened', () => {
    const asOf = parseAsOf('2026-03-02')!;
    expect(okEpoch('2026-03-02T23:59:59+08:00')).toBeLessThanOrEqual(asOf);
    expect(okEpoch('2026-03-03T00:00:00+08:00')).toBeGreaterThan(asOf);
  });

  it('a timestamp is taken as given', () => {
    expect(parseAsOf('2026-06-30T17:00:00+08:00')).toBe(ms('2026-06-30T09:00:00Z'));
    expect(parseAsOf('2026-06-30T09:00:00Z')).toBe(ms('2026-06-30T09:00:00Z'));
  });

  it('rejects what it cannot read, including a time without offset', () => {
    expect(parseAsOf('2026-02-30')).toBeUndefined();
    expect(parseAsOf('2026-06-30T17:00:00')).toBeUndefined();
    expect(parseAsOf('yesterday')).toBeUndefined();
    expect(parseAsOf('')).toBeUndefined();
  });
});
