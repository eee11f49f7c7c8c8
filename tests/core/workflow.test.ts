import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, EVENT_TYPES, type EventType, type LedgerEvent } from '../../src/core/schema/events.js';
import type { Channel } from '../../src/core/schema/vocabulary.js';
import { derive, initialSituation } from '../../src/core/workflow/derive.js';
import { STATE_NAMES, STATES, type State } from '../../src/core/workflow/states.js';
import { legalNextSteps, step, type Situation } from '../../src/core/workflow/transitions.js';

/*
 * The expected transition table, written out by hand from the README's state table and the
 * 管理办法 (第五条（一）–（六）, 第六条). It is deliberately NOT derived from TRANSITIONS.
 *
 *   next: the state the step leads to; 'byClass' = 第五条（二）: class 1 → internal, 2–4 → to_report;
 *         'byDecision' = 第五条（三）: decision 1 → handling, 2/3 → joint, 4 → parked;
 *         'reclassify' = README「改为第 2–4 类」: classes 2–4 → to_report, class 1 is no change and refused.
 *   when: 'normal'    only items not collected by the 区办 (they go through the unit's triage);
 *         'collected' only items with channel 区办收集 (the 区办 decides them directly);
 *         'cannotDo'  第六条: only what could not be done restarts (outcome 不能办理 or parked).
 */
type Target = State | 'byClass' | 'byDecision' | 'reclassify';
type Condition = 'normal' | 'collected' | 'cannotDo';
type Expectation = Target | { next: Target; when: Condition };

const EXPECTED: Record<State, Partial<Record<EventType, Expectation>>> = {
  // 第七条（二）：典型案例标记（typical）在登记后的每个状态都可以，状态不变
  // 未登记: registered
  unregistered: { registered: 'registered' },
  // 已登记待研判: confirmed、refused_on_spot、transferred；区办收集的事项：decided、transferred
  registered: {
    confirmed: { next: 'confirmed', when: 'normal' },
    refused_on_spot: { next: 'refused', when: 'normal' },
    decided: { next: 'byDecision', when: 'collected' },
    transferred: 'transferred',
    typical: 'registered',
  },
  // 已当场告知不能办理: archived、restarted
  refused: { archived: 'archived', restarted: 'restarted', typical: 'refused' },
  // 已确认待分类: classified
  confirmed: { classified: 'byClass', typical: 'confirmed' },
  // 本单位内部协调中（第 1 类）: resolved_internally，或改为第 2–4 类：classified
  internal: { resolved_internally: 'resolved_internally', classified: 'reclassify', typical: 'internal' },
  // 已分类待上报（第 2–4 类）: reported
  to_report: { reported: 'reported', typical: 'to_report' },
  // 已内部协调解决: archived
  resolved_internally: { archived: 'archived', typical: 'resolved_internally' },
  // 已上报待区办研判: decided、transferred、feedback（告知进展）
  reported: { decided: 'byDecision', transferred: 'transferred', feedback: 'reported', typical: 'reported' },
  // 办理中（办理意见 1）: feedback、supervised、closed、transferred
  handling: {
    feedback: 'handling',
    supervised: 'handling',
    closed: 'closed',
    transferred: 'transferred',
    typical: 'handling',
  },
  // 会办中（办理意见 2、3）: met、feedback、supervised、closed、transferred
  joint: {
    met: 'joint',
    feedback: 'joint',
    supervised: 'joint',
    closed: 'closed',
    transferred: 'transferred',
    typical: 'joint',
  },
  // 留档暂存（办理意见 4）: restarted、feedback（告知留档暂存）
  parked: { restarted: 'restarted', feedback: 'parked', typical: 'parked' },
  // 已重启待区办研判: decided、transferred、feedback
  restarted: { decided: 'byDecision', transferred: 'transferred', feedback: 'restarted', typical: 'restarted' },
  // 已办结: feedback、filed；不能办理的：restarted
  closed: { feedback: 'closed', filed: 'filed', restarted: { next: 'restarted', when: 'cannotDo' }, typical: 'closed' },
  // 已转办: filed、archived、feedback（告知转往何处）
  transferred: { filed: 'filed', archived: 'archived', feedback: 'transferred', typical: 'transferred' },
  // 已备案: visited、archived；不能办理的：restarted
  filed: {
    visited: 'visited',
    archived: 'archived',
    restarted: { next: 'restarted', when: 'cannotDo' },
    typical: 'filed',
  },
  // 已回访: archived；不能办理的：restarted
  visited: { archived: 'archived', restarted: { next: 'restarted', when: 'cannotDo' }, typical: 'visited' },
  // 已归档: 不能办理的：restarted
  archived: { restarted: { next: 'restarted', when: 'cannotDo' }, typical: 'archived' },
};

