import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeCalendar } from '../../src/core/calendar/calendar.js';
import { checkPolicy } from '../../src/core/checks/policy.js';
import { DEFAULT_RULES, DEFAULT_STOP_ALL, policyFrom } from '../../src/core/deadlines/default-policy.js';
import { assess, obligationsOf } from '../../src/core/deadlines/obligations.js';
import type { LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import { parseTimestamp } from '../../src/core/time.js';
import { bundledSchedules } from '../../src/io/bundled-calendar.js';

const calendar = makeCalendar(bundledSchedules());
const policy = policyFrom(undefined);

function at(text: string): number {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.epochMs;
}

function item(events: Partial<LedgerEvent>[], extra: Partial<Item> = {}): Item {
  return {
    id: 'ZJJ-2026-0001',
    unit: 'zjj',
    party: { name: '测试企业', kind: '企业', phone: '0517-80000000' },
    title: '测试事项',
    reason: '测试原因',
    scope: '一',
    channel: '窗口',
    events: events.map((e) => ({ by: '测试', ...e }) as LedgerEvent),
    ...extra,
  };
}

const reported = [
  { type: 'registered', at: '2026-09-28T09:00:00+08:00' },
  { type: 'confirmed', at: '2026-09-29T09:00:00+08:00', section: '科', consent_by: '领导' },
  { type: 'classified', at: '2026-09-29T15:00:00+08:00', class: 2 },
  { type: 'reported', at: '2026-09-30T09:00:00+08:00', consent_by: '主要领导' },
] as Partial<LedgerEvent>[];

const decided = (difficulty: '简单' | '复杂' | '特别复杂', time = '2026-09-30T16:00:00+08:00') =>
  [
    ...reported,
    { type: 'decided', at: time, decision: 1, difficulty, responsible_unit: 'wangying', opinion: '退回办理' },
  ] as Partial<LedgerEvent>[];

function only(list: ReturnType<typeof obligationsOf>, rule: string) {
  const found = list.filter((o) => o.rule.id === rule);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('deadline rules of 第五条', () => {
  it('report to the 区办: 1 working day after class 2–4, met on time', () => {
    const o = only(obligationsOf(item(reported), policy, calendar, 'qbb'), 'report');
    expect(o.due).toBe('2026-09-30');
    expect(o.owner).toBe('zjj');
    expect(assess(o, at('2026-11-26T12:00:00+08:00'), calendar, 1).standing).toBe('按时完成');
  });

  it('report late across the National Day holiday counts working days late', () => {
    const events = [
      ...reported.slice(0, 2),
      { type: 'classified', at: '2026-09-30T10:00:00+08:00', class: 3 },
      { type: 'reported', at: '2026-10-09T10:00:00+08:00', consent_by: '主要领导' },
    ] as Partial<LedgerEvent>[];
    const o = only(obligationsOf(item(events), policy, calendar, 'qbb'), 'report');
    expect(o.due).toBe('2026-10-08');
    expect(assess(o, at('2026-11-26T12:00:00+08:00'), calendar, 1)).toMatchObject({
      standing: '逾期完成',
      daysLate: 1,
    });
  });

  it.each([
    ['简单', '2026-10-10'],
    ['复杂', '2026-10-13'],
    ['特别复杂', '2026-10-20'],
  ] as const)('feedback for a %s matter is due %s, owed by the responsible unit', (difficulty, due) => {
    const o = only(obligationsOf(item(decided(difficulty)), policy, calendar, 'qbb'), 'feedback');
    expect(o.due).toBe(due);
    expect(o.days).toBe({ 简单: 3, 复杂: 5, 特别复杂: 10 }[difficulty]);
    expect(o.owner).toBe('wangying');
  });

  it('feedback after a joint meeting: 1 working day after the opinion', () => {
    const events = [
      ...reported,
      { type: 'decided', at: '2026-06-16T09:00:00+08:00', decision: 2, opinion: '会办' },
      { type: 'met', at: '2026-06-18T15:00:00+08:00', led_by: '区办', opinion: '分工落实' },
    ] as Partial<LedgerEvent>[];
    const shifted = events.map((e, i) => (i < 4 ? { ...e, at: `2026-06-1${i + 1}T09:00:00+08:00` } : e));
    const o = only(obligationsOf(item(shifted), policy, calendar, 'qbb'), 'joint_feedback');
    expect(o.due).toBe('2026-06-22');
  });

  it('filing: 1 working day after closing, the make-up Saturday counts', () => {
    const events = [
      ...decided('简单', '2026-02-10T09:00:00+08:00').map((e, i) => ({ ...e, at: `2026-02-0${i + 2}T09:00:00+08:00` })),
      { type: 'closed', at: '2026-02-13T16:00:00+08:00', outcome: '办成', result: '已办结' },
    ] as Partial<LedgerEvent>[];
    const o = only(obligationsOf(item(events), policy, calendar, 'qbb'), 'filing');
    expect(o.due).toBe('2026-02-14');
  });

  it('the satisfaction visit is tracked without a deadline, owed by the 区办', () => {
    const events = [
      ...decided('简单'),
      { type: 'feedback', at: '2026-10-08T09:00:00+08:00', kind: '结果', method: '电话', content: '已告知' },
      { type: 'closed', at: '2026-10-08T10:00:00+08:00', outcome: '办成', result: '办结' },
      { type: 'filed', at: '2026-10-08T11:00:00+08:00' },
    ] as Partial<LedgerEvent>[];
    const o = only(obligationsOf(item(events), policy, calendar, 'qbb'), 'visit');
    expect(o.due).toBeUndefined();
    expect(o.owner).toBe('qbb');
    expect(assess(o, at('2026-11-26T12:00:00+08:00'), calendar, 1).standing).toBe('无期限');
  });

  it('a restart stops the clocks that were running', () => {
    const events = [
      ...decided('简单'),
      { type: 'feedback', at: '2026-10-08T09:00:00+08:00', kind: '结果', method: '电话', content: '不能办理' },
      {
        type: 'closed',
        at: '2026-10-08T10:00:00+08:00',
        outcome: '不能办理',
        result: '不能办理',
        refusal_reason: '政策不允许',
      },
      { type: 'restarted', at: '2026-10-08T11:00:00+08:00', basis: '政策调整', reference: '淮政发〔2026〕1号' },
    ] as Partial<LedgerEvent>[];
    const o = only(obligationsOf(item(events), policy, calendar, 'qbb'), 'filing');
    expect(o.ended).toBe('stopped');
    expect(assess(o, at('2026-11-26T12:00:00+08:00'), calendar, 1).standing).toBe('已停止');
  });
});

describe('where an open obligation stands', () => {
  const feedback = only(obligationsOf(item(decided('复杂')), policy, calendar, 'qbb'), 'feedback');

  it.each([
    ['2026-10-09T10:00:00+08:00', { standing: '正常', daysLeft: 3 }],
    ['2026-10-12T09:00:00+08:00', { standing: '黄牌', daysLeft: 1 }],
    ['2026-10-13T23:59:00+08:00', { standing: '黄牌', daysLeft: 0 }],
    ['2026-10-14T00:00:00+08:00', { standing: '红牌', daysLate: 1 }],
    ['2026-10-17T10:00:00+08:00', { standing: '红牌', daysLate: 3 }],
    // The same instants written in UTC give the same answers.
    ['2026-10-13T15:59:00Z', { standing: '黄牌', daysLeft: 0 }],
    ['2026-10-13T16:00:00Z', { standing: '红牌', daysLate: 1 }],
  ] as const)('at %s', (when, expected) => {
    expect(assess(feedback, at(when), calendar, 1)).toMatchObject({ ...expected, provisional: false });
  });

  it('instants asked in turn, back and forth, each get their own day', () => {
    const answers = [
      '2026-10-09T10:00:00+08:00',
      '2026-10-17T10:00:00+08:00',
      '2026-10-09T10:00:00+08:00',
      '2026-10-13T16:00:00Z',
      '2026-10-13T15:59:00Z',
    ]
      .map((when) => assess(feedback, at(when), calendar, 1))
      .map((a) => [a.standing, a.daysLeft ?? a.daysLate]);
    expect(answers).toEqual([
      ['正常', 3],
      ['红牌', 3],
      ['正常', 3],
      ['红牌', 1],
      ['黄牌', 0],
    ]);
  });

  it('a deadline that crosses into 2027 is provisional', () => {
    const events = decided('特别复杂', '2026-12-21T10:00:00+08:00').map((e, i) =>
      i < 4 ? { ...e, at: `2026-12-1${i + 4}T09:00:00+08:00` } : e,
    );
    const o = only(obligationsOf(item(events), policy, calendar, 'qbb'), 'feedback');
    expect(o.due).toBe('2027-01-04');
    expect(o.unknownYears).toEqual([2027]);
    expect(assess(o, at('2026-12-22T10:00:00+08:00'), calendar, 1).provisional).toBe(true);
  });
});

describe('policy.yaml', () => {
  it('the demo policy spells out exactly the defaults', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../ledger/policy.yaml', import.meta.url), 'utf8');
    const checked = checkPolicy(parse(text), 'policy.yaml');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.policy).toEqual({
      warnWithin: 1,
      weeklyWeekday: 5,
      stopAll: DEFAULT_STOP_ALL,
      rules: DEFAULT_RULES,
    });
  });

  it('another district can set its own numbers', () => {
    const checked = checkPolicy(
      parse(`
version: 1
warn_within: 2
rules:
  - id: feedback
    name: 反馈
    owner: responsible
    start: [{ event: decided, where: { decision: [1] } }]
    stop: [{ event: feedback }]
    days: 2
`),
      'policy.yaml',
    );
    expect(checked.policy?.warnWithin).toBe(2);
    const o = only(obligationsOf(item(decided('特别复杂')), checked.policy!, calendar, 'qbb'), 'feedback');
    expect(o.due).toBe('2026-10-09');
  });

  it('reports a condition on a field the step does not have, and a rule with two kinds of days', () => {
    const checked = checkPolicy(
      parse(`
version: 1
rules:
  - id: feedback
    name: 反馈
    owner: responsible
    start: [{ event: decided, where: { decisoin: [1] } }]
    stop: [{ event: feedback }]
    days: 2
    days_by_difficulty: { 简单: 3, 复杂: 5, 特别复杂: 10 }
`),
      'policy.yaml',
    );
    expect(checked.policy).toBeUndefined();
    expect(checked.diagnostics.map((d) => d.code)).toEqual(['invalid-value', 'invalid-value']);
    expect(checked.diagnostics[0]!.path).toEqual(['rules', 0, 'start', 0, 'where', 'decisoin']);
  });
});
