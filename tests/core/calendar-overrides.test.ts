import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addWorkingDays } from '../../src/core/calendar/calendar.js';
import { checkCalendarFile, type CalendarCheck } from '../../src/core/checks/calendar.js';
import { CALENDAR_CHECK_CONTEXT, mergeCalendar } from '../../src/io/load-calendar.js';

/** A ledger year file checked as the loader checks it: against the bundled data and the law. */
function check(year: number, lines: string[]): CalendarCheck {
  const value: unknown = parse(lines.join('\n'));
  return checkCalendarFile(value, `calendar/${year}.yaml`, String(year), CALENDAR_CHECK_CONTEXT);
}

const summary = (c: CalendarCheck) => c.diagnostics.map((d) => `${d.severity} ${d.code} ${JSON.stringify(d.path)}`);

/** The whole 2026 notice (国办发明电〔2025〕7号), as the bundled data has it. */
const NOTICE_2026 = [
  'holidays:',
  '  - { name: 元旦, from: 2026-01-01, to: 2026-01-03 }',
  '  - { name: 春节, from: 2026-02-15, to: 2026-02-23 }',
  '  - { name: 清明节, from: 2026-04-04, to: 2026-04-06 }',
  '  - { name: 劳动节, from: 2026-05-01, to: 2026-05-05 }',
  '  - { name: 端午节, from: 2026-06-19, to: 2026-06-21 }',
  '  - { name: 中秋节, from: 2026-09-25, to: 2026-09-27 }',
  '  - { name: 国庆节, from: 2026-10-01, to: 2026-10-07 }',
  'workdays:',
  '  - { name: 元旦调休上班, date: 2026-01-04 }',
  '  - { name: 春节调休上班, date: 2026-02-14 }',
  '  - { name: 春节调休上班, date: 2026-02-28 }',
  '  - { name: 劳动节调休上班, date: 2026-05-09 }',
  '  - { name: 国庆节调休上班, date: 2026-09-20 }',
  '  - { name: 国庆节调休上班, date: 2026-10-10 }',
];

describe('a ledger year over a bundled year', () => {
  it('that agrees with the bundled data, complete, is final and silent', () => {
    const c = check(2026, ['year: 2026', 'notice: 测试', 'complete: true', ...NOTICE_2026]);
    expect(c.diagnostics).toEqual([]);
    expect(c.schedule?.provisional).toBeUndefined();
  });

  it('that contradicts it without saying it corrects: an error for each differing day, at the entry behind it', () => {
    const c = check(2026, [
      'year: 2026',
      'notice: 测试',
      'complete: true',
      ...NOTICE_2026.map((l) => l.replace('to: 2026-10-07', 'to: 2026-10-08').replace(/.*2026-10-10.*/, '')),
    ]);
    expect(c.schedule).toBeUndefined();
    expect(summary(c)).toEqual(['error calendar-differs ["holidays",6]', 'error calendar-differs ["workdays"]']);
    expect(c.diagnostics[0]!.message).toBe(
      '2026-10-08 星期四：内置数据（chinese-days 1.5.7）为工作日，本文件为节假日（国庆节）',
    );
    expect(c.diagnostics[1]!.message).toContain(
      '2026-10-10 星期六：内置数据（chinese-days 1.5.7）为调休上班日（国庆节调休上班），本文件为周末',
    );
    expect(c.diagnostics[1]!.atKey).toBe(true);
    expect(c.diagnostics[0]!.hint).toContain('corrects');
  });

  it('an empty complete year lists every day off and every make-up day it drops', () => {
    const c = check(2026, ['year: 2026', 'notice: 测试', 'complete: true', 'holidays: []', 'workdays: []']);
    // 2026: 33 days off of which 14 are a Saturday or Sunday anyway, and 6 make-up days.
    const dates = c.diagnostics.map((d) => d.message.slice(0, 10));
    expect(dates).toContain('2026-10-01');
    expect(dates).not.toContain('2026-10-03');
    expect(dates).toContain('2026-02-28');
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.length).toBe(33 - 14 + 6);
  });

  it('that says it corrects: the same days as warnings, and the file is used', () => {
    const c = check(2026, [
      'year: 2026',
      'notice: 测试用更正通知',
      'complete: false',
      'corrects: 国办发明电〔2026〕99号（测试）',
      'holidays:',
      '  - { name: 国庆节, from: 2026-10-08, to: 2026-10-08 }',
      'workdays: []',
    ]);
    expect(summary(c)).toEqual(['warning calendar-differs ["holidays",0]']);
    expect(c.diagnostics[0]!.hint).toContain('国办发明电〔2026〕99号（测试）');
    const calendar = mergeCalendar([c.schedule!]);
    expect(calendar.day('2026-10-08')).toMatchObject({ working: false, provisional: false });
    // The rest of the year is the bundled data's: the partial file corrects one day only.
    expect(calendar.day('2026-10-10')).toMatchObject({ working: true, kind: '调休上班' });
    expect(calendar.hasYear(2026)).toBe(true);
  });
});