/** Situations in which an item can really be in each state (reachable by some history). */
const normal = (state: State, extra: Partial<Situation> = {}): Situation => ({
  state,
  collectedByOffice: false,
  restarts: 0,
  ...extra,
});
const collected = (state: State, extra: Partial<Situation> = {}): Situation => ({
  state,
  collectedByOffice: true,
  restarts: 0,
  ...extra,
});

const SITUATIONS: Record<State, Situation[]> = {
  unregistered: [normal('unregistered'), collected('unregistered')],
  registered: [normal('registered'), collected('registered')],
  refused: [normal('refused', { outcome: '不能办理' })],
  confirmed: [normal('confirmed')],
  internal: [normal('internal', { itemClass: 1 })],
  to_report: [
    normal('to_report', { itemClass: 2 }),
    normal('to_report', { itemClass: 3 }),
    normal('to_report', { itemClass: 4 }),
  ],
  resolved_internally: [normal('resolved_internally', { itemClass: 1, outcome: '办成' })],
  reported: [normal('reported', { itemClass: 2 }), normal('reported', { itemClass: 4 })],
  handling: [
    normal('handling', { itemClass: 2, decision: 1, difficulty: '简单', responsibleUnit: 'zjj' }),
    collected('handling', { decision: 1, difficulty: '复杂', responsibleUnit: 'zjj' }),
  ],
  joint: [
    normal('joint', { itemClass: 2, decision: 2 }),
    normal('joint', { itemClass: 2, decision: 3 }),
    collected('joint', { decision: 2 }),
  ],
  parked: [
    normal('parked', { itemClass: 4, decision: 4 }),
    normal('parked', { itemClass: 4, decision: 4, restarts: 1 }),
    collected('parked', { decision: 4 }),
  ],
  restarted: [
    normal('restarted', { itemClass: 4, decision: 4, restarts: 1 }),
    collected('restarted', { decision: 4, restarts: 1 }),
    normal('restarted', { restarts: 1 }),
  ],
  closed: [
    normal('closed', { decision: 1, outcome: '办成' }),
    normal('closed', { decision: 1, outcome: '不能办理' }),
    collected('closed', { decision: 2, outcome: '不能办理' }),
    collected('closed', { decision: 1, outcome: '办成' }),
  ],
  transferred: [normal('transferred', { outcome: '转办' }), collected('transferred', { outcome: '转办' })],
  filed: [
    normal('filed', { outcome: '办成' }),
    normal('filed', { outcome: '不能办理' }),
    normal('filed', { outcome: '转办' }),
  ],
  visited: [normal('visited', { outcome: '办成' }), normal('visited', { outcome: '不能办理' })],
  archived: [
    normal('archived', { itemClass: 1, outcome: '办成' }),
    normal('archived', { outcome: '不能办理' }),
    normal('archived', { decision: 1, outcome: '办成' }),
    normal('archived', { outcome: '转办' }),
    collected('archived', { decision: 1, outcome: '不能办理' }),
  ],
};

const AT = '2026-03-02T09:30:00+08:00';
const BY = '张三';

