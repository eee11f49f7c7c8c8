import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  makeCalendar,
  workingDayOnOrBefore,
  workingDaysBetween,
  type Calendar,
  type YearSchedule,
} from '../../src/core/calendar/calendar.js';
import { addDays, fromDayNumber, isoWeekday, toDayNumber } from '../../src/core/calendar/civil.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';
import { provisionalYear } from '../../src/io/load-calendar.js';

/**
 * The calendar counts by day numbers and per-year tables; these tests hold it to the plain
 * definition: walk day by day through real dates, ask the schedule about each one. The reference
 * shares no code with the calendar module, so a wrong shortcut there cannot hide here. A year
 * without a schedule has its statutory holidays (worked out by statutory.ts, tested on its own).
 */

const DAY_MS = 86_400_000;

const refDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const refDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
};
const refYear = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

function refWorking(schedules: readonly YearSchedule[], day: number): { working: boolean; known: boolean } {
  const date = refDate(day);
  const weekend = [0, 6].includes(new Date(day * DAY_MS).getUTCDay());
  const schedule = schedules.find((s) => s.year === refYear(day));
  if (!schedule) return { working: !weekend && !provisionalYear(refYear(day))?.holidays.has(date), known: false };
  if (schedule.workdays.has(date)) return { working: true, known: true };
  if (schedule.holidays.has(date)) return { working: false, known: true };
  return { working: !weekend, known: true };
}

const sorted = (years: Set<number>) => [...years].sort((a, b) => a - b);

function refAdd(schedules: readonly YearSchedule[], from: string, n: number) {
  const unknown = new Set<number>();
  let day = refDay(from);
  if (!schedules.some((s) => s.year === Number(from.slice(0, 4)))) unknown.add(Number(from.slice(0, 4)));
  for (let counted = 0; counted < n;) {
    day++;
    const { working, known } = refWorking(schedules, day);
    if (!known) unknown.add(refYear(day));
    if (working) counted++;
  }
  return { date: n === 0 ? from : refDate(day), unknownYears: sorted(unknown) };
}

function refBetween(schedules: readonly YearSchedule[], from: string, to: string) {
  const unknown = new Set<number>();
  let days = 0;
  for (let day = refDay(from) + 1; day <= refDay(to); day++) {
    const { working, known } = refWorking(schedules, day);
    if (!known) unknown.add(refYear(day));
    if (working) days++;
  }
  return { days, unknownYears: sorted(unknown) };
}

function refOnOrBefore(schedules: readonly YearSchedule[], date: string) {
  const unknown = new Set<number>();
  for (let day = refDay(date); ; day--) {
    const { working, known } = refWorking(schedules, day);
    if (!known) unknown.add(refYear(day));
    if (working) return { date: refDate(day), unknownYears: sorted(unknown) };
  }
}

/** A hand-written year after a gap: a make-up Saturday and a holiday spanning a weekend. */
const year2028: YearSchedule = {
  year: 2028,
  holidays: new Map([
    ['2028-01-26', '春节'],
    ['2028-01-27', '春节'],
    ['2028-01-28', '春节'],
    ['2028-01-29', '春节'],
    ['2028-01-30', '春节'],
    ['2028-01-31', '春节'],
    ['2028-02-01', '春节'],
  ]),
  workdays: new Map([
    ['2028-01-22', '春节调休上班'],
    ['2028-02-05', '春节调休上班'],
  ]),
  source: 'test',
};

const bundled = bundledSchedules();
const CALENDARS: [name: string, schedules: YearSchedule[]][] = [
  ['bundled years (2027 and later unknown)', bundled],
  ['2025 missing between known years, 2028 known again', [...bundled.filter((s) => s.year !== 2025), year2028]],
  ['no schedules at all', []],
];

/** A fixed pseudo-random sequence: the same cases on every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const FIRST = refDay('2023-11-01');
const SPAN = refDay('2029-03-01') - FIRST;

/** Spring Festival weeks, make-up weekends and year ends, plus random days from 2023 to 2029. */
const NOTABLE = [
  '2024-02-04',
  '2024-02-09',
  '2024-02-18',
  '2024-12-31',
  '2025-01-26',
  '2025-01-27',
  '2025-02-08',
  '2025-12-31',
  '2026-02-13',
  '2026-02-14',
  '2026-02-24',
  '2026-12-31',
  '2027-01-01',
  '2027-12-31',
  '2028-01-21',
  '2028-01-22',
  '2028-02-05',
];

function sampleDates(count: number, seed: number): string[] {
  const next = numbers(seed);
  return [...NOTABLE, ...Array.from({ length: count }, () => refDate(FIRST + Math.floor(next() * SPAN)))];
}

