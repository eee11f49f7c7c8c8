import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeCalendar } from '../../src/core/calendar/calendar.js';
import { addDays, isoWeekday, toDayNumber } from '../../src/core/calendar/civil.js';
import { reportingWeek, summaryWeekOf } from '../../src/core/calendar/week.js';
import { policyFrom } from '../../src/core/deadlines/default-policy.js';
import { accountabilityReport, type MissedWeek } from '../../src/core/reports/accountability.js';
import { weeklySummary } from '../../src/core/reports/weekly.js';
import type { LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { chinaDate, parseAsOf, parseTimestamp, type CivilDate } from '../../src/core/time.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';

/*
 * Issue 18, part 10: `weekly` (附件4) and `accountability` (未列入当周汇总表) name the same summary
 * day for an item, and never one before the day the item became reportable. Checked over every
 * date of the bundled calendar (2004–2026), against an oracle that works the summary days out
 * from the calendar's days alone, and by running both reports on an item for every date.
 */

const calendar = makeCalendar(bundledSchedules());
const FIRST: CivilDate = '2004-01-01';
const LAST: CivilDate = '2026-12-31';

function* dates(from: CivilDate, to: CivilDate): Generator<CivilDate> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/**
 * The oracle: every week's summary day, in order — the nominal weekday stepped back one day at
 * a time to a working day — without reportingWeek or workingDayOnOrBefore.
 */
function allSummaryDays(weekday: number): { nominal: CivilDate; due: CivilDate }[] {
  let nominal = addDays(FIRST, -21);
  while (isoWeekday(nominal) !== weekday) nominal = addDays(nominal, 1);
  const out: { nominal: CivilDate; due: CivilDate }[] = [];
  for (; nominal <= addDays(LAST, 60); nominal = addDays(nominal, 7)) {
    let due = nominal;
    while (!calendar.day(due).working) due = addDays(due, -1);
    out.push({ nominal, due });
  }
  return out;
}

describe('summaryWeekOf: the first summary day on or after a date', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('weekday %i, every date 2004–2026, agrees with the oracle', (weekday) => {
    const summaryDays = allSummaryDays(weekday);
    let next = 0;
    let checked = 0;
    for (const date of dates(FIRST, LAST)) {
      while (summaryDays[next]!.due < date) next++;
      const expected = summaryDays[next]!;
      const week = summaryWeekOf(calendar, date, weekday);
      if (week.due !== expected.due || week.nominal !== expected.nominal)
        expect({ date, due: week.due, nominal: week.nominal }).toEqual({ date, ...expected });
      checked++;
    }
    expect(checked).toBe(8401);
  });

  it('the finding: a matter reportable on Sunday 2026-02-15 belongs to the summary of 02-27', () => {
    // The Spring Festival week's Friday 02-20 is a holiday: its summary moves back to the make-up
    // Saturday 02-14, the day before. A matter of 02-15 cannot have been in it.
    expect(reportingWeek(calendar, '2026-02-16', 5).due).toBe('2026-02-14');
    expect(summaryWeekOf(calendar, '2026-02-15', 5)).toMatchObject({ monday: '2026-02-23', due: '2026-02-27' });
    expect(summaryWeekOf(calendar, '2026-02-14', 5)).toMatchObject({ monday: '2026-02-16', due: '2026-02-14' });
  });

  it('the dates that stepping one week on was not enough for: 34 in 2004–2026, each now on or after its date', () => {
    const stepOnce = (date: CivilDate) => {
      const week = reportingWeek(calendar, date, 5);
      return date <= week.due ? week.due : reportingWeek(calendar, addDays(week.monday, 7), 5).due;
    };
    const hard = [...dates(FIRST, LAST)].filter((d) => stepOnce(d) < d);
    expect(hard).toHaveLength(34);
    expect(hard).toContain('2026-02-15');
    for (const date of hard) expect(summaryWeekOf(calendar, date, 5).due >= date).toBe(true);
  });
});

