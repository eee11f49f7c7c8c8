import { checkStepTime } from '../../core/answers.js';
import { deadlinesStarted, difficultyDeadline } from '../../core/deadlines/describe.js';
import type { EventType } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
import { STEP_COMMON_LABELS, STEP_LABELS } from '../../core/schema/labels.js';
import type { Policy } from '../../core/schema/policy.js';
import type { Unit } from '../../core/schema/unit.js';
import {
  CLASSES,
  CLOSING_OUTCOMES,
  DECISIONS,
  DIFFICULTIES,
  FEEDBACK_KINDS,
  FEEDBACK_METHODS,
  MEETING_LEADS,
  RESTART_BASES,
  SATISFACTION,
  TRANSFER_TARGETS,
  TYPICAL_KINDS,
} from '../../core/schema/vocabulary.js';
import { TIME_FORMS } from '../../core/time-input.js';
import { formatChinaMinute } from '../../core/time.js';
import {
  choice,
  numbered,
  otherItem,
  text,
  unit,
  units,
  type ItemsContext,
  type UnitsContext,
} from '../forms/fields.js';
import type { Answers, Field } from '../forms/spec.js';

/**
 * Every step of the mechanism after registration, as data: the command an officer types, the
 * event it appends, and the fields it asks for (../forms/spec.ts). One generic implementation
 * (../commands/step.ts) turns each entry into a commander command, its questions, its checks,
 * its preview and its commit summary, so the steps cannot drift apart. A new step is a new entry
 * here, its event in src/core/schema/events.ts and its labels in src/core/schema/labels.ts (the
 * recipe is in docs/architecture.md).
 *
 * This file is read when the program starts (to declare the commands), so it imports only
 * light modules: vocabularies, labels, types and the pure answer checks.
 */

/** What a step's questions, checks and defaults may consult. */
export interface StepContext extends UnitsContext, ItemsContext {
  item: Item;
  units: ReadonlyMap<string, Unit>;
  itemIds: readonly string[];
  /** The deadline rules in force: choices that start a deadline say which. */
  policy: Policy;
  now: number;
  /** The item's last event, which a step cannot precede. */
  last?: { name: string; at: string };
  /** The officer configured for this clone, when there is one. */
  officer?: string | undefined;
}

export type StepField = Field<StepContext>;

export interface StepSpec {
  /** The command, e.g. `confirm`. */
  command: string;
  type: EventType;
  /** What the step is, for help and menus (with the article of the 管理办法). */
  description: string;
  fields: StepField[];
  /** One short Chinese sentence for the commit message: what was done. */
  summary: (event: Answers, context: StepContext) => string;
}

/** The deadline a value of this step's field starts, under the ledger's policy. */
const deadlineOf =
  (type: EventType, field: string) =>
  (value: string, context: StepContext): string | undefined =>
    deadlinesStarted(context.policy, type, field, value);

/** 时间: asked first in every step, "now" offered; not in the future, not before the item's last event. */
export const STEP_TIME: StepField = {
  key: 'at',
  flag: '--at <时间>',
  label: STEP_COMMON_LABELS.at,
  help: `这一步发生的时间，默认现在；写作 ${TIME_FORMS}；不能晚于现在，也不能早于该事项的上一个事件`,
  question: '时间（北京时间，直接回车为现在）',
  widget: { kind: 'text' },
  check: (raw, context) => checkStepTime(STEP_COMMON_LABELS.at, raw, context.now, context.last),
  show: (value) => formatChinaMinute((value as { epochMs: number }).epochMs),
  default: (context) => formatChinaMinute(context.now),
  assumed: true,
};

/** 经办人: the configured officer, asked only where none is configured. */
export const STEP_OFFICER: StepField = {
  ...text<StepContext>({
    key: 'by',
    flag: '--by <经办人>',
    label: STEP_COMMON_LABELS.by,
    help: '经办人（默认：环境变量 BBCS_OFFICER、git config bbcs.officer 或 user.name）',
    question: '经办人姓名',
  }),
  default: (context) => context.officer,
  assumed: true,
  asked: (_, context) => context.officer === undefined,
};

/** 备注: a flag only; a step's own fields say what matters. */
export const STEP_NOTE: StepField = {
  ...text<StepContext>({
    key: 'note',
    flag: '--note <备注>',
    label: STEP_COMMON_LABELS.note,
    help: '备注（选填）',
    question: '备注',
  }),
  required: false,
  asked: false,
};