/** One valid event of each type; classified and decided in each of their values. */
function sampleEvents(type: EventType): { label: string; event: LedgerEvent }[] {
  const base = { at: AT, by: BY };
  switch (type) {
    case 'registered':
      return [{ label: type, event: { type, ...base } }];
    case 'refused_on_spot':
      return [{ label: type, event: { type, ...base, legal_basis: '《中华人民共和国土地管理法》第七十七条' } }];
    case 'confirmed':
      return [{ label: type, event: { type, ...base, section: '规划科', consent_by: '李四' } }];
    case 'classified':
      return ([1, 2, 3, 4] as const).map((c) => ({ label: `${type}(class ${c})`, event: { type, ...base, class: c } }));
    case 'resolved_internally':
      return [{ label: type, event: { type, ...base, result: '经规划科、审批科协调已办结' } }];
    case 'reported':
      return [{ label: type, event: { type, ...base, consent_by: '王局长' } }];
    case 'decided':
      return ([1, 2, 3, 4] as const).map((d) => ({
        label: `${type}(decision ${d})`,
        event: {
          type,
          ...base,
          decision: d,
          ...(d === 1 ? { difficulty: '简单' as const, responsible_unit: 'zjj' } : {}),
          opinion: '办理意见',
        },
      }));
    case 'supervised':
      return [{ label: type, event: { type, ...base } }];
    case 'met':
      return [
        { label: type, event: { type, ...base, led_by: '区办', participants: ['zjj', 'scj'], opinion: '会办意见' } },
      ];
    case 'feedback':
      return [{ label: type, event: { type, ...base, kind: '进展', method: '电话', content: '已电话告知进展' } }];
    case 'closed':
      return [
        { label: `${type}(办成)`, event: { type, ...base, outcome: '办成', result: '已办结' } },
        {
          label: `${type}(不能办理)`,
          event: { type, ...base, outcome: '不能办理', result: '不能办理', refusal_reason: '不符合现行政策' },
        },
      ];
    case 'transferred':
      return [{ label: type, event: { type, ...base, to: '12345', number: '2026030200001' } }];
    case 'filed':
      return [{ label: type, event: { type, ...base } }];
    case 'visited':
      return [{ label: type, event: { type, ...base, satisfaction: '满意' } }];
    case 'archived':
      return [{ label: type, event: { type, ...base } }];
    case 'restarted':
      return [{ label: type, event: { type, ...base, basis: '政策调整', reference: '淮政发〔2026〕1号' } }];
    case 'typical':
      return [{ label: type, event: { type, ...base, kind: '正面', comment: '主动协调，值得推广' } }];
  }
}

function holds(condition: Condition | undefined, s: Situation): boolean {
  switch (condition) {
    case undefined:
      return true;
    case 'normal':
      return !s.collectedByOffice;
    case 'collected':
      return s.collectedByOffice;
    case 'cannotDo':
      return s.outcome === '不能办理' || s.state === 'parked';
  }
}

/** The expected result of `step(s, event)`: the next state, or undefined when the step is refused. */
function expectedNext(s: Situation, event: LedgerEvent): State | undefined {
  const expectation = EXPECTED[s.state][event.type];
  if (expectation === undefined) return undefined;
  const { next, when } = typeof expectation === 'string' ? { next: expectation, when: undefined } : expectation;
  if (!holds(when, s)) return undefined;
  switch (next) {
    case 'byClass':
      if (event.type !== 'classified') throw new Error('byClass on a non-classified event');
      return event.class === 1 ? 'internal' : 'to_report';
    case 'reclassify':
      if (event.type !== 'classified') throw new Error('reclassify on a non-classified event');
      return event.class === 1 ? undefined : 'to_report';
    case 'byDecision':
      if (event.type !== 'decided') throw new Error('byDecision on a non-decided event');
      return event.decision === 1 ? 'handling' : event.decision === 4 ? 'parked' : 'joint';
    default:
      return next;
  }
}

function describeSituation(s: Situation): string {
  return JSON.stringify(s);
}