describe('a ledger year the bundled data lacks', () => {
  it('complete: final, and its 调休 count', () => {
    const c = check(2027, [
      'year: 2027',
      'notice: 测试',
      'complete: true',
      'holidays:',
      '  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }',
      '  - { name: 春节, from: 2027-02-05, to: 2027-02-12 }',
      '  - { name: 清明节, from: 2027-04-03, to: 2027-04-05 }',
      '  - { name: 劳动节, from: 2027-05-01, to: 2027-05-05 }',
      '  - { name: 端午节, from: 2027-06-09, to: 2027-06-11 }',
      '  - { name: 中秋节, from: 2027-09-15, to: 2027-09-17 }',
      '  - { name: 国庆节, from: 2027-10-01, to: 2027-10-07 }',
      'workdays:',
      '  - { name: 春节调休上班, date: 2027-02-20 }',
    ]);
    expect(c.diagnostics).toEqual([]);
    const calendar = mergeCalendar([c.schedule!]);
    expect(calendar.hasYear(2027)).toBe(true);
    expect(addWorkingDays(calendar, '2027-02-04', 1)).toEqual({ date: '2027-02-15', unknownYears: [] });
    expect(addWorkingDays(calendar, '2027-02-19', 1)).toEqual({ date: '2027-02-20', unknownYears: [] });
  });

  it('without complete: a warning, the listed days over the statutory ones, still provisional', () => {
    const c = check(2027, [
      'year: 2027',
      'notice: 测试',
      'holidays:',
      '  - { name: 春节, from: 2027-02-09, to: 2027-02-10 }',
      'workdays: []',
    ]);
    expect(summary(c)).toEqual(['warning calendar-incomplete []']);
    const calendar = mergeCalendar([c.schedule!]);
    expect(calendar.hasYear(2027)).toBe(false);
    expect(calendar.day('2027-01-01')).toMatchObject({ working: false, name: '元旦', provisional: true });
    expect(calendar.day('2027-02-10')).toMatchObject({ working: false, name: '春节', provisional: true });
    expect(addWorkingDays(calendar, '2027-02-04', 1)).toEqual({ date: '2027-02-11', unknownYears: [2027] });
  });

  it('complete: false says the file is partial on purpose: no warning, still provisional', () => {
    const c = check(2027, ['year: 2027', 'notice: 测试', 'complete: false', 'holidays: []', 'workdays: []']);
    expect(c.diagnostics).toEqual([]);
    expect(c.schedule?.provisional).toBe(true);
  });

  it('a statutory day worked: a warning at the entry or the list it is missing from', () => {
    const missing = check(2027, [
      'year: 2027',
      'notice: 测试',
      'complete: true',
      'holidays:',
      '  - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }',
      'workdays:',
      '  - { name: 春节调休上班, date: 2027-02-06 }',
    ]);
    const found = summary(missing);
    expect(found).toContain('warning calendar-statutory ["workdays",0,"date"]');
    expect(found).toContain('warning calendar-statutory ["holidays"]');
    // The statutory days that would be worked: 2月5日、6日（the listed make-up day）、8日, 4月5日, 6月9日,
    // 9月15日, 10月1日; the others fall on a Saturday or Sunday anyway.
    expect(found.length).toBe(7);
    const mid = missing.diagnostics.find((d) => d.message.startsWith('2027-09-15'))!;
    expect(mid.message).toBe(
      '2027-09-15 星期三是中秋节，按《全国年节及纪念日放假办法》（2024 年国务院令第 795 号修订）是法定节假日，本文件却把它算作工作日',
    );
    expect(missing.schedule).toBeDefined();
  });
});

describe('entries that cannot both hold', () => {
  it('overlapping holiday ranges and a repeated make-up day are errors', () => {
    const c = check(2027, [
      'year: 2027',
      'notice: 测试',
      'complete: true',
      'holidays:',
      '  - { name: 春节, from: 2027-02-05, to: 2027-02-12 }',
      '  - { name: 元宵, from: 2027-02-12, to: 2027-02-12 }',
      '  - { name: 其他, from: 2027-03-01, to: 2027-03-01 }',
      '  - { name: 其他, from: 2027-02-01, to: 2027-03-02 }',
      'workdays:',
      '  - { name: 春节调休上班, date: 2027-02-20 }',
      '  - { name: 春节调休上班, date: 2027-02-20 }',
    ]);
    expect(c.schedule).toBeUndefined();
    expect(summary(c)).toEqual([
      'error calendar-overlap ["holidays",1]',
      'error calendar-overlap ["holidays",3]',
      'error calendar-overlap ["holidays",3]',
      'error calendar-invalid ["workdays",0,"date"]',
      'error calendar-invalid ["workdays",1,"date"]',
    ]);
    expect(c.diagnostics[0]!.message).toContain('与第 1 项假期 春节（2027-02-05—2027-02-12）有重叠的日子');
  });

  it('a make-up day listed twice is an overlap', () => {
    const c = check(2027, [
      'year: 2027',
      'notice: 测试',
      'complete: false',
      'holidays: []',
      'workdays:',
      '  - { name: 春节调休上班, date: 2027-02-20 }',
      '  - { name: 春节调休上班, date: 2027-02-20 }',
    ]);
    expect(summary(c)).toEqual(['error calendar-overlap ["workdays",1,"date"]']);
  });

  it('a year outside 2000–2099 is refused with the range, not a count of items', () => {
    const c = check(2100, ['year: 2100', 'notice: 测试', 'complete: true', 'holidays: []', 'workdays: []']);
    expect(summary(c)).toEqual(['error invalid-value ["year"]']);
    expect(c.diagnostics[0]!.message).toBe('年份 2100 超出 bbcs 支持的范围（2000–2099 年）');
  });
});