/** Every field of a step's form, in the order asked: 时间, the step's own fields, 经办人, 备注. */
export function stepForm(spec: StepSpec): StepField[] {
  return [STEP_TIME, ...spec.fields, STEP_OFFICER, STEP_NOTE];
}

const CLIP = 40;

/** An answer in a sentence: text and numbers as they are, anything else as nothing. */
export function said(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Free text in a one-line summary: its first line, shortened. */
export function clip(value: unknown): string {
  const text = said(value).split('\n')[0]!.trim();
  return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
}

const DECISION_SHORT: Record<number, string> = {
  1: '认定可以办理',
  2: '由区办牵头会办',
  3: '提请区领导牵头会办',
  4: '暂时无法办理，留档暂存',
};

const unitDecides = (d: Answers) => d.decision !== 4;

export const STEPS: readonly StepSpec[] = [
  {
    command: 'refuse',
    type: 'refused_on_spot',
    description: '当场告知不能办理：诉求明显违法的，当场告知并写明法律依据（第五条（一））',
    fields: [
      text({
        key: 'legal_basis',
        flag: '--legal-basis <法律依据>',
        label: STEP_LABELS.refused_on_spot.legal_basis,
        question: '不能办理的法律依据（法律法规名称及条款）',
        help: '不能办理的法律依据',
      }),
    ],
    summary: (e) => `当场告知不能办理，法律依据：${clip(e.legal_basis)}`,
  },
  {
    command: 'confirm',
    type: 'confirmed',
    description: '科室确认暂时无法办理，须经分管领导同意（第五条（二））',
    fields: [
      text({
        key: 'section',
        flag: '--section <科室>',
        label: STEP_LABELS.confirmed.section,
        question: '哪个科室确认暂时无法办理',
        help: '确认暂时无法办理的承办科室',
      }),
      text({
        key: 'consent_by',
        flag: '--consent-by <分管领导>',
        label: STEP_LABELS.confirmed.consent_by,
        question: '同意的分管领导姓名',
        help: '同意的分管领导姓名（第五条（二）须经分管领导同意）',
        default: ({ item, units }) => units.get(item.unit)?.leader.name,
      }),
    ],
    summary: (e) => `${clip(e.section)}确认暂时无法办理，分管领导${clip(e.consent_by)}同意`,
  },
  {
    command: 'classify',
    type: 'classified',
    description: '牵头科室研判分类：第 1–4 类（第五条（二））',
    fields: [
      numbered({
        key: 'class',
        flag: '--class <类别>',
        meanings: CLASSES,
        label: STEP_LABELS.classified.class,
        question: '牵头科室研判分类',
        help: '研判分类',
        describe: deadlineOf('classified', 'class'),
      }),
    ],
    summary: (e) => `牵头科室研判为第 ${said(e.class)} 类：${CLASSES[e.class as 1]}`,
  },
  {
    command: 'resolve',
    type: 'resolved_internally',
    description: '第 1 类事项经本单位多科室协调解决',
    fields: [
      text({
        key: 'result',
        flag: '--result <处理结果>',
        label: STEP_LABELS.resolved_internally.result,
        question: '本单位内部协调的处理结果',
        help: '内部协调的处理结果',
      }),
    ],
    summary: (e) => `本单位内部协调解决：${clip(e.result)}`,
  },
  {
    command: 'report',
    type: 'reported',
    description: '经主要领导同意，将登记表上报区办（第五条（三））',
    fields: [
      text({
        key: 'consent_by',
        flag: '--consent-by <主要领导>',
        label: STEP_LABELS.reported.consent_by,
        question: '同意上报的主要领导姓名',
        help: '同意上报的主要领导姓名（第五条（三）须经主要领导同意）；在终端中默认取单位的主要领导',
        default: ({ item, units }) => units.get(item.unit)?.principal,
      }),
    ],
    summary: (e) => `经主要领导${clip(e.consent_by)}同意上报区办`,
  },
  {
    command: 'decide',
    type: 'decided',
    description: '区办研判：办理意见 1–4，认定可以办理的明确难易程度（第五条（三））',
    fields: [
      numbered({
        key: 'decision',
        flag: '--decision <办理意见>',
        meanings: DECISIONS,
        label: STEP_LABELS.decided.decision,
        question: '区办办理意见',
        help: '办理意见',
        describe: deadlineOf('decided', 'decision'),
      }),
      choice({
        key: 'difficulty',
        flag: '--difficulty <难易程度>',
        values: DIFFICULTIES,
        label: STEP_LABELS.decided.difficulty,
        question: ({ policy }) => {
          const deadline = difficultyDeadline(policy);
          return deadline ? `难易程度（决定${deadline}）` : '难易程度';
        },
        help: '难易程度（办理意见为 1 时必填）',
        describe: deadlineOf('decided', 'difficulty'),
        required: (d) => d.decision === 1,
        when: unitDecides,
        whenText: '办理意见为 1–3 时',
      }),
      unit({
        key: 'responsible_unit',
        flag: '--responsible-unit <单位代码>',
        label: STEP_LABELS.decided.responsible_unit,
        question: '责任单位',
        help: '责任单位的单位代码（默认原上报单位）',
        required: false,
        when: unitDecides,
        whenText: '办理意见为 1–3 时',
        default: ({ item }) => item.responsible_unit ?? item.unit,
      }),
      text({
        key: 'opinion',
        flag: '--opinion <意见说明>',
        label: STEP_LABELS.decided.opinion,
        question: '办理意见说明',
        help: '办理意见说明',
      }),
    ],
    summary: (e) =>
      [
        `区办研判：${DECISION_SHORT[e.decision as number] ?? ''}`,
        e.difficulty ? `难易程度${said(e.difficulty)}` : '',
        e.responsible_unit ? `责任单位 ${said(e.responsible_unit)}` : '',
      ]
        .filter(Boolean)
        .join('，'),
  },
  {
    command: 'supervise',
    type: 'supervised',
    description: '区办交办督办',
    fields: [],
    summary: () => '区办交办督办',
  },
  {
    command: 'meet',
    type: 'met',
    description: '会办：区办或区领导牵头，记录会办意见（第五条（三）（四））',
    fields: [
      choice({
        key: 'led_by',
        flag: '--led-by <牵头方>',
        values: MEETING_LEADS,
        label: STEP_LABELS.met.led_by,
        question: '由谁牵头会办',
        help: '牵头方',
      }),
      text({
        key: 'leader',
        flag: '--leader <牵头领导>',
        label: STEP_LABELS.met.leader,
        question: '牵头领导姓名',
        help: '牵头领导姓名（选填）',
        required: false,
      }),
      units({
        key: 'participants',
        flag: '--participants <单位代码,...>',
        label: STEP_LABELS.met.participants,
        question: '参加单位',
        help: '参加会办的单位代码，用逗号分隔（选填）',
        required: false,
      }),
      text({
        key: 'opinion',
        flag: '--opinion <会办意见>',
        label: STEP_LABELS.met.opinion,
        question: '会办意见',
        help: '会办意见',
      }),
    ],
    summary: (e) => `${said(e.led_by)}牵头会办${e.leader ? `（${clip(e.leader)}）` : ''}：${clip(e.opinion)}`,
  },
  {
    command: 'feedback',
    type: 'feedback',
    description: '向当事方反馈进展或结果（第五条（四））',
    fields: [
      choice({
        key: 'kind',
        flag: '--kind <类型>',
        values: FEEDBACK_KINDS,
        label: STEP_LABELS.feedback.kind,
        question: '反馈的是进展还是结果',
        help: '反馈类型',
      }),
      choice({
        key: 'method',
        flag: '--method <方式>',
        values: FEEDBACK_METHODS,
        label: STEP_LABELS.feedback.method,
        question: '反馈方式',
        help: '反馈方式',
      }),
      text({
        key: 'content',
        flag: '--content <内容>',
        label: STEP_LABELS.feedback.content,
        question: '反馈内容（告诉当事方的话）',
        help: '反馈内容',
      }),
    ],
    summary: (e) => `${said(e.method)}向当事方反馈${said(e.kind)}：${clip(e.content)}`,
  },
  {
    command: 'close',
    type: 'closed',
    description: '办结：办成，或不能办理并写明原因（第五条（四））',
    fields: [
      choice({
        key: 'outcome',
        flag: '--outcome <结果>',
        values: CLOSING_OUTCOMES,
        label: STEP_LABELS.closed.outcome,
        question: '办结结果',
        help: '办结结果',
      }),
      text({
        key: 'result',
        flag: '--result <处理结果>',
        label: STEP_LABELS.closed.result,
        question: '处理结果',
        help: '处理结果',
      }),
      text({
        key: 'refusal_reason',
        flag: '--refusal-reason <原因>',
        label: STEP_LABELS.closed.refusal_reason,
        question: '不能办理的原因（向当事方说明）',
        help: '不能办理的原因（结果为不能办理时必填）',
        required: (d) => d.outcome === '不能办理',
        when: (d) => d.outcome !== '办成',
        whenText: '办结结果为不能办理时',
      }),
    ],
    summary: (e) =>
      e.outcome === '不能办理' ? `办结：不能办理，原因：${clip(e.refusal_reason)}` : `办结：办成，${clip(e.result)}`,
  },
  {
    command: 'transfer',
    type: 'transferred',
    description: '转办：转往 12345、信访或涉法涉诉渠道，记录对方编号（第四条）',
    fields: [
      choice({
        key: 'to',
        flag: '--to <去向>',
        values: TRANSFER_TARGETS,
        label: STEP_LABELS.transferred.to,
        question: '转往何处',
        help: '转往',
      }),
      text({
        key: 'number',
        flag: '--number <编号>',
        label: STEP_LABELS.transferred.number,
        question: '对方系统中的编号',
        help: '对方系统中的编号',
      }),
    ],
    summary: (e) => `转办至 ${said(e.to)}，对方编号 ${clip(e.number)}`,
  },
  {
    command: 'file',
    type: 'filed',
    description: '办结后报区办备案（第五条（五））',
    fields: [],
    summary: () => '办理结果报区办备案',
  },
  {
    command: 'visit',
    type: 'visited',
    description: '满意度回访（第五条（五））',
    fields: [
      choice({
        key: 'satisfaction',
        flag: '--satisfaction <满意度>',
        values: SATISFACTION,
        label: STEP_LABELS.visited.satisfaction,
        question: '当事方的满意度',
        help: '满意度',
      }),
      choice({
        key: 'method',
        flag: '--method <方式>',
        values: FEEDBACK_METHODS,
        label: STEP_LABELS.visited.method,
        question: '回访方式',
        help: '回访方式（选填）',
        required: false,
      }),
    ],
    summary: (e) => `满意度回访：${said(e.satisfaction)}`,
  },
  {
    command: 'archive',
    type: 'archived',
    description: '归档（第五条（六））',
    fields: [],
    summary: () => '归档',
  },
  {
    command: 'restart',
    type: 'restarted',
    description: '重启办理：政策调整或区外有成功先例（第六条）',
    fields: [
      choice({
        key: 'basis',
        flag: '--basis <依据>',
        values: RESTART_BASES,
        label: STEP_LABELS.restarted.basis,
        question: '重启的依据',
        help: '重启依据',
      }),
      text({
        key: 'reference',
        flag: '--reference <文号或先例>',
        label: STEP_LABELS.restarted.reference,
        question: '依据的文号，或区外先例的说明',
        help: '依据文号或先例',
      }),
      otherItem({
        key: 'precedent_item',
        flag: '--precedent <工单编号>',
        label: STEP_LABELS.restarted.precedent_item,
        question: '台账中的先例工单编号',
        help: '台账中的先例工单编号（选填）',
        required: false,
      }),
    ],
    summary: (e) => `因${said(e.basis)}重启办理：${clip(e.reference)}`,
  },
  {
    command: 'typical',
    type: 'typical',
    description: '区办标记典型案例：正面或负面，附点评（第七条（二）），不改变事项状态',
    fields: [
      choice({
        key: 'kind',
        flag: '--kind <类型>',
        values: TYPICAL_KINDS,
        label: STEP_LABELS.typical.kind,
        question: '正面典型还是负面典型',
        help: '典型案例类型',
      }),
      text({
        key: 'comment',
        flag: '--comment <点评>',
        label: STEP_LABELS.typical.comment,
        question: '区办的点评（将随案例公开）',
        help: '区办点评（公开发布时随案例刊出）',
      }),
    ],
    summary: (e) => `标记为${said(e.kind)}典型案例：${clip(e.comment)}`,
  },
];

export const STEP_BY_TYPE: ReadonlyMap<EventType, StepSpec> = new Map(STEPS.map((s) => [s.type, s]));
export const STEP_BY_COMMAND: ReadonlyMap<string, StepSpec> = new Map(STEPS.map((s) => [s.command, s]));
