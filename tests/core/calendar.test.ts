import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  addWorkingDays,
  makeCalendar,
  workingDayOnOrBefore,
  workingDaysBetween,
} from '../../src/core/calendar/calendar.js';
import { checkCalendarFile } from '../../src/core/checks/calendar.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';
import { CALENDAR_CHECK_CONTEXT, mergeCalendar } from '../../src/io/load-calendar.js';

const calendar = mergeCalendar([]);

/**
 * Hand-computed from the State Council notices: 国办发明电〔2024〕12号 (2025) and
 * 国办发明电〔2025〕7号 (2026). The start day is never counted; make-up days count.
 */
const ADD_CASES: [from: string, n: number, due: string, why: string][] = [
  ['2025-01-24', 1, '2025-01-26', '2025 春节前的周日调休上班'],
  ['2025-01-24', 2, '2025-01-27', '调休日之后的周一'],
  ['2025-01-24', 3, '2025-02-05', '1月28日至2月4日春节假期'],
  ['2025-01-27', 1, '2025-02-05', '除夕前一天起算，跳过整个春节'],
  ['2025-02-05', 3, '2025-02-08', '2月8日周六调休上班'],
  ['2025-04-25', 1, '2025-04-27', '劳动节前4月27日周日上班'],
  ['2025-04-30', 1, '2025-05-06', '5月1日至5日劳动节'],
  ['2025-05-30', 1, '2025-06-03', '5月31日至6月2日端午'],
  ['2025-09-26', 1, '2025-09-28', '国庆前9月28日周日上班'],
  ['2025-09-28', 1, '2025-09-29', '调休日后的周一'],
  ['2025-09-30', 1, '2025-10-09', '10月1日至8日国庆中秋'],
  ['2025-09-30', 3, '2025-10-11', '10月11日周六调休上班'],
  ['2025-09-30', 10, '2025-10-21', '特别复杂事项跨国庆'],
  ['2025-12-31', 1, '2026-01-04', '跨年：元旦1月1日至3日放假，1月4日周日上班'],
  ['2025-12-30', 3, '2026-01-05', '跨年三个工作日'],
  ['2026-01-01', 1, '2026-01-04', '假期中起算'],
  ['2026-02-13', 1, '2026-02-14', '2026 春节前2月14日周六上班'],
  ['2026-02-13', 2, '2026-02-24', '2月15日至23日春节'],
  ['2026-02-12', 5, '2026-02-26', '复杂事项跨春节'],
  ['2026-02-24', 10, '2026-03-09', '2月28日周六调休上班计入'],
  ['2026-04-03', 1, '2026-04-07', '4月4日至6日清明'],
  ['2026-04-30', 3, '2026-05-08', '5月1日至5日劳动节'],
  ['2026-04-30', 4, '2026-05-09', '5月9日周六上班'],
  ['2026-06-18', 1, '2026-06-22', '6月19日至21日端午'],
  ['2026-09-18', 1, '2026-09-20', '9月20日周日上班'],
  ['2026-09-24', 1, '2026-09-28', '9月25日至27日中秋'],
  ['2026-09-30', 1, '2026-10-08', '10月1日至7日国庆'],
  ['2026-09-30', 3, '2026-10-10', '简单事项：10月10日周六上班'],
  ['2026-09-30', 5, '2026-10-13', '复杂事项跨国庆'],
  ['2026-09-30', 10, '2026-10-20', '特别复杂事项跨国庆'],
  ['2026-10-09', 1, '2026-10-10', '周五之后是调休的周六'],
  ['2026-10-10', 1, '2026-10-12', '调休周六之后是周一'],
  ['2026-11-27', 1, '2026-11-30', '普通周五到周一'],
  ['2026-12-25', 3, '2026-12-30', '年底不跨年'],
  ['2026-03-02', 0, '2026-03-02', '零个工作日即当天'],
];

describe('addWorkingDays on the 2025 and 2026 notices', () => {
  it.each(ADD_CASES)('%s + %i 个工作日 = %s（%s）', (from, n, due) => {
    const result = addWorkingDays(calendar, from, n);
    expect(result.date).toBe(due);
    expect(result.unknownYears).toEqual([]);
  });
});

describe('days and their reasons', () => {
  it.each([
    ['2025-01-01', false, '节假日', '元旦'],
    ['2025-01-26', true, '调休上班', '春节调休上班'],
    ['2025-10-08', false, '节假日', undefined],
    ['2025-10-11', true, '调休上班', '国庆节调休上班'],
    ['2026-01-03', false, '节假日', '元旦'],
    ['2026-01-04', true, '调休上班', '元旦调休上班'],
    ['2026-02-23', false, '节假日', '春节'],
    ['2026-02-28', true, '调休上班', '春节调休上班'],
    ['2026-10-07', false, '节假日', '国庆节'],
    ['2026-11-28', false, '周末', undefined],
    ['2026-11-26', true, '工作日', undefined],
  ] as const)('%s', (date, working, kind, name) => {
    const info = calendar.day(date);
    expect(info.working).toBe(working);
    expect(info.kind).toBe(kind);
    if (name) expect(info.name).toBe(name);
    expect(info.provisional).toBe(false);
  });
});