describe('transition matrix: every state × every event type', () => {
  it('the expected table covers exactly the states and event types of the code', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STATES].sort());
    for (const row of Object.values(EXPECTED)) {
      for (const type of Object.keys(row)) expect(EVENT_TYPES).toContain(type);
    }
    expect(Object.keys(SITUATIONS).sort()).toEqual([...STATES].sort());
  });

  for (const state of STATES) {
    describe(`${state}（${STATE_NAMES[state]}）`, () => {
      for (const type of EVENT_TYPES) {
        for (const { label, event } of sampleEvents(type)) {
          const key = `${state}/${label}`;
          it(`${label}`, () => {
            for (const s of SITUATIONS[state]) {
              const expected = expectedNext(s, event);
              const result = step(s, event);
              const context = `${key} in ${describeSituation(s)}`;
              if (expected === undefined) {
                expect(result.ok, context).toBe(false);
                if (!result.ok) {
                  expect(result.why, context).toMatch(/[\u4e00-\u9fff]/);
                }
              } else {
                expect(result, context).toEqual({ ok: true, next: expected });
              }
            }
          });
        }
      }
    });
  }
});

describe('conditional rules', () => {
  const decided = (d: 1 | 2 | 3 | 4) => sampleEvents('decided')[d - 1]!.event;
  const classified = (c: 1 | 2 | 3 | 4) => sampleEvents('classified')[c - 1]!.event;
  const one = (type: EventType) => sampleEvents(type)[0]!.event;

  it('区办收集 items may be decided right after registration, but not confirmed or refused on the spot', () => {
    const s = collected('registered');
    expect(step(s, decided(1))).toEqual({ ok: true, next: 'handling' });
    expect(step(s, decided(2))).toEqual({ ok: true, next: 'joint' });
    expect(step(s, decided(3))).toEqual({ ok: true, next: 'joint' });
    expect(step(s, decided(4))).toEqual({ ok: true, next: 'parked' });
    const confirmed = step(s, one('confirmed'));
    expect(confirmed.ok).toBe(false);
    if (!confirmed.ok) expect(confirmed.why).toContain('区办收集');
    const refused = step(s, one('refused_on_spot'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.why).toContain('区办收集');
    expect(step(s, one('transferred'))).toEqual({ ok: true, next: 'transferred' });
  });

  it('normal items may be confirmed or refused on the spot after registration, but not decided', () => {
    const s = normal('registered');
    expect(step(s, one('confirmed'))).toEqual({ ok: true, next: 'confirmed' });
    expect(step(s, one('refused_on_spot'))).toEqual({ ok: true, next: 'refused' });
    for (const d of [1, 2, 3, 4] as const) {
      const result = step(s, decided(d));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.why).toMatch(/确认.*分类.*上报/);
    }
  });

  it('classified 1 → internal, 2–4 → to_report', () => {
    const s = normal('confirmed');
    expect(step(s, classified(1))).toEqual({ ok: true, next: 'internal' });
    expect(step(s, classified(2))).toEqual({ ok: true, next: 'to_report' });
    expect(step(s, classified(3))).toEqual({ ok: true, next: 'to_report' });
    expect(step(s, classified(4))).toEqual({ ok: true, next: 'to_report' });
  });

  it('a class 1 item can be re-classified as 2–4 and then reported', () => {
    const s = normal('internal', { itemClass: 1 });
    for (const c of [2, 3, 4] as const) expect(step(s, classified(c))).toEqual({ ok: true, next: 'to_report' });
  });

  // README 状态表：本单位内部协调中（第 1 类）只能 resolved_internally，或改为第 2–4 类。
  it('a class 1 item cannot be "re-classified" as class 1 again', () => {
    const result = step(normal('internal', { itemClass: 1 }), classified(1));
    expect(result.ok).toBe(false);
  });

  it('decided 1 → handling, 2/3 → joint, 4 → parked, from reported and from restarted', () => {
    for (const from of [
      normal('reported'),
      normal('restarted', { restarts: 1 }),
      collected('restarted', { restarts: 1 }),
    ]) {
      expect(step(from, decided(1))).toEqual({ ok: true, next: 'handling' });
      expect(step(from, decided(2))).toEqual({ ok: true, next: 'joint' });
      expect(step(from, decided(3))).toEqual({ ok: true, next: 'joint' });
      expect(step(from, decided(4))).toEqual({ ok: true, next: 'parked' });
    }
  });

  it('restart only when the outcome is 不能办理 or the item is parked (第六条)', () => {
    const restart = one('restarted');
    expect(step(normal('parked', { decision: 4 }), restart)).toEqual({ ok: true, next: 'restarted' });
    expect(step(normal('refused', { outcome: '不能办理' }), restart)).toEqual({ ok: true, next: 'restarted' });
    for (const state of ['closed', 'filed', 'visited', 'archived'] as const) {
      expect(step(normal(state, { outcome: '不能办理' }), restart)).toEqual({ ok: true, next: 'restarted' });
      for (const outcome of ['办成', '转办'] as const) {
        const result = step(normal(state, { outcome }), restart);
        expect(result.ok, `${state} ${outcome}`).toBe(false);
        if (!result.ok) expect(result.why).toContain(outcome);
      }
    }
    // Never from a state still in progress, even with an earlier 不能办理 on record.
    for (const state of [
      'registered',
      'confirmed',
      'reported',
      'handling',
      'joint',
      'restarted',
      'transferred',
    ] as const) {
      expect(step(normal(state, { outcome: '不能办理' }), restart).ok, state).toBe(false);
    }
  });

  it('legalNextSteps agrees with step() for every state and situation', () => {
    for (const state of STATES) {
      for (const s of SITUATIONS[state]) {
        const accepted = EVENT_TYPES.filter((type) => sampleEvents(type).some(({ event }) => step(s, event).ok));
        expect([...legalNextSteps(s)].sort(), `${state} ${describeSituation(s)}`).toEqual([...accepted].sort());
        const expected = EVENT_TYPES.filter((type) =>
          sampleEvents(type).some(({ event }) => expectedNext(s, event) !== undefined),
        );
        expect([...legalNextSteps(s)].sort(), `${state} ${describeSituation(s)} vs expected table`).toEqual(
          [...expected].sort(),
        );
      }
    }
  });

  it('a state with no legal step does not exist: every reachable situation can move on or is final only by outcome', () => {
    // Only archived items that were done (办成) or transferred have nothing more to do.
    for (const state of STATES) {
      for (const s of SITUATIONS[state]) {
        const steps = progress(s);
        if (state === 'archived' && s.outcome !== '不能办理') expect(steps).toEqual([]);
        else expect(steps.length, `${state} ${describeSituation(s)}`).toBeGreaterThan(0);
      }
    }
  });
});

