import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeCalendar } from '../../src/core/calendar/calendar.js';
import type { FilePlace, LedgerContext } from '../../src/core/checks/context.js';
import { isOfficeStep } from '../../src/core/checks/history.js';
import { checkItem } from '../../src/core/checks/item.js';
import { checkPolicy } from '../../src/core/checks/policy.js';
import { policyFrom } from '../../src/core/deadlines/default-policy.js';
import { assess, obligationsOf, type Obligation } from '../../src/core/deadlines/obligations.js';
import { accountabilityReport } from '../../src/core/reports/accountability.js';
import { overdueReport } from '../../src/core/reports/overdue.js';
import { statsReport } from '../../src/core/reports/stats.js';
import { trackRow } from '../../src/core/reports/track.js';
import type { Item } from '../../src/core/schema/item.js';
import type { Policy } from '../../src/core/schema/policy.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { parseAsOf, parseTimestamp } from '../../src/core/time.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';

/*
 * Issue 18, part 9: a verdict once earned stays. An obligation that was late when it ended, or
 * still overdue when 留档暂存, a restart or (under a district's own policy) closing stopped its
 * clock, stays 逾期 with its working days late; a restart starts new clocks beside the old ones.
 * Every scenario is a valid item (checked as `bbcs validate` checks it) unless it says otherwise.
 */

const calendar = makeCalendar(bundledSchedules());
const policy = policyFrom(undefined);
const LATER = instant('2026-12-31T12:00:00+08:00');

function instant(text: string): number {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new Error(`bad time in test: ${text}`);
  return parsed.epochMs;
}

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
  ['wangying', unit('wangying', '淮阴区王营镇人民政府', '镇街')],
  ['qbb', unit('qbb', '淮阴区“办不成事”办公室（区委营商办）', '区办')],
]);

const CTX: LedgerContext = { units: UNITS, asOf: LATER };

