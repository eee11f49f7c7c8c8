import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountabilityReport, summaryDayFor } from '../../src/core/reports/accountability.js';
import { personNames, processOf, publishCases, scrub, typicalCases } from '../../src/core/reports/cases.js';
import { median, rankUnits, statsReport, type UnitStats } from '../../src/core/reports/stats.js';
import { parseAsOf } from '../../src/core/time.js';
import { loadLedger } from '../../src/io/load-ledger.js';
import { REPO_ROOT } from '../helpers/temp-ledger.js';

/**
 * The purpose-built ledger tests/fixtures/stats-ledger: 12 items in March 2026 (no holidays in
 * March; 2026-02-28 is a make-up working Saturday). Every figure below was worked out by hand
 * from the histories; the comments give the working. Z = ZJJ-2026-, W = WANGYING-2026-, Q = QBB-2026-.
 */
const ROOT = path.join(REPO_ROOT, 'tests/fixtures/stats-ledger');
const AS_OF = parseAsOf('2026-03-31T18:00:00+08:00')!;
const ledger = loadLedger(ROOT, AS_OF);
const items = [...ledger.items.values()].map((e) => e.item);
const Z = (n: number) => `ZJJ-2026-000${n}`;
const W = (n: number) => `WANGYING-2026-000${n}`;
const Q = (n: number) => `QBB-2026-000${n}`;

const report = statsReport(items, ledger.units, ledger.policy, ledger.calendar, {
  asOf: AS_OF,
  period: { to: '2026-03-31' },
});
const unit = (code: string): UnitStats => report.units.find((u) => u.unit === code)!;
const ids = (t: { items: string[] }) => t.items;