const unit = (code: string, name: string, kind: Unit['kind']): Unit => ({
  code,
  name,
  kind,
  leader: { name: '张伟', title: '副局长', phone: '0517-80000201' },
  lead_section: { name: '办公室', head: '刘芳', phone: '0517-80000202' },
  contact: { name: '陈静', title: '办公室科员', phone: '13800000201' },
});

const UNITS = new Map<string, Unit>([
  ['zjj', unit('zjj', '淮阴区住房和城乡建设局', '区直单位')],
  ['scj', unit('scj', '淮阴区市场监督管理局', '区直单位')],
  ['qbb', unit('qbb', '淮阴区“办不成事”办公室（区委营商办）', '区办')],
]);

/** One matter, classified 2 and reported; `{C}` and `{R}` are the classification and report times. */
const TEMPLATE = `
unit: zjj
party: { name: 淮阴某建材有限公司, kind: 企业, phone: "13900001111" }
title: 老旧小区加装电梯规划许可
reason: 加装电梯涉及多个部门审批
scope: 一
channel: 窗口
events:
  - { type: registered, at: "{C}", by: 测试己 }
  - { type: confirmed, at: "{C}", by: 测试己, section: 办公室, consent_by: 测试丁 }
  - { type: classified, at: "{C}", by: 测试戊, class: 2 }
  - { type: reported, at: "{R}", by: 测试戊, consent_by: 测试局长 }
`;
const shape = parse(TEMPLATE) as Omit<Item, 'id'>;

function matter(id: string, unitCode: string, classifiedAt: string, reportedAt: string): Item {
  const times = [classifiedAt, classifiedAt, classifiedAt, reportedAt];
  const events: LedgerEvent[] = shape.events.map((e, i) => ({ ...e, at: times[i]! }));
  return { ...shape, id, unit: unitCode, events };
}

function reportDay(item: Item): CivilDate {
  const parsed = parseTimestamp(item.events[3]!.at);
  if (!parsed.ok) throw new Error(`bad time in test: ${item.events[3]!.at}`);
  return chinaDate(parsed.epochMs);
}

interface Placed {
  /** Summary days of the weekly summaries that listed the item. */
  in: CivilDate[];
}

