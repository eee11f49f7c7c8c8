import type { Calendar } from '../calendar/calendar.js';
import { assess, isLateStanding, obligationsOf, type Assessment } from '../deadlines/obligations.js';
import { EVENT_NAMES, type LedgerEvent } from '../schema/events.js';
import type { Item } from '../schema/item.js';
import type { Policy } from '../schema/policy.js';
import { CLASSES, DECISIONS } from '../schema/vocabulary.js';
import { chinaDate, formatChinaMinute, parseTimestamp, type CivilDate } from '../time.js';
import { derive } from '../workflow/derive.js';
import { STATE_NAMES } from '../workflow/states.js';

/**
 * 附件5 “办不成事”事项处理进度跟踪台账: one row per item with how it ended and when, plus the
 * progress details (state, class, decision, difficulty, deadlines) for the second sheet.
 */

export interface TrackRow {
  id: string;
  unit: string;
  party: string;
  partyKind: '企业' | '群众';
  phone: string;
  title: string;
  receivedBy: string;
  receivedAt: string;
  /** 处理结果 as the form shows it. */
  result: string;
  /** 办结时间, or '' while the matter is open. */
  closedAt: string;
  stateName: string;
  itemClass: string;
  decision: string;
  difficulty: string;
  responsibleUnit: string;
  deadlines: { name: string; due: string; standing: string }[];
  /** A deadline was missed: 红牌 now, done late, or late when its clock was stopped. The verdict stays. */
  overdue: boolean;
  /** A deadline is missed and still open (红牌) at `asOf`. */
  overdueOpen: boolean;
  provisional: boolean;
}

const minute = (at: string): string => {
  const parsed = parseTimestamp(at);
  return parsed.ok ? formatChinaMinute(parsed.epochMs) : at;
};

const ENDINGS: ReadonlySet<string> = new Set(['closed', 'transferred', 'resolved_internally', 'refused_on_spot']);

/** The step that ended the matter, after its last restart. */
function ending(events: readonly LedgerEvent[]): LedgerEvent | undefined {
  let last: LedgerEvent | undefined;
  for (const event of events) {
    if (event.type === 'restarted') last = undefined;
    if (ENDINGS.has(event.type)) last = event;
  }
  return last;
}

function resultText(event: LedgerEvent | undefined, stateName: string): string {
  switch (event?.type) {
    case 'closed':
      return event.outcome === '办成'
        ? `办成：${event.result}`
        : `不能办理：${event.result}（原因：${event.refusal_reason ?? ''}）`;
    case 'transferred':
      return `转办${event.to}（编号 ${event.number}）`;
    case 'resolved_internally':
      return `本单位内部协调解决：${event.result}`;
    case 'refused_on_spot':
      return `当场告知不能办理：${event.legal_basis}`;
    default:
      return stateName;
  }
}

function standingText(a: Assessment): string {
  if (a.standing === '逾期后停止' && a.stopped)
    return `逾期后停止（${a.stopped.on} ${EVENT_NAMES[a.stopped.by]}时${a.daysLate ? `已逾期 ${a.daysLate} 个工作日` : '已过期限'}）`;
  return a.daysLate ? `${a.standing}（${a.daysLate} 个工作日）` : a.standing;
}

export interface TrackQuery {
  asOf: number;
  unit?: string;
  from?: CivilDate;
  to?: CivilDate;
}

export function trackRow(item: Item, policy: Policy, calendar: Calendar, office: string, asOf: number): TrackRow {
  const { situation } = derive(item.channel, item.events);
  const registered = item.events[0]!;
  const end = ending(item.events);
  const stateName = STATE_NAMES[situation.state];
  const deadlines: TrackRow['deadlines'] = [];
  let overdue = false;
  let overdueOpen = false;
  let provisional = false;
  for (const obligation of obligationsOf(item, policy, calendar, office)) {
    const a = assess(obligation, asOf, calendar, policy.warnWithin);
    deadlines.push({
      name: obligation.rule.name,
      due: obligation.due ?? '无期限',
      standing: standingText(a),
    });
    if (isLateStanding(a.standing)) overdue = true;
    if (a.standing === '红牌') overdueOpen = true;
    if (a.provisional) provisional = true;
  }
  return {
    id: item.id,
    unit: item.unit,
    party: item.party.name,
    partyKind: item.party.kind,
    phone: item.party.phone,
    title: item.title,
    receivedBy: registered.by,
    receivedAt: minute(registered.at),
    result: resultText(end, stateName),
    closedAt: end ? minute(end.at) : '',
    stateName,
    itemClass: situation.itemClass ? `${situation.itemClass} ${CLASSES[situation.itemClass]}` : '',
    decision: situation.decision ? `${situation.decision} ${DECISIONS[situation.decision]}` : '',
    difficulty: situation.difficulty ?? '',
    responsibleUnit: situation.responsibleUnit ?? item.responsible_unit ?? item.unit,
    deadlines,
    overdue,
    overdueOpen,
    provisional,
  };
}

/** The items of the ledger (or of one unit, or registered in a date range) as form-5 rows. */
export function* trackRows(
  items: Iterable<Item>,
  policy: Policy,
  calendar: Calendar,
  office: string,
  query: TrackQuery,
): Generator<TrackRow> {
  for (const item of items) {
    if (query.unit !== undefined && item.unit !== query.unit) continue;
    const registered = item.events[0];
    const parsed = registered ? parseTimestamp(registered.at) : undefined;
    if (!parsed?.ok) continue;
    const day = chinaDate(parsed.epochMs);
    if ((query.from && day < query.from) || (query.to && day > query.to)) continue;
    yield trackRow(item, policy, calendar, office, query.asOf);
  }
}
