import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { EVENT_NAMES, type LedgerEvent } from '../schema/events.js';
import type { Channel } from '../schema/vocabulary.js';
import { formatChinaMinute, parseTimestamp } from '../time.js';
import { derive } from '../workflow/derive.js';
import { STATE_NAMES } from '../workflow/states.js';
import { legalNextSteps } from '../workflow/transitions.js';

export interface History {
  channel: Channel | undefined;
  responsibleUnit: unknown;
  events: readonly LedgerEvent[];
  /** The codes of the ledger's units of kind 区办 (exactly one in a valid ledger). */
  offices?: readonly string[];
}

/**
 * Steps that only the 区办 may record (第五条（三）（五）、第六条、第七条): its decision (with the
 * difficulty), supervision, the satisfaction follow-up, a meeting it leads, marking a typical case,
 * and restarting (第六条 names no actor; the 区办 keeps the database and parks matters in it
 * (留档暂存), a restarted matter goes to the 区办's 研判, and a precedent must be 确认 by it).
 */
export const OFFICE_STEPS: ReadonlySet<string> = new Set(['decided', 'supervised', 'visited', 'typical', 'restarted']);

export function isOfficeStep(event: { type: string; led_by?: unknown }): boolean {
  return OFFICE_STEPS.has(event.type) || (event.type === 'met' && event.led_by === '区办');
}

function officeStepProblems(history: History, file: string): Diagnostic[] {
  const offices = history.offices ?? [];
  if (offices.length === 0) return [];
  const office = offices.join('、');
  return history.events.flatMap((event, index) => {
    if (!isOfficeStep(event) || (event.unit !== undefined && offices.includes(event.unit))) return [];
    const what = event.type === 'met' ? '区办牵头的会办' : `“${EVENT_NAMES[event.type]}”`;
    const message =
      event.unit === undefined
        ? `${eventLabel(index, event)}没有写明经办单位（unit）：${what}只能由区办记录`
        : `${eventLabel(index, event)}的经办单位是 ${event.unit}，但${what}只能由区办（${office}）记录`;
    // A step recorded before events named their unit stays as it was (history is append-only): a warning.
    return event.unit === undefined
      ? [
          diagnostic(
            'office-step-unit',
            file,
            ['events', index],
            message,
            `新记录的这类步骤须写 unit: ${office}（bbcs 的步骤命令自动填写）；已提交的事件不要补改，否则 validate --since 报告事件被修改`,
            'warning',
          ),
        ]
      : [
          diagnostic(
            'office-step-unit',
            file,
            ['events', index, 'unit'],
            message,
            `改为 unit: ${office}；若这一步确非区办所做，就不应记为此步骤`,
          ),
        ];
  });
}

function eventLabel(index: number, event: LedgerEvent): string {
  return `第 ${index + 1} 个事件「${EVENT_NAMES[event.type]}」（${event.type}）`;
}

function orderProblems(history: History, file: string): Diagnostic[] {
  const { rejected } = derive(history.channel, history.events);
  return rejected.map(({ index, event, from, why }) => {
    const legal = legalNextSteps(from).map((t) => `${t}（${EVENT_NAMES[t]}）`);
    const hint =
      legal.length > 0
        ? `在“${STATE_NAMES[from.state]}”状态下可以进行：${legal.join('、')}`
        : `“${STATE_NAMES[from.state]}”状态下没有可以进行的步骤`;
    return diagnostic(
      'illegal-transition',
      file,
      ['events', index, 'type'],
      `${eventLabel(index, event)}不能在“${STATE_NAMES[from.state]}”之后进行：${why}`,
      hint,
    );
  });
}

