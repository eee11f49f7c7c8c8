import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/core/calendar/calendar.js';
import { weeklySummary } from '../../src/core/reports/weekly.js';
import type { LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';

const calendar = makeCalendar(bundledSchedules());

function item(id: string, unit: string, reportedAt?: string): Item {
  const events: Partial<LedgerEvent>[] = [{ type: 'registered', at: '2026-09-01T09:00:00+08:00', by: '王敏' }];
  if (reportedAt) events.push({ type: 'reported', at: reportedAt, by: '刘芳', consent_by: '局长' });
  return {
    id,
    unit,
    party: { name: '测试', kind: '企业', phone: '0517-80000000' },
    title: `事项 ${id}`,
    reason: '原因',
    scope: '一',
    channel: '窗口',
    events: events as LedgerEvent[],
  };
}

describe('which items belong to a week of 附件4', () => {
  const items = [
    item('ZJJ-2026-0001', 'zjj', '2026-11-20T17:00:00+08:00'), // previous Friday: last week
    item('ZJJ-2026-0002', 'zjj', '2026-11-21T10:00:00+08:00'), // Saturday after: this week
    item('ZJJ-2026-0003', 'zjj', '2026-11-27T23:59:00+08:00'), // this Friday, late evening: this week
    item('ZJJ-2026-0004', 'zjj', '2026-11-27T16:00:00Z'), // Saturday 00:00 China: next week
    item('ZJJ-2026-0005', 'zjj'), // never reported
    item('SCJ-2026-0001', 'scj', '2026-11-24T10:00:00+08:00'), // another unit
  ];

  it('takes reports after last summary day up to and including this one, in China time', () => {
    const summary = weeklySummary(items, 'zjj', calendar, 5, '2026-11-25');
    expect(summary.from).toBe('2026-11-21');
    expect(summary.to).toBe('2026-11-27');
    expect(summary.rows.map((r) => [r.seq, r.id])).toEqual([
      [1, 'ZJJ-2026-0002'],
      [2, 'ZJJ-2026-0003'],
    ]);
    expect(summary.rows[0]).toMatchObject({
      receivedBy: '王敏',
      receivedAt: '2026-09-01 09:00',
      title: '事项 ZJJ-2026-0002',
    });
  });

  it('is the same for any day of the week and on a rerun', () => {
    const ids = (day: string) => weeklySummary(items, 'zjj', calendar, 5, day).rows.map((r) => r.id);
    expect(ids('2026-11-23')).toEqual(ids('2026-11-29'));
    expect(ids('2026-11-23')).toEqual(ids('2026-11-23'));
  });

  it('moves the summary day back when Friday is a holiday, and the next week starts after it', () => {
    const national = [
      item('ZJJ-2026-0010', 'zjj', '2026-09-30T15:00:00+08:00'),
      item('ZJJ-2026-0011', 'zjj', '2026-10-01T10:00:00+08:00'),
    ];
    const holidayWeek = weeklySummary(national, 'zjj', calendar, 5, '2026-10-01');
    // The Friday before (09-25) was 中秋 too, so that week's summary day was Thursday 09-24.
    expect(holidayWeek).toMatchObject({ from: '2026-09-25', to: '2026-09-30' });
    expect(holidayWeek.rows.map((r) => r.id)).toEqual(['ZJJ-2026-0010']);
    const next = weeklySummary(national, 'zjj', calendar, 5, '2026-10-09');
    expect(next).toMatchObject({ from: '2026-10-01', to: '2026-10-09' });
    expect(next.rows.map((r) => r.id)).toEqual(['ZJJ-2026-0011']);
  });

  it('an empty week has no rows', () => {
    expect(weeklySummary(items, 'zjj', calendar, 5, '2026-06-10').rows).toEqual([]);
  });
});