describe.each(CALENDARS)('counting agrees with a day-by-day walk: %s', (_name, schedules) => {
  const fresh = (): Calendar => makeCalendar(schedules, provisionalYear);

  it('addWorkingDays for n from 0 to 30', () => {
    const calendar = fresh();
    for (const from of sampleDates(300, 1)) {
      for (const n of [0, 1, 2, 3, 4, 5, 7, 10, 15, 22, 30])
        expect(addWorkingDays(calendar, from, n), `${from} + ${n}`).toEqual(refAdd(schedules, from, n));
    }
  });

  it('addWorkingDays far enough to cross several years', () => {
    const calendar = fresh();
    for (const from of ['2023-12-29', '2024-06-03', '2025-01-24', '2026-12-30']) {
      for (const n of [250, 500, 900])
        expect(addWorkingDays(calendar, from, n), `${from} + ${n}`).toEqual(refAdd(schedules, from, n));
    }
  });

  it('workingDaysBetween for pairs in either order, short and across years', () => {
    const calendar = fresh();
    const next = numbers(2);
    for (const from of sampleDates(400, 3)) {
      const near = addDays(from, Math.floor(next() * 50) - 10);
      const far = refDate(FIRST + Math.floor(next() * SPAN));
      for (const to of [from, near, far])
        expect(workingDaysBetween(calendar, from, to), `${from} → ${to}`).toEqual(refBetween(schedules, from, to));
    }
  });

  it('workingDayOnOrBefore for every day of the span', () => {
    const calendar = fresh();
    for (let day = FIRST; day <= FIRST + SPAN; day++) {
      const date = refDate(day);
      expect(workingDayOnOrBefore(calendar, date), date).toEqual(refOnOrBefore(schedules, date));
    }
  });

  it('day() answers each date as the schedule says, the same object each time, read-only', () => {
    const calendar = fresh();
    for (let day = FIRST; day <= FIRST + SPAN; day++) {
      const date = refDate(day);
      const info = calendar.day(date);
      expect(info.working, date).toBe(refWorking(schedules, day).working);
      expect(info.provisional, date).toBe(!refWorking(schedules, day).known);
      expect(calendar.day(date)).toBe(info);
      expect(Object.isFrozen(info)).toBe(true);
    }
  });
});

describe('the same answers after the calendar has been used, and from several calendars at once', () => {
  it('a calendar built second is not served the first one’s tables', () => {
    const withAll = makeCalendar(bundled);
    const without2026 = makeCalendar(bundled.filter((s) => s.year !== 2026));
    expect(addWorkingDays(withAll, '2026-09-30', 1)).toEqual({ date: '2026-10-08', unknownYears: [] });
    expect(addWorkingDays(without2026, '2026-09-30', 1)).toEqual({ date: '2026-10-01', unknownYears: [2026] });
    expect(workingDaysBetween(withAll, '2026-09-30', '2026-10-09')).toEqual({ days: 2, unknownYears: [] });
    expect(workingDaysBetween(without2026, '2026-09-30', '2026-10-09')).toEqual({ days: 7, unknownYears: [2026] });
  });

  it('day() gives the same fields, in the same order, as a fresh object would', () => {
    const calendar = makeCalendar(bundled);
    calendar.day('2026-10-10');
    expect(JSON.stringify(calendar.day('2026-10-10'))).toBe(
      '{"date":"2026-10-10","working":true,"kind":"调休上班","name":"国庆节调休上班","provisional":false}',
    );
    expect(JSON.stringify(calendar.day('2027-01-02'))).toBe(
      '{"date":"2027-01-02","working":false,"kind":"周末","provisional":true}',
    );
  });
});

describe('date arithmetic agrees with Date.UTC', () => {
  it('day numbers, dates and weekdays from 1999 to 2031', () => {
    for (let day = refDay('1999-01-01'); day <= refDay('2031-12-31'); day++) {
      const date = refDate(day);
      expect(toDayNumber(date)).toBe(day);
      expect(fromDayNumber(day)).toBe(date);
      const jsDay = new Date(day * DAY_MS).getUTCDay();
      expect(isoWeekday(date)).toBe(jsDay === 0 ? 7 : jsDay);
    }
  });

  it('loosely written or overflowing dates read as Date.UTC reads them', () => {
    for (const text of ['2024-1-5', '2024-02-30', '2024-13-01', '2024-00-00', '0050-01-01', '+010000-01-01'])
      expect(toDayNumber(text), text).toBe(refDay(text));
    expect(toDayNumber('not a date')).toBeNaN();
    expect(isoWeekday('not a date')).toBeNaN();
  });

  it('dates outside years 100–9999 keep the answers of the plain string walk', () => {
    const calendar = makeCalendar(bundled);
    // Date.UTC reads year 99 as 1999, so the walk jumps centuries: odd, but unchanged.
    expect(addWorkingDays(calendar, '0099-12-30', 3)).toEqual({ date: '2000-01-04', unknownYears: [99, 1999, 2000] });
    expect(workingDaysBetween(calendar, '0100-01-02', '0100-01-12')).toEqual({ days: 7, unknownYears: [100] });
    expect(workingDaysBetween(calendar, '9999-12-28', '9999-12-31')).toEqual({ days: 3, unknownYears: [9999] });
    expect(workingDayOnOrBefore(calendar, '0100-01-01')).toEqual({ date: '0100-01-01', unknownYears: [100] });
    expect(() => addWorkingDays(calendar, '9999-12-30', 3)).toThrow('Invalid time value');
  });

  it('a date that is not written in normal form is still looked up as written', () => {
    const calendar = makeCalendar(bundled);
    expect(workingDayOnOrBefore(calendar, '2025-02-31')).toEqual({ date: '2025-02-31', unknownYears: [] });
    expect(workingDayOnOrBefore(calendar, '2025-1-5')).toEqual({ date: '2025-01-03', unknownYears: [] });
    expect(addWorkingDays(calendar, '2024-02-30', 2)).toEqual({ date: '2024-03-05', unknownYears: [] });
    expect(workingDaysBetween(calendar, '2024-02-30', '2024-03-08')).toEqual({ days: 5, unknownYears: [] });
  });
});