/** The steps that move the matter on: marking a typical case (第七条（二）) is possible everywhere and moves nothing. */
const progress = (s: Situation) => legalNextSteps(s).filter((t) => t !== 'typical');

/** Events for realistic histories. */
const at = (day: number, hour = 9) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const E = {
  registered: (d: number): LedgerEvent => ({ type: 'registered', at: at(d), by: '张三' }),
  refused: (d: number): LedgerEvent => ({
    type: 'refused_on_spot',
    at: at(d, 10),
    by: '张三',
    legal_basis: '《土地管理法》第七十七条',
  }),
  confirmed: (d: number): LedgerEvent => ({
    type: 'confirmed',
    at: at(d, 11),
    by: '张三',
    section: '规划科',
    consent_by: '李副局长',
  }),
  classified: (d: number, c: 1 | 2 | 3 | 4): LedgerEvent => ({
    type: 'classified',
    at: at(d, 12),
    by: '刘芳',
    class: c,
  }),
  resolvedInternally: (d: number): LedgerEvent => ({
    type: 'resolved_internally',
    at: at(d, 13),
    by: '刘芳',
    result: '规划科与审批科协调后已办理',
  }),
  reported: (d: number): LedgerEvent => ({ type: 'reported', at: at(d, 14), by: '刘芳', consent_by: '王局长' }),
  decided: (d: number, decision: 1 | 2 | 3 | 4): LedgerEvent =>
    decision === 1
      ? {
          type: 'decided',
          at: at(d, 15),
          by: '吴晓东',
          decision,
          difficulty: '复杂',
          responsible_unit: 'zjj',
          opinion: '退回原单位办理',
        }
      : { type: 'decided', at: at(d, 15), by: '吴晓东', decision, opinion: decision === 4 ? '留档暂存' : '牵头会办' },
  supervised: (d: number): LedgerEvent => ({ type: 'supervised', at: at(d, 16), by: '吴晓东' }),
  met: (d: number): LedgerEvent => ({
    type: 'met',
    at: at(d, 16),
    by: '吴晓东',
    led_by: '区办',
    participants: ['zjj', 'scj'],
    opinion: '各单位按职责推进',
  }),
  feedback: (d: number, kind: '进展' | '结果'): LedgerEvent => ({
    type: 'feedback',
    at: at(d, 17),
    by: '陈静',
    kind,
    method: '电话',
    content: '已电话告知',
  }),
  closed: (d: number, outcome: '办成' | '不能办理'): LedgerEvent =>
    outcome === '办成'
      ? { type: 'closed', at: at(d, 18), by: '陈静', outcome, result: '已办结' }
      : { type: 'closed', at: at(d, 18), by: '陈静', outcome, result: '不能办理', refusal_reason: '不符合现行政策' },
  transferred: (d: number): LedgerEvent => ({
    type: 'transferred',
    at: at(d, 10),
    by: '张三',
    to: '信访',
    number: 'XF2026030001',
  }),
  filed: (d: number): LedgerEvent => ({ type: 'filed', at: at(d, 19), by: '陈静' }),
  visited: (d: number): LedgerEvent => ({ type: 'visited', at: at(d, 20), by: '吴晓东', satisfaction: '满意' }),
  archived: (d: number): LedgerEvent => ({ type: 'archived', at: at(d, 21), by: '刘芳' }),
  restarted: (d: number): LedgerEvent => ({
    type: 'restarted',
    at: at(d, 9),
    by: '吴晓东',
    basis: '政策调整',
    reference: '苏政办发〔2026〕5号',
  }),
};

