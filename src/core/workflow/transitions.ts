import type { EventType, LedgerEvent } from '../schema/events.js';
import type { Difficulty, Decision, ItemClass } from '../schema/vocabulary.js';
import { STATES, type Outcome, type State } from './states.js';

/**
 * What the events have established so far. The transition table reads it to decide which step
 * may come next; reports read it for class, decision, outcome.
 */
export interface Situation {
  state: State;
  /** Collected by the 区办 itself (channel 区办收集): it skips the unit's own triage. */
  collectedByOffice: boolean;
  itemClass?: ItemClass;
  decision?: Decision;
  difficulty?: Difficulty;
  responsibleUnit?: string;
  outcome?: Outcome;
  restarts: number;
}

interface Rule {
  /** Why the step is not allowed in this situation, or undefined when it is. */
  forbidden?: (situation: Situation) => string | undefined;
  /** Why this particular step (its field values) is not allowed, or undefined when it is. */
  rejects?: (event: LedgerEvent) => string | undefined;
  next: (event: LedgerEvent) => State;
}

const to = (state: State): Rule => ({ next: () => state });

const classify: Rule = {
  next: (event) => (event.type === 'classified' && event.class === 1 ? 'internal' : 'to_report'),
};

function afterDecision(event: LedgerEvent): State {
  if (event.type !== 'decided') throw new Error(`afterDecision called with ${event.type}`);
  if (event.decision === 1) return 'handling';
  if (event.decision === 4) return 'parked';
  return 'joint';
}

const decide: Rule = { next: afterDecision };

/** 第五条（一）: the 区办's own collection skips the unit's triage; everything else goes through it. */
const unitTriage = (state: State): Rule => ({
  forbidden: (s) => (s.collectedByOffice ? '区办收集的事项由区办直接研判，不经单位科室确认或当场告知' : undefined),
  next: () => state,
});

const officeDecidesCollected: Rule = {
  forbidden: (s) => (s.collectedByOffice ? undefined : '事项须经科室确认、牵头科室分类并上报后，区办才能研判'),
  next: afterDecision,
};

/** 第六条: only what could not be done restarts (parked, refused, or closed as 不能办理). */
const restart: Rule = {
  forbidden: (s) =>
    s.outcome === '不能办理' || s.state === 'parked'
      ? undefined
      : `办结结果为“${s.outcome ?? '未办结'}”的事项不能重启，只有不能办理或留档暂存的事项可以重启`,
  next: () => 'restarted',
};

/**
 * The transition table: for each state, the steps that may follow and where they lead.
 * Read together with 第五条（一）–（六） and 第六条 of the 管理办法. Feedback to the party is
 * possible wherever the party is waiting on the mechanism (reported, parked, restarted,
 * transferred), not only once the matter is being handled.
 */
export const TRANSITIONS: Record<State, Partial<Record<EventType, Rule>>> = {
  unregistered: { registered: to('registered') },
  registered: {
    refused_on_spot: unitTriage('refused'),
    confirmed: unitTriage('confirmed'),
    decided: officeDecidesCollected,
    transferred: to('transferred'),
  },
  refused: { archived: to('archived'), restarted: restart },
  confirmed: { classified: classify },
  internal: {
    resolved_internally: to('resolved_internally'),
    classified: {
      ...classify,
      rejects: (e) =>
        e.type === 'classified' && e.class === 1 ? '已是第 1 类；内部协调不成的，改为第 2–4 类' : undefined,
    },
  },
  to_report: { reported: to('reported') },
  resolved_internally: { archived: to('archived') },
  reported: { decided: decide, transferred: to('transferred'), feedback: to('reported') },
  handling: {
    supervised: to('handling'),
    feedback: to('handling'),
    closed: to('closed'),
    transferred: to('transferred'),
  },
  joint: {
    met: to('joint'),
    supervised: to('joint'),
    feedback: to('joint'),
    closed: to('closed'),
    transferred: to('transferred'),
  },
  parked: { restarted: restart, feedback: to('parked') },
  restarted: { decided: decide, transferred: to('transferred'), feedback: to('restarted') },
  closed: { feedback: to('closed'), filed: to('filed'), restarted: restart },
  transferred: { filed: to('filed'), archived: to('archived'), feedback: to('transferred') },
  filed: { visited: to('visited'), archived: to('archived'), restarted: restart },
  visited: { archived: to('archived'), restarted: restart },
  archived: { restarted: restart },
};

/** 第七条（二）: the 区办 may mark a typical case in every state after registration; the state stays. */
for (const state of STATES) if (state !== 'unregistered') TRANSITIONS[state].typical = to(state);

export type Step = { ok: true; next: State } | { ok: false; why: string };

export function step(situation: Situation, event: LedgerEvent): Step {
  const rule = TRANSITIONS[situation.state][event.type];
  if (!rule) return { ok: false, why: '此状态下不能进行这一步' };
  const why = rule.forbidden?.(situation) ?? rule.rejects?.(event);
  return why ? { ok: false, why } : { ok: true, next: rule.next(event) };
}

export function legalNextSteps(situation: Situation): EventType[] {
  const rules = Object.entries(TRANSITIONS[situation.state]) as [EventType, Rule][];
  return rules.filter(([, rule]) => rule.forbidden?.(situation) === undefined).map(([type]) => type);
}