/** Runs `weekly` for every week of 2004–2026 and records which summaries list which item. */
function weeklyPlacement(items: readonly Item[], unitCode: string, weekday: number): Map<string, Placed> {
  const byDay = new Map<number, Item[]>();
  for (const item of items) {
    const day = toDayNumber(reportDay(item));
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const placed = new Map<string, Placed>(items.map((i) => [i.id, { in: [] }]));
  for (let monday = reportingWeek(calendar, FIRST, weekday).monday; monday <= addDays(LAST, 21);) {
    // Each week is offered the reports of five weeks around it, so a report put in the wrong week shows.
    const offered: Item[] = [];
    for (let day = toDayNumber(monday) - 21; day <= toDayNumber(monday) + 13; day++)
      offered.push(...(byDay.get(day) ?? []));
    const summary = weeklySummary(offered, unitCode, calendar, weekday, monday);
    for (const row of summary.rows) {
      const shown = chinaDate(row.reportedAt);
      // The window the form prints agrees with the rows it lists.
      if (shown < summary.from || shown > summary.to) expect({ row: row.id, shown }).toEqual(summary);
      placed.get(row.id)!.in.push(summary.to);
    }
    monday = addDays(monday, 7);
  }
  return placed;
}

describe.each([5, 1])('weekly and accountability agree on every date 2004–2026 (summary weekday %i)', (weekday) => {
  const policy = { ...policyFrom(undefined), weeklyWeekday: weekday };
  // On time: classified at 09:00 and reported at 23:59 the same day (15:59 UTC: still that China day).
  const onTime: Item[] = [];
  // Too late: classified the same day, reported at 00:00 of the day after its summary day.
  const late: Item[] = [];
  let n = 0;
  for (const date of dates(FIRST, LAST)) {
    n++;
    const seq = String(n).padStart(5, '0');
    onTime.push(matter(`ZJJ-${date.slice(0, 4)}-${seq}`, 'zjj', `${date}T09:00:00+08:00`, `${date}T23:59:00+08:00`));
    const tooLate = addDays(summaryWeekOf(calendar, date, weekday).due, 1);
    late.push(matter(`SCJ-${date.slice(0, 4)}-${seq}`, 'scj', `${date}T09:00:00+08:00`, `${tooLate}T00:00:00+08:00`));
  }
  const report = accountabilityReport([...onTime, ...late], UNITS, policy, calendar, {
    asOf: parseAsOf('2027-06-30')!,
    period: { from: '2003-12-01', to: '2027-12-31' },
  });
  const missing = (code: string) => report.units.find((u) => u.unit === code)!.missingFromWeekly;
  const onTimeWeeks = weeklyPlacement(onTime, 'zjj', weekday);
  const lateWeeks = weeklyPlacement(late, 'scj', weekday);

  it('a matter reported the day it became reportable: in exactly one summary, dated on or after that day, and never 未列入', () => {
    expect(missing('zjj')).toEqual([]);
    for (const item of onTime) {
      const placed = onTimeWeeks.get(item.id)!.in;
      const day = reportDay(item);
      if (placed.length !== 1 || placed[0]! < day) expect({ id: item.id, day, placed }).toBe('in one summary');
    }
  });

  it('a matter reported after its summary day: 未列入 the very summary weekly lists its on-time twin in', () => {
    const byId = new Map<string, MissedWeek>(missing('scj').map((m) => [m.id, m]));
    expect(byId.size).toBe(late.length);
    late.forEach((item, i) => {
      const entry = byId.get(item.id)!;
      const twin = onTimeWeeks.get(onTime[i]!.id)!.in[0]!;
      const placed = lateWeeks.get(item.id)!.in;
      const agrees =
        entry.summaryDay === twin &&
        entry.summaryDay >= entry.classifiedOn &&
        placed.length === 1 &&
        placed[0]! > entry.summaryDay;
      if (!agrees) expect({ entry, twin, placed }).toBe('agreeing');
    });
  });
});

describe('the finding, as the officers saw it', () => {
  const policy = policyFrom(undefined);
  const items = [
    matter('ZJJ-2026-0001', 'zjj', '2026-02-15T10:00:00+08:00', '2026-02-15T11:00:00+08:00'),
    matter('ZJJ-2026-0002', 'zjj', '2026-02-15T10:00:00+08:00', '2026-02-28T09:00:00+08:00'),
  ];
  const report = accountabilityReport(items, UNITS, policy, calendar, {
    asOf: parseAsOf('2026-03-31')!,
    period: { from: '2026-02-01', to: '2026-03-31' },
  });
  const zjj = report.units.find((u) => u.unit === 'zjj')!;

  it('classified and reported on Sunday 02-15: in the 02-27 summary, nothing to account for', () => {
    expect(weeklySummary(items, 'zjj', calendar, 5, '2026-02-27').rows.map((r) => r.id)).toEqual(['ZJJ-2026-0001']);
    expect(weeklySummary(items, 'zjj', calendar, 5, '2026-02-16').rows).toEqual([]);
    expect(zjj.missingFromWeekly.map((m) => m.id)).toEqual(['ZJJ-2026-0002']);
  });

  it('reported on 02-28 instead: 应列入 2026-02-27 的汇总表, and weekly lists it a week later', () => {
    expect(zjj.missingFromWeekly).toEqual([
      {
        id: 'ZJJ-2026-0002',
        summaryDay: '2026-02-27',
        classifiedOn: '2026-02-15',
        reportedOn: '2026-02-28',
        provisional: false,
      },
    ]);
    expect(weeklySummary(items, 'zjj', calendar, 5, '2026-03-06').rows.map((r) => r.id)).toEqual(['ZJJ-2026-0002']);
  });
});