/** The state after each prefix of the history. */
function statesAlong(channel: Channel, events: LedgerEvent[]): State[] {
  return events.map((_, i) => derive(channel, events.slice(0, i + 1)).situation.state);
}

describe('derive() on realistic histories', () => {
  it('starts unregistered, with 区办收集 remembered from the channel', () => {
    expect(derive('窗口', []).situation).toEqual({ state: 'unregistered', collectedByOffice: false, restarts: 0 });
    expect(derive('区办收集', []).situation).toEqual({ state: 'unregistered', collectedByOffice: true, restarts: 0 });
    expect(initialSituation(undefined)).toEqual({ state: 'unregistered', collectedByOffice: false, restarts: 0 });
  });

  it('happy path: registered → … → archived', () => {
    const events = [
      E.registered(2),
      E.confirmed(2),
      E.classified(3, 2),
      E.reported(3),
      E.decided(4, 1),
      E.supervised(5),
      E.feedback(6, '进展'),
      E.closed(9, '办成'),
      E.feedback(9, '结果'),
      E.filed(10),
      E.visited(11),
      E.archived(12),
    ];
    expect(statesAlong('窗口', events)).toEqual([
      'registered',
      'confirmed',
      'to_report',
      'reported',
      'handling',
      'handling',
      'handling',
      'closed',
      'closed',
      'filed',
      'visited',
      'archived',
    ]);
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation).toEqual({
      state: 'archived',
      collectedByOffice: false,
      itemClass: 2,
      decision: 1,
      difficulty: '复杂',
      responsibleUnit: 'zjj',
      outcome: '办成',
      restarts: 0,
    });
    // Done is done: no restart after a successful close.
    expect(progress(situation)).toEqual([]);
  });

  it('joint handling (decision 2) with a meeting', () => {
    const events = [
      E.registered(2),
      E.confirmed(2),
      E.classified(3, 2),
      E.reported(3),
      E.decided(4, 2),
      E.met(5),
      E.feedback(5, '结果'),
      E.closed(6, '办成'),
      E.filed(6),
    ];
    expect(statesAlong('项目推进', events)).toEqual([
      'registered',
      'confirmed',
      'to_report',
      'reported',
      'joint',
      'joint',
      'joint',
      'closed',
      'filed',
    ]);
    expect(derive('项目推进', events).rejected).toEqual([]);
  });

  it('class 1: solved inside the unit and archived there', () => {
    const events = [E.registered(2), E.confirmed(2), E.classified(3, 1), E.resolvedInternally(4), E.archived(5)];
    expect(statesAlong('窗口', events)).toEqual([
      'registered',
      'confirmed',
      'internal',
      'resolved_internally',
      'archived',
    ]);
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation).toMatchObject({ state: 'archived', itemClass: 1, outcome: '办成' });
    expect(situation.decision).toBeUndefined();
  });

  it('class 1 changed to class 3 and reported', () => {
    const events = [E.registered(2), E.confirmed(2), E.classified(3, 1), E.classified(4, 3), E.reported(4)];
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation).toMatchObject({ state: 'reported', itemClass: 3 });
  });

  it('refused on the spot, then restarted under a new policy and decided', () => {
    const events = [E.registered(2), E.refused(2), E.restarted(10), E.decided(11, 1)];
    expect(statesAlong('窗口', events)).toEqual(['registered', 'refused', 'restarted', 'handling']);
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation.restarts).toBe(1);
    expect(situation.outcome).toBeUndefined();
    expect(situation.decision).toBe(1);
  });

  it('refused on the spot and archived can still restart (outcome 不能办理)', () => {
    const events = [E.registered(2), E.refused(2), E.archived(3)];
    const { situation } = derive('窗口', events);
    expect(situation).toMatchObject({ state: 'archived', outcome: '不能办理' });
    expect(progress(situation)).toEqual(['restarted']);
  });

  it('parked, restarted, decided again, closed as 不能办理 and restarted a second time', () => {
    const events = [
      E.registered(2),
      E.confirmed(2),
      E.classified(3, 4),
      E.reported(3),
      E.decided(4, 4),
      E.restarted(10),
      E.decided(11, 1),
      E.closed(12, '不能办理'),
      E.filed(13),
      E.restarted(16),
      E.decided(17, 4),
    ];
    expect(statesAlong('窗口', events)).toEqual([
      'registered',
      'confirmed',
      'to_report',
      'reported',
      'parked',
      'restarted',
      'handling',
      'closed',
      'filed',
      'restarted',
      'parked',
    ]);
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation).toMatchObject({ state: 'parked', decision: 4, restarts: 2, itemClass: 4 });
    expect(situation.outcome).toBeUndefined();
  });

  it('transfer right after registration (第四条), then filed and archived', () => {
    const events = [E.registered(2), E.transferred(2), E.filed(3), E.archived(4)];
    expect(statesAlong('12345', events)).toEqual(['registered', 'transferred', 'filed', 'archived']);
    const { situation, rejected } = derive('12345', events);
    expect(rejected).toEqual([]);
    expect(situation.outcome).toBe('转办');
    // A transferred matter went elsewhere: it does not restart here.
    expect(progress(situation)).toEqual([]);
  });

  it('transfer while handling', () => {
    const events = [
      E.registered(2),
      E.confirmed(2),
      E.classified(3, 2),
      E.reported(3),
      E.decided(4, 1),
      E.transferred(5),
    ];
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toEqual([]);
    expect(situation).toMatchObject({ state: 'transferred', outcome: '转办' });
  });

  it('区办收集: decided directly after registration', () => {
    const events = [
      E.registered(2),
      E.decided(3, 1),
      E.feedback(4, '进展'),
      E.closed(5, '办成'),
      E.filed(5),
      E.visited(6),
      E.archived(7),
    ];
    expect(statesAlong('区办收集', events)).toEqual([
      'registered',
      'handling',
      'handling',
      'closed',
      'filed',
      'visited',
      'archived',
    ]);
    expect(derive('区办收集', events).rejected).toEqual([]);
  });

  it('a rejected step leaves the state unchanged and is reported with its index and reason', () => {
    const skipped = E.classified(3, 2);
    const events = [E.registered(2), skipped, E.confirmed(3), E.classified(3, 2)];
    const { situation, rejected } = derive('窗口', events);
    expect(rejected).toHaveLength(1);
    const [r] = rejected;
    expect(r!.index).toBe(1);
    expect(r!.event).toBe(skipped);
    expect(r!.from).toMatchObject({ state: 'registered' });
    expect(r!.why).toMatch(/[\u4e00-\u9fff]/);
    // The history carries on from where it was before the rejected step.
    expect(situation).toMatchObject({ state: 'to_report', itemClass: 2 });
  });

  it('a rejected step records nothing of its own (class, decision, outcome)', () => {
    const events = [E.registered(2), E.decided(3, 1), E.closed(4, '不能办理')];
    const { situation, rejected } = derive('窗口', events);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[0]!.why).toContain('区办才能研判');
    expect(situation).toEqual({ state: 'registered', collectedByOffice: false, restarts: 0 });
  });

  it('a rejected step keeps the situation it was refused in, whatever comes after', () => {
    const events = [E.registered(2), E.filed(3), E.confirmed(3), E.classified(4, 2), E.reported(5)];
    const { situation, rejected } = derive('窗口', events);
    expect(situation.state).toBe('reported');
    expect(rejected.map((r) => [r.index, r.from.state])).toEqual([[1, 'registered']]);
    expect(rejected[0]!.from).toEqual({ state: 'registered', collectedByOffice: false, restarts: 0 });
  });

  it('区办收集 items are told why they cannot be confirmed', () => {
    const { situation, rejected } = derive('区办收集', [E.registered(2), E.confirmed(2)]);
    expect(situation.state).toBe('registered');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 1, from: { state: 'registered', collectedByOffice: true } });
    expect(rejected[0]!.why).toContain('区办收集');
  });

  it('restart of an item that was done is rejected with the outcome named', () => {
    const events = [
      E.registered(2),
      E.confirmed(2),
      E.classified(3, 1),
      E.resolvedInternally(4),
      E.archived(5),
      E.restarted(9),
    ];
    const { situation, rejected } = derive('窗口', events);
    expect(situation.state).toBe('archived');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.index).toBe(5);
    expect(rejected[0]!.why).toContain('办成');
  });

  it('a second registration is rejected', () => {
    const { rejected } = derive('窗口', [E.registered(2), E.registered(2)]);
    expect(rejected.map((r) => r.index)).toEqual([1]);
  });
});

describe('Chinese names', () => {
  it('every state has a non-empty Chinese name', () => {
    for (const state of STATES) expect(STATE_NAMES[state], state).toMatch(/^[\u4e00-\u9fff（）0-9–]+$/);
    expect(new Set(STATES.map((s) => STATE_NAMES[s])).size).toBe(STATES.length);
  });

  it('every event type has a non-empty Chinese name', () => {
    for (const type of EVENT_TYPES) expect(EVENT_NAMES[type], type).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(new Set(EVENT_TYPES.map((t) => EVENT_NAMES[t])).size).toBe(EVENT_TYPES.length);
  });

  it('the state names match the README state table', () => {
    expect(STATE_NAMES).toEqual({
      unregistered: '未登记',
      registered: '已登记待研判',
      refused: '已当场告知不能办理',
      confirmed: '已确认待分类',
      internal: '本单位内部协调中',
      to_report: '已分类待上报',
      resolved_internally: '已内部协调解决',
      reported: '已上报待区办研判',
      handling: '办理中',
      joint: '会办中',
      parked: '留档暂存',
      restarted: '已重启待区办研判',
      closed: '已办结',
      transferred: '已转办',
      filed: '已备案',
      visited: '已回访',
      archived: '已归档',
    });
  });
});
