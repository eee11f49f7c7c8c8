import { describe, expect, it } from 'vitest';
import {
  holidayLawFor,
  isSupportedYear,
  provisionalSchedule,
  statutoryHolidays,
} from '../../src/core/calendar/statutory.js';
import { isoWeekday } from '../../src/core/calendar/civil.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';
import { lunarAlmanac } from '../../src/io/lunar-almanac.js';
import { createRequire } from 'node:module';

/**
 * The statutory holidays are checked against two sources that share no code with the lunar
 * library: the official schedules the chinese-days package holds (every statutory day must be a
 * day off there), and lunar dates written out by hand from published almanacs for 2027–2030.
 */

/** 除夕, 正月初一, 清明, 端午 (五月初五), 中秋 (八月十五), from the almanac tables (香港天文台《農曆與公曆對照表》). */
const LUNAR_TABLE: Record<
  number,
  { eve: string; newYear: string; qingming: string; duanwu: string; zhongqiu: string }
> = {
  2027: {
    eve: '2027-02-05',
    newYear: '2027-02-06',
    qingming: '2027-04-05',
    duanwu: '2027-06-09',
    zhongqiu: '2027-09-15',
  },
  2028: {
    eve: '2028-01-25',
    newYear: '2028-01-26',
    qingming: '2028-04-04',
    duanwu: '2028-05-28',
    zhongqiu: '2028-10-03',
  },
  2029: {
    eve: '2029-02-12',
    newYear: '2029-02-13',
    qingming: '2029-04-04',
    duanwu: '2029-06-16',
    zhongqiu: '2029-09-22',
  },
  2030: {
    eve: '2030-02-02',
    newYear: '2030-02-03',
    qingming: '2030-04-05',
    duanwu: '2030-06-05',
    zhongqiu: '2030-09-12',
  },
};

describe('the almanac agrees with a hand-written table of lunar dates, 2027–2030', () => {
  it.each(Object.entries(LUNAR_TABLE))('%s', (yearText, expected) => {
    const year = Number(yearText);
    expect(lunarAlmanac.lunarDate(year, 1, 1)).toBe(expected.newYear);
    expect(lunarAlmanac.qingming(year)).toBe(expected.qingming);
    expect(lunarAlmanac.lunarDate(year, 5, 5)).toBe(expected.duanwu);
    expect(lunarAlmanac.lunarDate(year, 8, 15)).toBe(expected.zhongqiu);
  });
});

describe('the statutory holidays of 2027–2030 under the 2024 revision', () => {
  it.each(Object.entries(LUNAR_TABLE))('%s: 13 days as the law lists them', (yearText, t) => {
    const year = Number(yearText);
    const days = statutoryHolidays(year, lunarAlmanac);
    const spring = [t.eve, t.newYear, addDay(t.newYear, 1), addDay(t.newYear, 2)];
    const expected = new Map<string, string>([
      [`${year}-01-01`, '元旦'],
      ...spring.map((d) => [d, '春节'] as [string, string]),
      [t.qingming, '清明节'],
      [`${year}-05-01`, '劳动节'],
      [`${year}-05-02`, '劳动节'],
      [t.duanwu, '端午节'],
      [t.zhongqiu, '中秋节'],
      [`${year}-10-01`, '国庆节'],
      [`${year}-10-02`, '国庆节'],
      [`${year}-10-03`, '国庆节'],
    ]);
    // 2028: 中秋 is 3 October, one day for both festivals.
    if (year === 2028) expected.set('2028-10-03', '中秋节、国庆节');
    expect([...days.entries()].sort()).toEqual([...expected.entries()].sort());
    expect(holidayLawFor(year).title).toContain('2024 年国务院令第 795 号');
  });

  it('a provisional year has the statutory days off, weekends off, nothing else, and says it is provisional', () => {
    const schedule = provisionalSchedule(2027, lunarAlmanac)!;
    expect(schedule.provisional).toBe(true);
    expect(schedule.workdays.size).toBe(0);
    expect(schedule.holidays.get('2027-01-01')).toBe('元旦');
    expect(schedule.source).toContain('暂定');
    expect(provisionalSchedule(1999, lunarAlmanac)).toBeUndefined();
    expect(provisionalSchedule(2100, lunarAlmanac)).toBeUndefined();
  });
});

function addDay(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

describe('every statutory day is a day off in the official schedules chinese-days holds', () => {
  const require = createRequire(import.meta.url);
  const official = bundledSchedules().filter((s) => s.year >= 2004 && s.year <= 2026);

  it('holds 2004–2026, so that all four versions of the law are checked', () => {
    expect(official.map((s) => s.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it.each(official.map((s) => [s.year, s] as const))('%i', (year, schedule) => {
    for (const [date, name] of statutoryHolidays(year, lunarAlmanac)) {
      const off = schedule.holidays.has(date) || (isoWeekday(date) >= 6 && !schedule.workdays.has(date));
      expect(off, `${date} ${name}`).toBe(true);
      expect(schedule.workdays.has(date), `${date} ${name} 不应是调休上班日`).toBe(false);
    }
    // The package also writes how many statutory days each festival has: the law's counts.
    const counts = new Map<string, number>();
    const data = require(`chinese-days/dist/years/${year}.json`) as { holidays: Record<string, string> };
    for (const entry of Object.values(data.holidays)) {
      const [, name, days] = entry.split(',');
      counts.set(name!, Number(days));
    }
    const law = holidayLawFor(year);
    expect(counts.get('春节'), '春节的法定天数').toBe(law.springFestival.length);
    expect(counts.get('劳动节'), '劳动节的法定天数').toBe(law.labourDays);
    expect(counts.has('清明'), '清明是否为法定节日').toBe(law.traditional);
  });

  it('除夕 is a statutory day exactly in the years whose law says so (2008–2013 and from 2025)', () => {
    const eveOff = (year: number) =>
      statutoryHolidays(year, lunarAlmanac).has(addDay(lunarAlmanac.lunarDate(year, 1, 1), -1));
    expect([2007, 2008, 2013, 2014, 2024, 2025, 2026].map(eveOff)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    // 2024: the notice asked employers to let people rest on 除夕 (2月9日), but it was a working day.
    expect(official.find((s) => s.year === 2024)!.holidays.has('2024-02-09')).toBe(false);
  });
});

describe('supported years', () => {
  it('are 2000–2099', () => {
    expect([1999, 2000, 2099, 2100, 2026.5].map(isSupportedYear)).toEqual([false, true, true, false, false]);
    expect(() => statutoryHolidays(2100, lunarAlmanac)).toThrow();
  });

  it('every supported year has the days its law lists, each in its own year', () => {
    for (let year = 2000; year <= 2099; year++) {
      const days = statutoryHolidays(year, lunarAlmanac);
      for (const date of days.keys()) expect(date.slice(0, 4), `${year}: ${date}`).toBe(String(year));
      const law = holidayLawFor(year);
      const listed = 1 + law.springFestival.length + law.labourDays + 3 + (law.traditional ? 3 : 0);
      // A festival can share a day with another (中秋 on 1–3 October): never more days than listed.
      expect(days.size, String(year)).toBeLessThanOrEqual(listed);
      expect(days.size, String(year)).toBeGreaterThanOrEqual(listed - 1);
    }
  });
});
