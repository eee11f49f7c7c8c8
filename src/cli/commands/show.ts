import { assess, obligationsOf } from '../../core/deadlines/obligations.js';
import { officeCode } from '../../core/reports/overdue.js';
import { EVENT_NAMES, type LedgerEvent } from '../../core/schema/events.js';
import { CLASSES, DECISIONS, SCOPES } from '../../core/schema/vocabulary.js';
import { formatChinaMinute, formatChinaTimestamp, parseTimestamp } from '../../core/time.js';
import { derive } from '../../core/workflow/derive.js';
import { STATE_NAMES } from '../../core/workflow/states.js';
import { legalNextSteps } from '../../core/workflow/transitions.js';
import { EXIT_OK } from '../errors.js';
import { describeDue, describeStanding } from '../format/standing.js';
import { printable } from '../format/width.js';
import { openLedger, provisionalNote, requireItem } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';

interface ShowOptions extends LedgerOptions {
  json?: boolean;
}

const minute = (at: string) => {
  const parsed = parseTimestamp(at);
  return parsed.ok ? formatChinaMinute(parsed.epochMs) : at;
};

/** The fields of one step worth a line in the timeline, in the words of the forms. */
function eventDetails(event: LedgerEvent): string {
  switch (event.type) {
    case 'refused_on_spot':
      return `法律依据：${event.legal_basis}`;
    case 'confirmed':
      return `承办科室：${event.section}；分管领导同意：${event.consent_by ?? '（未记录）'}`;
    case 'classified':
      return `第 ${event.class} 类：${CLASSES[event.class]}`;
    case 'resolved_internally':
      return event.result;
    case 'reported':
      return `主要领导同意：${event.consent_by ?? '（未记录）'}`;
    case 'decided':
      return `办理意见 ${event.decision}：${DECISIONS[event.decision]}${event.difficulty ? `；难易程度：${event.difficulty}` : ''}${event.responsible_unit ? `；责任单位：${event.responsible_unit}` : ''}；${event.opinion}`;
    case 'met':
      return `${event.led_by}牵头${event.leader ? `（${event.leader}）` : ''}${event.participants ? `，参加：${event.participants.join('、')}` : ''}；会办意见：${event.opinion}`;
    case 'feedback':
      return `${event.kind}（${event.method}）：${event.content}`;
    case 'closed':
      return `${event.outcome}：${event.result}${event.refusal_reason ? `；不能办理的原因：${event.refusal_reason}` : ''}`;
    case 'transferred':
      return `转往 ${event.to}，编号 ${event.number}`;
    case 'visited':
      return `满意度：${event.satisfaction}${event.method ? `（${event.method}回访）` : ''}`;
    case 'typical':
      return `${event.kind}典型案例：${event.comment}`;
    case 'restarted':
      return `${event.basis}：${event.reference}${event.precedent_item ? `（先例 ${event.precedent_item}）` : ''}`;
    default:
      return '';
  }
}

export function runShow(id: string, options: ShowOptions): number {
  const { ledger, asOf, rulesNote } = openLedger(options, { deadlines: true });
  const entry = requireItem(ledger, id);
  const { item } = entry;
  const { situation } = derive(item.channel, item.events);
  const obligations = obligationsOf(item, ledger.policy, ledger.calendar, officeCode(ledger.units)).map((o) => ({
    o,
    a: assess(o, asOf, ledger.calendar, ledger.policy.warnWithin),
  }));
  const registered = item.events[0];

  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          item,
          file: entry.file,
          state: situation.state,
          stateName: STATE_NAMES[situation.state],
          nextSteps: legalNextSteps(situation),
          obligations: obligations.map(({ o, a }) => ({
            rule: o.rule.id,
            name: o.rule.name,
            owner: o.owner,
            startedAt: formatChinaTimestamp(o.startedAt),
            due: o.due ?? null,
            standing: a.standing,
            endedAt: o.endedAt === undefined || o.endedAt > asOf ? null : formatChinaTimestamp(o.endedAt),
            endedBy: o.endedAt === undefined || o.endedAt > asOf ? null : (o.endedBy ?? null),
            daysLate: a.daysLate ?? null,
            daysLeft: a.daysLeft ?? null,
            provisional: a.provisional,
          })),
          builtInRules: rulesNote !== undefined,
        },
        null,
        2,
      )}\n`,
    );
    return EXIT_OK;
  }
  const unitName = ledger.units.get(item.unit)?.name ?? item.unit;
  const lines = [
    '“办不成事”事项登记表',
    `登记单位：${unitName}    工单编号：${item.id}`,
    `办理对象：${item.party.name}（${item.party.kind}）    联系电话：${item.party.phone}`,
    `受理人员：${registered?.by ?? ''}    受理时间：${registered ? minute(registered.at) : ''}`,
    `受理事项名称：${item.title}`,
    `“办不成事”原因：${item.reason}`,
    `备注：${item.remark ?? ''}`,
    `适用范围：第三条（${item.scope}）${SCOPES[item.scope]}    来源渠道：${item.channel}${item.responsible_unit ? `    责任单位：${item.responsible_unit}` : ''}`,
    '',
    `当前状态：${STATE_NAMES[situation.state]}`,
    `可以进行的步骤：${
      legalNextSteps(situation)
        .map((t) => `${EVENT_NAMES[t]}（${t}）`)
        .join('、') || '无'
    }`,
    '',
    '处理过程：',
    ...item.events.map(
      (e, i) =>
        `  ${i + 1}. ${minute(e.at)}  ${EVENT_NAMES[e.type]}  ${e.by}${eventDetails(e) ? `  ${eventDetails(e)}` : ''}${e.note ? `  备注：${e.note}` : ''}`,
    ),
    '',
    '期限：',
    ...(obligations.length === 0
      ? ['  （暂无）']
      : obligations.map(
          ({ o, a }) =>
            `  ${o.rule.name}（${ledger.units.get(o.owner)?.name ?? o.owner}）  起算 ${formatChinaMinute(o.startedAt)}  期限 ${describeDue(o)}  ${describeStanding(a)}`,
        )),
  ];
  const note = provisionalNote([...new Set(obligations.flatMap(({ o }) => o.unknownYears))]);
  if (note) lines.push('', note);
  if (rulesNote) lines.push(...(note ? [] : ['']), rulesNote);
  process.stdout.write(`${printable(lines.join('\n'))}\n`);
  return EXIT_OK;
}
