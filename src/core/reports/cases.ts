import { EVENT_NAMES, type LedgerEvent } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import type { Unit } from '../schema/unit.js';
import { DECISIONS, type TypicalKind } from '../schema/vocabulary.js';
import { chinaDate } from '../time.js';
import { epochOf } from './stats.js';
import { compareCodes } from '../text.js';

/**
 * 第七条（二）: typical cases marked by the 区办, and their redacted form for publication. The
 * published text is built from the structured steps (names of steps, dates, outcomes), never
 * from free text written by officers, except the 受理事项名称, the reason and the 区办's
 * comment, which are scrubbed: the party's name becomes 某企业 / 某群众, every person named
 * anywhere in the ledger becomes 某工作人员, and digit runs that could be phone numbers go.
 */

export interface TypicalCase {
  id: string;
  unit: string;
  unitName: string;
  kind: TypicalKind;
  comment: string;
  markedAt: string;
  title: string;
  partyName: string;
  partyKind: '企业' | '群众';
  phone: string;
}

export interface PublishedCase {
  seq: number;
  kind: TypicalKind;
  unitName: string;
  title: string;
  reason: string;
  process: string;
  comment: string;
}

/** The latest `typical` mark of each item; an item marked again keeps only its newest mark. */
export function typicalCases(
  items: Iterable<Item>,
  units: ReadonlyMap<string, Unit>,
  kind?: TypicalKind,
): TypicalCase[] {
  const cases: TypicalCase[] = [];
  for (const item of items) {
    const mark = [...item.events].reverse().find((e) => e.type === 'typical');
    if (mark?.type !== 'typical' || (kind !== undefined && mark.kind !== kind)) continue;
    cases.push({
      id: item.id,
      unit: item.unit,
      unitName: units.get(item.unit)?.name ?? item.unit,
      kind: mark.kind,
      comment: mark.comment,
      markedAt: mark.at,
      title: item.title,
      partyName: item.party.name,
      partyKind: item.party.kind,
      phone: item.party.phone,
    });
  }
  return cases.sort((a, b) => (a.kind === b.kind ? compareCodes(a.id, b.id) : a.kind === '正面' ? -1 : 1));
}

/** Names of people in the ledger that must not appear in a published case. */
export function personNames(items: Iterable<Item>, units: Iterable<Unit>): string[] {
  const names = new Set<string>();
  for (const unit of units) for (const n of [unit.leader.name, unit.lead_section.head, unit.contact.name]) names.add(n);
  for (const item of items) {
    for (const event of item.events) {
      const fields = event as unknown as Record<string, unknown>;
      for (const key of ['by', 'consent_by', 'leader']) if (typeof fields[key] === 'string') names.add(fields[key]);
    }
  }
  return [...names].filter((n) => n.trim().length >= 2);
}

export function scrub(text: string, item: Item, people: readonly string[]): string {
  const anonymous = item.party.kind === '企业' ? '某企业' : '某群众';
  let out = text.split(item.party.name).join(anonymous);
  for (const name of [...people].sort((a, b) => b.length - a.length)) out = out.split(name).join('某工作人员');
  // Digit runs of 7 or more digits (phones, ID numbers); dates like 2026-03-13 stay.
  return out.replace(/\+?\d[\d\s-]{5,}\d/g, (run) =>
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(run) || run.replace(/\D/g, '').length < 7 ? run : '（号码已隐去）',
  );
}

function describeStep(event: LedgerEvent): string {
  const day = chinaDate(epochOf(event));
  const name = EVENT_NAMES[event.type];
  switch (event.type) {
    case 'classified':
      return `${day} ${name}：第 ${event.class} 类`;
    case 'decided':
      return `${day} ${name}：${DECISIONS[event.decision]}${event.difficulty ? `（${event.difficulty}）` : ''}`;
    case 'met':
      return `${day} ${event.led_by}牵头会办`;
    case 'feedback':
      return `${day} 向当事方反馈${event.kind}`;
    case 'closed':
      return `${day} ${name}：${event.outcome}`;
    case 'transferred':
      return `${day} 转办至 ${event.to}`;
    case 'visited':
      return `${day} 满意度回访：${event.satisfaction}`;
    case 'restarted':
      return `${day} 因${event.basis}重启办理`;
    default:
      return `${day} ${name}`;
  }
}

/** What happened, from the structured steps only (no officers' free text). */
export function processOf(item: Item): string {
  return item.events
    .filter((e) => e.type !== 'typical')
    .map(describeStep)
    .join('；');
}

export function publishCases(
  cases: readonly TypicalCase[],
  items: ReadonlyMap<string, Item>,
  units: ReadonlyMap<string, Unit>,
): PublishedCase[] {
  const people = personNames(items.values(), units.values());
  return cases.map((c, i) => {
    const item = items.get(c.id)!;
    return {
      seq: i + 1,
      kind: c.kind,
      unitName: c.unitName,
      title: scrub(item.title, item, people),
      reason: scrub(item.reason, item, people),
      process: processOf(item),
      comment: scrub(c.comment, item, people),
    };
  });
}