function timeProblems(history: History, file: string, asOf: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  let previous: { index: number; epochMs: number } | undefined;
  history.events.forEach((event, index) => {
    const parsed = parseTimestamp(event.at);
    if (!parsed.ok) return;
    if (previous && parsed.epochMs < previous.epochMs) {
      out.push(
        diagnostic(
          'time-backwards',
          file,
          ['events', index, 'at'],
          `${eventLabel(index, event)}的时间 ${formatChinaMinute(parsed.epochMs)} 早于前一个事件的时间 ${formatChinaMinute(previous.epochMs)}`,
          '事件按发生先后追加在末尾；核对时间，或把漏记的事件按时间补在正确位置并在备注中说明',
        ),
      );
    }
    if (parsed.epochMs > asOf) {
      out.push(
        diagnostic(
          'future-event',
          file,
          ['events', index, 'at'],
          `${eventLabel(index, event)}的时间 ${formatChinaMinute(parsed.epochMs)} 晚于当前时间 ${formatChinaMinute(asOf)}`,
          '不能预先记录尚未发生的事件；核对日期和年份，或用 --as-of 指定检查的时间点',
        ),
      );
    }
    previous = { index, epochMs: parsed.epochMs };
  });
  return out;
}

/** 第五条（二）（三）: the consents the document requires before a step may be taken. */
function consentProblems(history: History, file: string): Diagnostic[] {
  return history.events.flatMap((event, index) => {
    if (event.type === 'confirmed' && !event.consent_by) {
      return [
        diagnostic(
          'consent-missing',
          file,
          ['events', index],
          `${eventLabel(index, event)}没有记录分管领导的同意`,
          '第五条（二）：确认暂时无法办理须报经分管领导同意；添加 consent_by: 分管领导姓名',
        ),
      ];
    }
    if (event.type === 'reported' && !event.consent_by) {
      return [
        diagnostic(
          'consent-missing',
          file,
          ['events', index],
          `${eventLabel(index, event)}没有记录主要领导的同意`,
          '第五条（三）：登记表经主要领导同意后上报区办；添加 consent_by: 主要领导姓名',
        ),
      ];
    }
    return [];
  });
}

/** Fields that become required by the value of another field of the same step. */
function conditionalFieldProblems(history: History, file: string): Diagnostic[] {
  return history.events.flatMap((event, index) => {
    if (event.type === 'decided' && event.decision === 1 && !event.difficulty) {
      return [
        diagnostic(
          'missing-field',
          file,
          ['events', index],
          `${eventLabel(index, event)}认定可以办理，但没有明确难易程度（difficulty）`,
          '第五条（三）：认定可以办理的事项须明确难易程度；添加 difficulty: 简单、复杂 或 特别复杂',
        ),
      ];
    }
    if (event.type === 'closed' && event.outcome === '不能办理' && !event.refusal_reason) {
      return [
        diagnostic(
          'missing-field',
          file,
          ['events', index],
          `${eventLabel(index, event)}结果为不能办理，但没有写明不能办理的原因（refusal_reason）`,
          '第五条（四）：不能办理的要说明原因；添加 refusal_reason: 向当事方说明的原因',
        ),
      ];
    }
    return [];
  });
}

function routingProblems(history: History, file: string): Diagnostic[] {
  if (history.channel === '区办收集' && history.responsibleUnit === undefined) {
    return [
      diagnostic(
        'responsible-unit-missing',
        file,
        ['channel'],
        '区办收集的事项没有指定责任单位',
        '第五条（四）：区办收集的事项由区办直接反馈或指定责任单位反馈；添加 responsible_unit: 单位代码',
      ),
    ];
  }
  return [];
}

/** Checks an item's events as a path through the mechanism. */
export function checkHistory(history: History, file: string, asOf: number): Diagnostic[] {
  if (history.events.length === 0) {
    return [
      diagnostic(
        'no-events',
        file,
        ['events'],
        '事项没有任何事件记录，至少应有登记事件',
        '添加第一个事件：- type: registered，写明 at（受理时间）和 by（受理人员）',
      ),
      ...routingProblems(history, file),
    ];
  }
  return [
    ...orderProblems(history, file),
    ...timeProblems(history, file, asOf),
    ...consentProblems(history, file),
    ...conditionalFieldProblems(history, file),
    ...routingProblems(history, file),
    ...officeStepProblems(history, file),
  ];
}