describe('working days between two dates', () => {
  it.each([
    ['2025-09-30', '2025-10-11', 3],
    ['2026-09-25', '2026-10-12', 7],
    ['2026-02-13', '2026-02-28', 6],
    ['2026-10-13', '2026-10-17', 3],
    ['2026-10-13', '2026-10-13', 0],
    ['2026-10-13', '2026-10-01', 0],
  ] as const)('%s → %s = %i', (from, to, days) => {
    expect(workingDaysBetween(calendar, from, to).days).toBe(days);
  });
});

describe('the weekly summary day', () => {
  it.each([
    ['2026-11-27', '2026-11-27'],
    ['2026-10-02', '2026-09-30'],
    ['2026-06-19', '2026-06-18'],
    ['2026-09-25', '2026-09-24'],
  ] as const)('Friday %s → %s', (friday, day) => {
    expect(workingDayOnOrBefore(calendar, friday).date).toBe(day);
  });
});

describe('years without a published schedule', () => {
  it('keeps the statutory holidays of 2027 and marks a deadline that crosses into it as provisional', () => {
    const result = addWorkingDays(calendar, '2026-12-30', 3);
    // 1 January 2027 (a Friday) is 元旦 by law, then a weekend.
    expect(result).toEqual({ date: '2027-01-05', unknownYears: [2027] });
    expect(calendar.day('2027-01-01')).toMatchObject({
      working: false,
      kind: '节假日',
      name: '元旦',
      provisional: true,
    });
    expect(calendar.day('2027-01-04')).toMatchObject({ working: true, kind: '工作日', provisional: true });
    expect(calendar.hasYear(2027)).toBe(false);
  });

  it('counts across 2027’s 春节, 劳动节 and 国庆节 as the law fixes them', () => {
    // 除夕 2月5日 (Friday) to 初三 2月8日 (Monday).
    expect(addWorkingDays(calendar, '2027-02-04', 1).date).toBe('2027-02-09');
    expect(addWorkingDays(calendar, '2027-04-30', 1).date).toBe('2027-05-03');
    expect(addWorkingDays(calendar, '2027-09-30', 1).date).toBe('2027-10-04');
    expect(workingDaysBetween(calendar, '2027-09-30', '2027-10-08')).toEqual({ days: 5, unknownYears: [2027] });
  });

  it('a plain calendar without the law still counts Monday to Friday, provisionally', () => {
    const plain = makeCalendar(bundledSchedules());
    expect(addWorkingDays(plain, '2026-12-30', 3)).toEqual({ date: '2027-01-04', unknownYears: [2027] });
  });

  it('uses the ledger year once its notice is out, and is no longer provisional', () => {
    const file: unknown = parse(`
year: 2027
notice: 测试用通知
complete: true
holidays:
  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
  - { name: 春节, from: 2027-02-05, to: 2027-02-08 }
  - { name: 清明节, from: 2027-04-05, to: 2027-04-05 }
  - { name: 劳动节, from: 2027-05-01, to: 2027-05-02 }
  - { name: 端午节, from: 2027-06-09, to: 2027-06-09 }
  - { name: 中秋节, from: 2027-09-15, to: 2027-09-15 }
  - { name: 国庆节, from: 2027-10-01, to: 2027-10-03 }
workdays: []
`);
    const checked = checkCalendarFile(file, 'calendar/2027.yaml', '2027', CALENDAR_CHECK_CONTEXT);
    expect(checked.diagnostics).toEqual([]);
    const withLedger = mergeCalendar([checked.schedule!]);
    const result = addWorkingDays(withLedger, '2026-12-30', 3);
    expect(result).toEqual({ date: '2027-01-05', unknownYears: [] });
    expect(withLedger.day('2027-01-01')).toMatchObject({
      working: false,
      kind: '节假日',
      name: '元旦',
      provisional: false,
    });
  });

  it('lets a ledger year that says it corrects replace a bundled year as a whole', () => {
    const file: unknown = parse(`
year: 2026
notice: 更正测试
complete: true
corrects: 测试：整年改为只有周末
holidays: []
workdays: []
`);
    const checked = checkCalendarFile(file, 'calendar/2026.yaml', '2026', CALENDAR_CHECK_CONTEXT);
    expect(new Set(checked.diagnostics.map((d) => [d.code, d.severity].join(' ')))).toEqual(
      new Set(['calendar-differs warning']),
    );
    const corrected = mergeCalendar([checked.schedule!]);
    expect(corrected.day('2026-10-01').working).toBe(true);
    expect(corrected.years().find((y) => y.year === 2026)?.source).toContain('calendar/2026.yaml');
  });

  it('reports a calendar file whose dates do not fit its year', () => {
    const file: unknown = parse(`
year: 2027
notice: 测试
holidays:
  - { name: 元旦, from: 2026-12-31, to: 2027-01-01 }
workdays:
  - { name: 调休, date: 2027-01-05 }
`);
    const checked = checkCalendarFile(file, 'calendar/2027.yaml', '2027', CALENDAR_CHECK_CONTEXT);
    expect(checked.schedule).toBeUndefined();
    expect(checked.diagnostics.map((d) => d.code)).toEqual(['calendar-invalid', 'calendar-invalid']);
  });
});
