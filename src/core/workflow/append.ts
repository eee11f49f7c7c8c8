import type { LedgerContext } from '../checks/context.js';
import { checkItem } from '../checks/item.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LedgerEvent } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import { derive } from './derive.js';
import type { State } from './states.js';
import { legalNextSteps, step } from './transitions.js';

/**
 * Adding one step to an item, as the commands do it: refused unless the step is legal in the
 * item's state and the item with the new event passes every check validate would make. What is
 * written is therefore always something validate accepts.
 */
export type AppendResult =
  | { ok: true; item: Item; state: State }
  | { ok: false; kind: 'illegal'; state: State; legal: ReturnType<typeof legalNextSteps>; why: string }
  | { ok: false; kind: 'invalid'; problems: Diagnostic[] };

export function appendEvent(item: Item, event: LedgerEvent, context: LedgerContext): AppendResult {
  const { situation } = derive(item.channel, item.events);
  const result = step(situation, event);
  if (!result.ok)
    return { ok: false, kind: 'illegal', state: situation.state, legal: legalNextSteps(situation), why: result.why };
  const candidate: Item = { ...item, events: [...item.events, event] };
  return checkCandidate(candidate, context) ?? { ok: true, item: candidate, state: result.next };
}

/** A new item (registration) or an appended one: refused when any check finds an error. */
export function checkCandidate(
  candidate: Item,
  context: LedgerContext,
): { ok: false; kind: 'invalid'; problems: Diagnostic[] } | undefined {
  const place = { file: `${candidate.unit}/${candidate.id}.yaml`, folder: candidate.unit, stem: candidate.id };
  const problems = checkItem(candidate, place, context).diagnostics.filter((d) => d.severity === 'error');
  return problems.length > 0 ? { ok: false, kind: 'invalid', problems } : undefined;
}