/** The item in `yaml`, checked as validate checks it; `allowed` names the problems the scenario has on purpose. */
function ledgerItem(yaml: string, allowed: string[] = []): Item {
  const value = parse(yaml) as { id: string };
  const place: FilePlace = { file: `zjj/${value.id}.yaml`, folder: 'zjj', stem: value.id };
  const checked = checkItem(value, place, CTX);
  expect(checked.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(
    checked.diagnostics.filter((d) => allowed.includes(d.code)).map((d) => `${d.code}: ${d.message}`),
  );
  return checked.item!;
}

/** Reported 03-05, decided 03-06 16:00 as 复杂 for zjj: feedback due 2026-03-13 (five working days). */
const HANDLING = (id: string) => `
id: ${id}
unit: zjj
party: { name: 淮阴某建材有限公司, kind: 企业, phone: "13900001111" }
title: 老旧小区加装电梯规划许可
reason: 加装电梯涉及多个部门审批，本单位无法单独办理
scope: 一
channel: 窗口
events:
  - { type: registered, at: 2026-03-02T09:30:00+08:00, by: 测试己 }
  - { type: confirmed, at: 2026-03-03T10:00:00+08:00, by: 测试己, section: 办公室, consent_by: 测试丁 }
  - { type: classified, at: 2026-03-04T15:00:00+08:00, by: 测试戊, class: 2 }
  - { type: reported, at: 2026-03-05T09:00:00+08:00, by: 测试戊, consent_by: 测试局长 }
  - type: decided
    at: 2026-03-06T16:00:00+08:00
    by: 测试丙
    unit: qbb
    decision: 1
    difficulty: 复杂
    responsible_unit: zjj
    opinion: 退回原单位办理
`;

const closedRefused = (at: string) =>
  `  - { type: closed, at: ${at}, by: 测试己, outcome: 不能办理, result: 不能办理, refusal_reason: 现行政策不允许 }\n`;
const restarted = (at: string) =>
  `  - { type: restarted, at: ${at}, by: 测试丙, unit: qbb, basis: 政策调整, reference: 淮政发〔2026〕9号 }\n`;

/** The finding: closed as 不能办理 eleven working days after feedback was due, never answered, then restarted. */
const FINDING =
  HANDLING('ZJJ-2026-0001') + closedRefused('2026-03-30T10:00:00+08:00') + restarted('2026-03-30T11:00:00+08:00');

function the(item: Item, rule: string, p: Policy = policy): Obligation[] {
  return obligationsOf(item, p, calendar, 'qbb').filter((o) => o.rule.id === rule);
}

function one(item: Item, rule: string, p: Policy = policy): Obligation {
  const found = the(item, rule, p);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('a clock stopped after its due day keeps its lateness', () => {
  const item = ledgerItem(FINDING);

  it('the finding: feedback 11 working days late, closed as 不能办理, restarted → 逾期后停止, 11 days', () => {
    const feedback = one(item, 'feedback');
    expect(feedback).toMatchObject({ due: '2026-03-13', ended: 'stopped', endedBy: 'restarted', owner: 'zjj' });
    expect(assess(feedback, LATER, calendar, 1)).toEqual({
      standing: '逾期后停止',
      daysLate: 11,
      stopped: { on: '2026-03-30', by: 'restarted' },
      provisional: false,
    });
  });

  it('the verdict does not grow or fade with time: the same at every later instant', () => {
    const feedback = one(item, 'feedback');
    for (const when of ['2026-03-30T11:00:00+08:00', '2026-04-30T09:00:00+08:00', '2027-06-30T09:00:00+08:00'])
      expect(assess(feedback, instant(when), calendar, 1)).toMatchObject({ standing: '逾期后停止', daysLate: 11 });
  });

  it('before the restart the same clock was a red card, and its days grew until the stop', () => {
    const feedback = one(item, 'feedback');
    expect(assess(feedback, instant('2026-03-27T17:00:00+08:00'), calendar, 1)).toMatchObject({
      standing: '红牌',
      daysLate: 10,
    });
    expect(assess(feedback, instant('2026-03-30T10:59:00+08:00'), calendar, 1)).toMatchObject({
      standing: '红牌',
      daysLate: 11,
    });
  });

  it('a clock the restart stopped before its due day is only 已停止: filing was due 03-31', () => {
    const filing = one(item, 'filing');
    expect(filing.due).toBe('2026-03-31');
    expect(assess(filing, LATER, calendar, 1)).toEqual({
      standing: '已停止',
      stopped: { on: '2026-03-30', by: 'restarted' },
      provisional: false,
    });
  });

  it.each([
    ['2026-03-13T23:59:00+08:00', '已停止', undefined], // the last minute of the due day: not late
    ['2026-03-13T16:00:00Z', '逾期后停止', 0], // 24:00 China time, a Saturday: late, no working day yet
    ['2026-03-16T09:00:00+08:00', '逾期后停止', 1],
  ] as const)('closed early, restarted at %s → %s', (when, standing, daysLate) => {
    const early = ledgerItem(HANDLING('ZJJ-2026-0002') + closedRefused('2026-03-10T10:00:00+08:00') + restarted(when));
    const a = assess(one(early, 'feedback'), LATER, calendar, 1);
    expect(a.standing).toBe(standing);
    expect(a.daysLate).toBe(daysLate);
  });
});

describe('a restart starts new clocks beside the old ones', () => {
  const redecided = ledgerItem(
    FINDING +
      `  - type: decided
    at: 2026-04-01T10:00:00+08:00
    by: 测试丙
    unit: qbb
    decision: 1
    difficulty: 简单
    responsible_unit: wangying
    opinion: 按新政策由王营镇办理
  - { type: feedback, at: 2026-04-03T10:00:00+08:00, by: 测试甲, kind: 结果, method: 电话, content: 已按新政策办理 }
`,
  );

  it('the old feedback clock stays 逾期后停止 and owed by zjj; the new one is wangying’s, met on time', () => {
    const [old, fresh] = the(redecided, 'feedback');
    expect(old).toMatchObject({ owner: 'zjj', due: '2026-03-13' });
    expect(assess(old!, LATER, calendar, 1)).toMatchObject({ standing: '逾期后停止', daysLate: 11 });
    expect(fresh).toMatchObject({ owner: 'wangying', due: '2026-04-07', days: 3 });
    expect(assess(fresh!, LATER, calendar, 1).standing).toBe('按时完成');
  });

  it('a new decision without a difficulty does not borrow the old one: no deadline is invented', () => {
    const noDifficulty = ledgerItem(
      FINDING +
        '  - { type: decided, at: 2026-04-01T10:00:00+08:00, by: 测试丙, unit: qbb, decision: 1, opinion: 可以办理 }\n',
      ['missing-field'],
    );
    const [, fresh] = the(noDifficulty, 'feedback');
    expect(fresh!.days).toBeUndefined();
    expect(fresh!.due).toBeUndefined();
    expect(assess(fresh!, LATER, calendar, 1).standing).toBe('无期限');
  });
});

describe('a transfer is an answer: it ends the feedback clock as done', () => {
  const transfer = (at: string) =>
    ledgerItem(
      HANDLING('ZJJ-2026-0003') +
        `  - { type: transferred, at: ${at}, by: 测试己, to: "12345", number: HA-20260320-0001 }\n`,
    );

  it('late when it came after the due day (逾期完成), on time before it', () => {
    expect(assess(one(transfer('2026-03-20T10:00:00+08:00'), 'feedback'), LATER, calendar, 1)).toMatchObject({
      standing: '逾期完成',
      daysLate: 5,
    });
    expect(assess(one(transfer('2026-03-12T10:00:00+08:00'), 'feedback'), LATER, calendar, 1).standing).toBe(
      '按时完成',
    );
  });
});

describe('under a district’s own policy', () => {
  const ownPolicy = (stopAll: string) =>
    checkPolicy(
      parse(`
version: 1
stop_all: ${stopAll}
rules:
  - id: progress
    name: 上报后告知进展
    owner: unit
    start: [{ event: reported }]
    stop: [{ event: feedback }]
    days: 2
  - id: feedback
    name: 向当事方反馈
    owner: responsible
    start: [{ event: decided, where: { decision: [1] } }]
    stop: [{ event: feedback }]
    days_by_difficulty: { 简单: 3, 复杂: 5, 特别复杂: 10 }
`),
      'policy.yaml',
    ).policy!;

  it('留档暂存 after the due day: the clock it stops stays 逾期后停止', () => {
    const parked = ledgerItem(`
id: ZJJ-2026-0004
unit: zjj
party: { name: 测试群众, kind: 群众, phone: "13900002222" }
title: 住宅登记为经营场所
reason: 现行住所登记规定不允许
scope: 一
channel: 窗口
events:
  - { type: registered, at: 2026-03-02T09:30:00+08:00, by: 测试己 }
  - { type: confirmed, at: 2026-03-02T10:00:00+08:00, by: 测试己, section: 办公室, consent_by: 测试丁 }
  - { type: classified, at: 2026-03-02T15:00:00+08:00, by: 测试戊, class: 3 }
  - { type: reported, at: 2026-03-03T09:00:00+08:00, by: 测试戊, consent_by: 测试局长 }
  - { type: decided, at: 2026-03-10T09:00:00+08:00, by: 测试丙, unit: qbb, decision: 4, opinion: 留档暂存 }
`);
    const p = ownPolicy('[{ event: decided, where: { decision: [4] } }, { event: restarted }]');
    const progress = one(parked, 'progress', p);
    expect(progress.due).toBe('2026-03-05');
    expect(assess(progress, LATER, calendar, 1)).toMatchObject({
      standing: '逾期后停止',
      daysLate: 3,
      stopped: { on: '2026-03-10', by: 'decided' },
    });
  });

  it('closing stops every clock when the policy says so, and a late one stays late', () => {
    const closedLate = ledgerItem(HANDLING('ZJJ-2026-0005') + closedRefused('2026-03-18T10:00:00+08:00'));
    const p = ownPolicy('[{ event: closed }, { event: restarted }]');
    expect(assess(one(closedLate, 'feedback', p), LATER, calendar, 1)).toMatchObject({
      standing: '逾期后停止',
      daysLate: 3,
      stopped: { on: '2026-03-18', by: 'closed' },
    });
  });
});

describe('every report keeps the red card after the restart', () => {
  const finding = ledgerItem(FINDING);
  const items = [finding];
  const period = { from: '2026-03-01', to: '2026-12-31' };

  it('stats: counted as 曾逾期 and in the feedback rate’s denominator, not as a red card now', () => {
    const zjj = statsReport(items, UNITS, policy, calendar, { asOf: LATER, period }).units.find(
      (u) => u.unit === 'zjj',
    )!;
    expect(zjj.overdueEver.items).toEqual(['ZJJ-2026-0001']);
    expect(zjj.feedbackOnTime).toMatchObject({ numerator: { count: 0 }, denominator: { count: 1 }, rate: 0 });
    expect(zjj.overdueNow.红牌.count).toBe(0);
  });

  it('stats as of the day before the restart: a red card now', () => {
    const asOf = instant('2026-03-27T17:00:00+08:00');
    const zjj = statsReport(items, UNITS, policy, calendar, { asOf, period }).units.find((u) => u.unit === 'zjj')!;
    expect(zjj.overdueNow.红牌.items).toEqual(['ZJJ-2026-0001']);
    expect(zjj.overdueEver.items).toEqual(['ZJJ-2026-0001']);
  });

  it('accountability: 反馈逾期 for zjj, with the day and the step that stopped the clock', () => {
    const report = accountabilityReport(items, UNITS, policy, calendar, { asOf: LATER, period });
    const zjj = report.units.find((u) => u.unit === 'zjj')!;
    expect(zjj.feedbackLate).toEqual([
      {
        id: 'ZJJ-2026-0001',
        rule: 'feedback',
        due: '2026-03-13',
        doneOn: null,
        daysLate: 11,
        provisional: false,
        stopped: { on: '2026-03-30', by: 'restarted' },
      },
    ]);
    // The filing clock was stopped before its due day: nobody is accountable for it.
    expect(zjj.filingLate).toEqual([]);
  });

  it('附件5: the row stays marked 逾期, with the days, though no clock is running', () => {
    const row = trackRow(finding, policy, calendar, 'qbb', LATER);
    expect(row).toMatchObject({ overdue: true, overdueOpen: false });
    expect(row.deadlines.map((d) => d.standing)).toEqual([
      '按时完成',
      '逾期后停止（2026-03-30 重启办理时已逾期 11 个工作日）',
      '已停止',
    ]);
  });

  it('overdue lists only what is still owed: nothing after the restart, the red card as of the day before', () => {
    expect(overdueReport(items, UNITS, policy, calendar, { asOf: LATER }).red).toBe(0);
    const before = overdueReport(items, UNITS, policy, calendar, { asOf: instant('2026-03-27T17:00:00+08:00') });
    expect(before.groups.map((g) => [g.unit, g.rows.map((r) => r.obligation.rule.id)])).toEqual([
      ['zjj', ['feedback']],
    ]);
  });
});

describe('who records a restart (第六条)', () => {
  it('is a step of the 区办: recorded by a unit it is an error, without a unit a warning', () => {
    expect(isOfficeStep({ type: 'restarted' })).toBe(true);
    const byUnit = FINDING.replace('by: 测试丙, unit: qbb, basis', 'by: 测试己, unit: zjj, basis');
    const place: FilePlace = { file: 'zjj/ZJJ-2026-0001.yaml', folder: 'zjj', stem: 'ZJJ-2026-0001' };
    const found = checkItem(parse(byUnit), place, CTX).diagnostics.map((d) => [d.code, d.severity]);
    expect(found).toEqual([['office-step-unit', 'error']]);
    const unnamed = FINDING.replace('by: 测试丙, unit: qbb, basis', 'by: 测试丙, basis');
    expect(checkItem(parse(unnamed), place, CTX).diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['office-step-unit', 'warning'],
    ]);
  });

  it('whoever recorded it, the restart cannot erase the lateness', () => {
    const byUnit = FINDING.replace('by: 测试丙, unit: qbb, basis', 'by: 测试己, unit: zjj, basis');
    const place: FilePlace = { file: 'zjj/ZJJ-2026-0001.yaml', folder: 'zjj', stem: 'ZJJ-2026-0001' };
    const item = checkItem(parse(byUnit), place, CTX).item!;
    expect(assess(one(item, 'feedback'), LATER, calendar, 1).standing).toBe('逾期后停止');
  });
});

// parseAsOf is what the CLI's --as-of goes through: a date alone means the end of that day.
describe('as of a plain date', () => {
  it('the stop counts from the end of its day; the day before, the clock was a red card', () => {
    const feedback = one(ledgerItem(FINDING), 'feedback');
    expect(assess(feedback, parseAsOf('2026-03-30')!, calendar, 1)).toMatchObject({
      standing: '逾期后停止',
      daysLate: 11,
    });
    expect(assess(feedback, parseAsOf('2026-03-29')!, calendar, 1)).toMatchObject({ standing: '红牌', daysLate: 10 });
  });
});
