import type { LedgerEvent } from '../schema/events.js';
import type { Channel } from '../schema/vocabulary.js';
import { step, type Situation } from './transitions.js';

export function initialSituation(channel: Channel | undefined): Situation {
  return { state: 'unregistered', collectedByOffice: channel === '区办收集', restarts: 0 };
}

/** What an accepted event adds to the situation besides the state change. */
function record(situation: Situation, event: LedgerEvent): Situation {
  switch (event.type) {
    case 'refused_on_spot':
      return { ...situation, outcome: '不能办理' };
    case 'classified':
      return { ...situation, itemClass: event.class };
    case 'resolved_internally':
      return { ...situation, outcome: '办成' };
    case 'decided': {
      const next: Situation = { ...situation, decision: event.decision };
      if (event.difficulty) next.difficulty = event.difficulty;
      if (event.responsible_unit) next.responsibleUnit = event.responsible_unit;
      return next;
    }
    case 'closed':
      return { ...situation, outcome: event.outcome };
    case 'transferred':
      return { ...situation, outcome: '转办' };
    case 'restarted': {
      // A restart is a new start: the 区办 decides again, with a difficulty of its own.
      const { outcome: _outcome, decision: _decision, difficulty: _difficulty, ...rest } = situation;
      return { ...rest, restarts: situation.restarts + 1 };
    }
    default:
      return situation;
  }
}

export interface RejectedStep {
  index: number;
  event: LedgerEvent;
  from: Situation;
  why: string;
}

export interface Derivation {
  situation: Situation;
  /** Steps that the table refuses; the item's situation stays where it was before each. */
  rejected: RejectedStep[];
}

/** Folds the events into the item's situation: the single source of an item's state. */
export function derive(channel: Channel | undefined, events: readonly LedgerEvent[]): Derivation {
  // The situation being built is this fold's own (record() copies when it adds something), so
  // the state is set in place: a copy every step cost more than the step itself. A rejected
  // step keeps a copy of the situation it was refused in.
  let situation = initialSituation(channel);
  const rejected: RejectedStep[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const result = step(situation, event);
    if (!result.ok) {
      rejected.push({ index, event, from: { ...situation }, why: result.why });
      continue;
    }
    situation = record(situation, event);
    situation.state = result.next;
  }
  return { situation, rejected };
}