describe('stats fixture ledger', () => {
  it('is valid', () => {
    expect(ledger.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(items).toHaveLength(12);
  });
});

describe('stats: item figures by registering unit', () => {
  it('registered, by scope, by class, reported', () => {
    expect(ids(unit('zjj').registered)).toEqual([Z(1), Z(2), Z(3), Z(4), Z(5), Z(6)]);
    expect(ids(unit('wangying').registered)).toEqual([W(1), W(2), W(3), W(4)]);
    expect(ids(unit('qbb').registered)).toEqual([Q(1), Q(2)]);
    expect(report.district.registered.count).toBe(12);
    expect(ids(unit('zjj').byScope.一)).toEqual([Z(1), Z(5), Z(6)]);
    const scopes = Object.fromEntries(Object.entries(report.district.byScope).map(([k, t]) => [k, t.count]));
    expect(scopes).toEqual({ 一: 4, 二: 3, 三: 1, 四: 1, 五: 1, 六: 2 });
    expect(ids(unit('zjj').byClass[1])).toEqual([Z(5)]);
    expect(ids(unit('zjj').byClass[2])).toEqual([Z(1), Z(6)]);
    expect(ids(unit('wangying').byClass[4])).toEqual([W(2)]);
    expect([1, 2, 3, 4].map((c) => report.district.byClass[String(c) as '1'].count)).toEqual([1, 4, 2, 2]);
    // Z3 was classified but never reported.
    expect(ids(unit('zjj').reported)).toEqual([Z(1), Z(2), Z(6)]);
    expect(report.district.reported.count).toBe(6);
  });

  it('decisions count the last decision: W2 was parked (4), restarted, then decided 1', () => {
    expect(ids(unit('wangying').decisions[1])).toEqual([W(1), W(2)]);
    expect(unit('wangying').decisions[4].count).toBe(0);
    expect([1, 2, 3, 4].map((d) => report.district.decisions[String(d) as '1'].count)).toEqual([5, 1, 1, 0]);
    expect(ids(unit('qbb').decisions[3])).toEqual([Q(2)]);
  });

  it('outcomes, restarts, transfers', () => {
    expect(ids(unit('zjj').closed.办成)).toEqual([Z(1), Z(5), Z(6)]);
    expect(ids(unit('zjj').closed.不能办理)).toEqual([Z(2), Z(4)]);
    expect(ids(unit('wangying').closed.转办)).toEqual([W(3)]);
    expect(report.district.closed.办成.count).toBe(6);
    expect(ids(report.district.restarts)).toEqual([W(2)]);
    expect(ids(report.district.transfers)).toEqual([W(3)]);
  });

  it('satisfaction: the last visit; rate = (满意 + 基本满意) / visited', () => {
    expect(ids(unit('zjj').satisfaction.满意)).toEqual([Z(1), Z(6)]);
    expect(ids(unit('zjj').satisfaction.不满意)).toEqual([Z(2)]);
    expect(unit('zjj').satisfaction.rate.rate).toBeCloseTo(2 / 3);
    expect(unit('wangying').satisfaction.rate).toMatchObject({ rate: null, denominator: { count: 0 } });
    expect(report.district.satisfaction.rate.rate).toBe(0.8);
    expect(ids(report.district.satisfaction.基本满意)).toEqual([Q(1)]);
  });

  it('working days from registration to the closing step, and their median', () => {
    // Z1 03-02→03-06: 4; Z2 03-03→03-13: 8; Z4 refused the same day: 0; Z5 03-16→03-18: 2;
    // Z6 02-26→03-05: 02-27, 02-28 (make-up Saturday), 03-02…03-05 = 6.
    expect(unit('zjj').daysToClose).toEqual([
      { id: Z(1), days: 4 },
      { id: Z(2), days: 8 },
      { id: Z(4), days: 0 },
      { id: Z(5), days: 2 },
      { id: Z(6), days: 6 },
    ]);
    expect(unit('zjj').medianDaysToClose).toBe(4);
    // W1 03-02→03-12: 8; W3 03-05→transferred 03-12: 5 → median 6.5.
    expect(unit('wangying').medianDaysToClose).toBe(6.5);
    // Q1 03-02→03-09: 5; Q2 03-16→03-24: 6.
    expect(unit('qbb').medianDaysToClose).toBe(5.5);
    // 0 2 4 5 5 6 6 8 8 → 5.
    expect(report.district.medianDaysToClose).toBe(5);
    expect(median([])).toBeNull();
  });
});

describe('stats: deadline figures by the unit that owes them', () => {
  it('feedback on time: zjj owes W1 (responsible unit) and Q2 (meeting) besides its own', () => {
    // Z1 on time, Z2 会办后反馈 late (due 03-11, 03-13), Z6 on time, W1 late (due 03-11, 03-12), Q2 on time.
    expect(ids(unit('zjj').feedbackOnTime.numerator)).toEqual([Q(2), Z(1), Z(6)]);
    expect(ids(unit('zjj').feedbackOnTime.denominator)).toEqual([Q(2), W(1), Z(1), Z(2), Z(6)]);
    expect(unit('zjj').feedbackOnTime.rate).toBe(0.6);
    // Q1 on time; W2 due 03-26 and still open → late.
    expect(ids(unit('wangying').feedbackOnTime.denominator)).toEqual([Q(1), W(2)]);
    expect(unit('wangying').feedbackOnTime.rate).toBe(0.5);
    expect(unit('qbb').feedbackOnTime.rate).toBeNull();
    expect(report.district.feedbackOnTime.numerator.count).toBe(4);
    expect(report.district.feedbackOnTime.denominator.count).toBe(7);
  });

  it('filing on time: W1 closed 03-12, never filed → late for zjj', () => {
    expect(ids(unit('zjj').filingOnTime.numerator)).toEqual([Q(2), Z(1), Z(2), Z(6)]);
    expect(ids(unit('zjj').filingOnTime.denominator)).toEqual([Q(2), W(1), Z(1), Z(2), Z(6)]);
    expect(unit('wangying').filingOnTime.rate).toBe(1);
    expect(report.district.filingOnTime.rate).toBeCloseTo(6 / 7);
  });

  it('overdue now (红牌/黄牌) and ever', () => {
    expect(ids(unit('zjj').overdueNow.红牌)).toEqual([W(1), Z(3)]);
    expect(ids(unit('wangying').overdueNow.红牌)).toEqual([W(2)]);
    // W4 classified 03-30: report due 03-31, today → 黄牌.
    expect(ids(unit('wangying').overdueNow.黄牌)).toEqual([W(4)]);
    expect(ids(report.district.overdueNow.红牌)).toEqual([W(1), W(2), Z(3)]);
    // zjj: W1 feedback late + filing open late, Z2 report late + 会办后反馈 late, Z3 report open late.
    expect(ids(unit('zjj').overdueEver)).toEqual([W(1), W(1), Z(2), Z(2), Z(3)]);
    expect(ids(unit('wangying').overdueEver)).toEqual([W(2), W(3)]);
    expect(report.district.overdueEver.count).toBe(7);
  });

  it('ranking: feedback rate, then overdue ever, then filing rate; the office does not take part', () => {
    expect(report.ranking.map((r) => [r.rank, r.unit])).toEqual([
      [1, 'zjj'],
      [2, 'wangying'],
    ]);
    const row = (unit: string, feedbackRate: number | null, overdueEver: number, filingRate: number | null) => ({
      rank: 0,
      unit,
      name: unit,
      feedbackRate,
      overdueEver,
      filingRate,
    });
    const tie = (r: ReturnType<typeof row>) =>
      ({
        unit: r.unit,
        name: r.unit,
        feedbackOnTime: { rate: r.feedbackRate },
        filingOnTime: { rate: r.filingRate },
        overdueEver: { count: r.overdueEver },
      }) as unknown as UnitStats;
    const ranked = rankUnits(
      [row('a', 0.5, 1, 1), row('b', 0.5, 1, 1), row('c', 0.5, 0, null), row('d', null, 0, 1), row('e', 0.9, 5, 0)].map(
        tie,
      ),
    );
    expect(ranked.map((r) => [r.rank, r.unit])).toEqual([
      [1, 'e'],
      [2, 'c'],
      [3, 'a'],
      [3, 'b'],
      [5, 'd'],
    ]);
  });

  it('a period counts only the items registered in it', () => {
    const march9 = statsReport(items, ledger.units, ledger.policy, ledger.calendar, {
      asOf: AS_OF,
      period: { from: '2026-03-09', to: '2026-03-31' },
      unit: 'zjj',
    });
    expect(march9.units.map((u) => u.unit)).toEqual(['zjj']);
    expect(ids(march9.units[0]!.registered)).toEqual([Z(3), Z(4), Z(5)]);
    expect(ids(march9.district.registered)).toEqual([Q(2), W(4), Z(3), Z(4), Z(5)]);
  });

  it('events after asOf are not seen', () => {
    const early = statsReport(items, ledger.units, ledger.policy, ledger.calendar, {
      asOf: parseAsOf('2026-03-05')!,
      period: { to: '2026-03-05' },
    });
    // On 03-05 Z1 was reported and decided but not yet closed; Z2 reported 03-05 10:00, late.
    expect(early.units.find((u) => u.unit === 'zjj')!.closed.办成.items).toEqual([Z(6)]);
    expect(early.district.registered.count).toBe(7);
  });
});

describe('accountability', () => {
  const acc = accountabilityReport(items, ledger.units, ledger.policy, ledger.calendar, {
    asOf: AS_OF,
    period: { to: '2026-03-31' },
  });
  const of = (code: string) => acc.units.find((u) => u.unit === code)!;

  it('lists every unit but the office', () => {
    expect(acc.units.map((u) => u.unit)).toEqual(['wangying', 'zjj']);
  });
  it('not reported in time', () => {
    expect(of('zjj').notReportedInTime).toEqual([
      { id: Z(2), rule: 'report', due: '2026-03-04', doneOn: '2026-03-05', daysLate: 1, provisional: false },
      { id: Z(3), rule: 'report', due: '2026-03-10', doneOn: null, daysLate: 15, provisional: false },
    ]);
    expect(of('wangying').notReportedInTime).toEqual([
      { id: W(3), rule: 'report', due: '2026-03-06', doneOn: '2026-03-11', daysLate: 3, provisional: false },
    ]);
  });
  it('missing from the week’s summary', () => {
    expect(of('zjj').missingFromWeekly).toEqual([
      { id: Z(3), summaryDay: '2026-03-13', classifiedOn: '2026-03-09', reportedOn: null, provisional: false },
    ]);
    // W4 belongs in the summary of 04-03, not over yet.
    expect(of('wangying').missingFromWeekly).toEqual([
      { id: W(3), summaryDay: '2026-03-06', classifiedOn: '2026-03-05', reportedOn: '2026-03-11', provisional: false },
    ]);
  });
  it('feedback and filing late', () => {
    expect(of('zjj').feedbackLate).toEqual([
      { id: W(1), rule: 'feedback', due: '2026-03-11', doneOn: '2026-03-12', daysLate: 1, provisional: false },
      { id: Z(2), rule: 'joint_feedback', due: '2026-03-11', doneOn: '2026-03-13', daysLate: 2, provisional: false },
    ]);
    expect(of('zjj').filingLate).toEqual([
      { id: W(1), rule: 'filing', due: '2026-03-13', doneOn: null, daysLate: 12, provisional: false },
    ]);
    expect(of('wangying').feedbackLate).toEqual([
      { id: W(2), rule: 'feedback', due: '2026-03-26', doneOn: null, daysLate: 3, provisional: false },
    ]);
    expect(of('wangying').filingLate).toEqual([]);
  });
  it('a period keeps what fell due in it', () => {
    const later = accountabilityReport(items, ledger.units, ledger.policy, ledger.calendar, {
      asOf: AS_OF,
      period: { from: '2026-03-09', to: '2026-03-31' },
      unit: 'wangying',
    });
    expect(later.units).toHaveLength(1);
    expect(later.units[0]!.notReportedInTime).toEqual([]);
    expect(later.units[0]!.missingFromWeekly).toEqual([]);
    expect(later.units[0]!.feedbackLate.map((e) => e.id)).toEqual([W(2)]);
  });
  it('the summary day for a date is the first on or after it', () => {
    expect(summaryDayFor(ledger.calendar, '2026-03-06', 5)).toBe('2026-03-06');
    expect(summaryDayFor(ledger.calendar, '2026-03-07', 5)).toBe('2026-03-13');
  });
});

describe('typical cases', () => {
  const cases = typicalCases(items, ledger.units);
  it('lists the marked items, positive first', () => {
    expect(cases.map((c) => [c.id, c.kind])).toEqual([
      [Z(1), '正面'],
      [Z(2), '负面'],
    ]);
    expect(typicalCases(items, ledger.units, '负面').map((c) => c.id)).toEqual([Z(2)]);
  });
  it('publishes without personal data', () => {
    const byId = new Map(items.map((i) => [i.id, i]));
    const published = publishCases(cases, byId, ledger.units);
    expect(published[0]).toMatchObject({
      seq: 1,
      kind: '正面',
      unitName: '淮阴区住房和城乡建设局',
      reason: '某群众申请加装电梯，规划条件不明确',
      comment: '某群众反映的问题四个工作日办成，经办人某工作人员主动协调，值得推广',
    });
    expect(published[1]!.comment).toBe('会办后反馈拖延，某企业多次来电（电话 （号码已隐去））');
    const text = JSON.stringify(published);
    for (const secret of ['王小明', '淮安星辰', '13900001002', '测试己', '测试丙', '测试丁', '测试局长'])
      expect(text).not.toContain(secret);
    expect(processOf(byId.get(Z(4))!)).toBe('2026-03-10 登记；2026-03-10 当场告知不能办理；2026-03-11 归档');
  });
  it('scrubs every person named in the ledger', () => {
    const item = items.find((i) => i.id === Z(1))!;
    const people = personNames(items, ledger.units.values());
    expect(people).toContain('测试局长');
    expect(scrub('测试丁同意，电话 0517-81230201', item, people)).toBe('某工作人员同意，电话 （号码已隐去）');
    expect(scrub('2026-03-13 办结，热线 12345，身份证 320800199001011234', item, people)).toBe(
      '2026-03-13 办结，热线 12345，身份证 （号码已隐去）',
    );
  });
});
