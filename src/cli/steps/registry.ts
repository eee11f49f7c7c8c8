import { scalarText } from '../../core/text.js';
import type { EventType } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
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

/**
 * Every step of the mechanism after registration, as data: the command an officer types, the
 * event it appends, and the fields it asks for. One generic implementation (../commands/step.ts)
 * turns each entry into a commander command, its questions, its checks, its preview and its
 * commit summary, so the sixteen commands cannot drift apart.
 *
 * This file is read when the program starts (to declare the commands), so it imports only
 * the vocabularies and types.
 */

/** The answers given so far, by event field key. */
export type Draft = Record<string, unknown>;

/** What a field's default may depend on. */
export interface StepContext {
  item: Item;
  units: ReadonlyMap<string, Unit>;
}

interface FieldBase {
  /** The event field this fills. */
  key: string;
  /** The option, e.g. `--section <科室>`. */
  flag: string;
  /** Chinese name, for previews and error messages. */
  label: string;
  /** The question asked in a terminal. */
  question: string;
  /** Help text of the option (the accepted values are added for choices). */
  help: string;
  /** Required (default), optional, or required depending on other answers. */
  required?: boolean | ((draft: Draft) => boolean);
  /** Whether the field belongs to this step at all, given the other answers (default: always). */
  applies?: (draft: Draft) => boolean;
  /** Explains when the field applies, for the message when it is given where it does not. */
  appliesWhen?: string;
  /** The answer offered by default in a terminal. */
  suggest?: (context: StepContext) => string | undefined;
}

export type StepField = FieldBase &
  (
    | { kind: 'text' }
    /** One of a closed vocabulary of words. */
    | { kind: 'choice'; values: readonly string[] }
    /** One of the numbered categories of the 管理办法, stored as a number. */
    | { kind: 'number'; meanings: Readonly<Record<number, string>> }
    /** A unit code of the ledger. */
    | { kind: 'unit' }
    /** Unit codes of the ledger, comma-separated on the command line. */
    | { kind: 'units' }
    /** The 工单编号 of an item in the ledger. */
    | { kind: 'item' }
  );

export interface StepSpec {
  /** The command, e.g. `confirm`. */
  command: string;
  type: EventType;
  /** What the step is, for help and menus (with the article of the 管理办法). */
  description: string;
  fields: StepField[];
  /** One short Chinese sentence for the commit message: what was done. */
  summary: (event: Draft, context: StepContext) => string;
}

/** Whether a field is required given the answers so far. */
export function isRequired(field: StepField, draft: Draft): boolean {
  const { required = true } = field;
  return typeof required === 'function' ? required(draft) : required;
}

export function applies(field: StepField, draft: Draft): boolean {
  return field.applies ? field.applies(draft) : true;
}

/** `--consent-by <分管领导>` → `--consent-by`. */
export function flagName(field: Pick<StepField, 'flag'>): string {
  return field.flag.split(' ')[0]!;
}

/** The property commander stores the option under: `--consent-by` → `consentBy`. */
export function optionKey(field: Pick<StepField, 'flag'>): string {
  return flagName(field)
    .slice(2)
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

const CLIP = 40;
/** Free text in a one-line summary: its first line, shortened. */
export function clip(value: unknown): string {
  const text = scalarText(value).split('\n')[0]!.trim();
  return text.length > CLIP ? `${text.slice(0, CLIP)}…` : text;
}

const DECISION_SHORT: Record<number, string> = {
  1: '认定可以办理',
  2: '由区办牵头会办',
  3: '提请区领导牵头会办',
  4: '暂时无法办理，留档暂存',
};

const unitDecides = (d: Draft) => d.decision !== 4;

export const STEPS: readonly StepSpec[] = [
  {
    command: 'refuse',
    type: 'refused_on_spot',
    description: '当场告知不能办理：诉求明显违法的，当场告知并写明法律依据（第五条（一））',
    fields: [
      {
        key: 'legal_basis',
        flag: '--legal-basis <法律依据>',
        kind: 'text',
        label: '法律依据',
        question: '不能办理的法律依据（法律法规名称及条款）',
        help: '不能办理的法律依据',
      },
    ],
    summary: (e) => `当场告知不能办理，法律依据：${clip(e.legal_basis)}`,
  },
  {
    command: 'confirm',
    type: 'confirmed',
    description: '科室确认暂时无法办理，须经分管领导同意（第五条（二））',
    fields: [
      {
        key: 'section',
        flag: '--section <科室>',
        kind: 'text',
        label: '承办科室',
        question: '哪个科室确认暂时无法办理',
        help: '确认暂时无法办理的承办科室',
      },
      {
        key: 'consent_by',
        flag: '--consent-by <分管领导>',
        kind: 'text',
        label: '同意的分管领导',
        question: '同意的分管领导姓名',
        help: '同意的分管领导姓名（第五条（二）须经分管领导同意）',
        suggest: ({ item, units }) => units.get(item.unit)?.leader.name,
      },
    ],
    summary: (e) => `${clip(e.section)}确认暂时无法办理，分管领导${clip(e.consent_by)}同意`,
  },
  {
    command: 'classify',
    type: 'classified',
    description: '牵头科室研判分类：第 1–4 类（第五条（二））',
    fields: [
      {
        key: 'class',
        flag: '--class <类别>',
        kind: 'number',
        meanings: CLASSES,
        label: '研判分类',
        question: '牵头科室研判分类',
        help: '研判分类',
      },
    ],
    summary: (e) => `牵头科室研判为第 ${String(e.class)} 类：${CLASSES[e.class as 1]}`,
  },
  {
    command: 'resolve',
    type: 'resolved_internally',
    description: '第 1 类事项经本单位多科室协调解决',
    fields: [
      {
        key: 'result',
        flag: '--result <处理结果>',
        kind: 'text',
        label: '处理结果',
        question: '本单位内部协调的处理结果',
        help: '内部协调的处理结果',
      },
    ],
    summary: (e) => `本单位内部协调解决：${clip(e.result)}`,
  },
  {
    command: 'report',
    type: 'reported',
    description: '经主要领导同意，将登记表上报区办（第五条（三））',
    fields: [
      {
        key: 'consent_by',
        flag: '--consent-by <主要领导>',
        kind: 'text',
        label: '同意的主要领导',
        question: '同意上报的主要领导姓名',
        help: '同意上报的主要领导姓名（第五条（三）须经主要领导同意）；在终端中默认取单位的主要领导',
        suggest: ({ item, units }) => units.get(item.unit)?.principal,
      },
    ],
    summary: (e) => `经主要领导${clip(e.consent_by)}同意上报区办`,
  },
  {
    command: 'decide',
    type: 'decided',
    description: '区办研判：办理意见 1–4，认定可以办理的明确难易程度（第五条（三））',
    fields: [
      {
        key: 'decision',
        flag: '--decision <办理意见>',
        kind: 'number',
        meanings: DECISIONS,
        label: '办理意见',
        question: '区办办理意见',
        help: '办理意见',
      },
      {
        key: 'difficulty',
        flag: '--difficulty <难易程度>',
        kind: 'choice',
        values: DIFFICULTIES,
        label: '难易程度',
        question: '难易程度（决定反馈期限：简单 3、复杂 5、特别复杂 10 个工作日）',
        help: '难易程度（办理意见为 1 时必填）',
        required: (d) => d.decision === 1,
        applies: unitDecides,
        appliesWhen: '办理意见为 1–3 时',
      },
      {
        key: 'responsible_unit',
        flag: '--responsible-unit <单位代码>',
        kind: 'unit',
        label: '责任单位',
        question: '责任单位',
        help: '责任单位的单位代码（默认原上报单位）',
        required: false,
        applies: unitDecides,
        appliesWhen: '办理意见为 1–3 时',
        suggest: ({ item }) => item.responsible_unit ?? item.unit,
      },
      {
        key: 'opinion',
        flag: '--opinion <意见说明>',
        kind: 'text',
        label: '办理意见说明',
        question: '办理意见说明',
        help: '办理意见说明',
      },
    ],
    summary: (e) =>
      [
        `区办研判：${DECISION_SHORT[e.decision as number] ?? ''}`,
        e.difficulty ? `难易程度${scalarText(e.difficulty)}` : '',
        e.responsible_unit ? `责任单位 ${scalarText(e.responsible_unit)}` : '',
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
      {
        key: 'led_by',
        flag: '--led-by <牵头方>',
        kind: 'choice',
        values: MEETING_LEADS,
        label: '牵头方',
        question: '由谁牵头会办',
        help: '牵头方',
      },
      {
        key: 'leader',
        flag: '--leader <牵头领导>',
        kind: 'text',
        label: '牵头领导',
        question: '牵头领导姓名',
        help: '牵头领导姓名（选填）',
        required: false,
      },
      {
        key: 'participants',
        flag: '--participants <单位代码,...>',
        kind: 'units',
        label: '参加单位',
        question: '参加单位',
        help: '参加会办的单位代码，用逗号分隔（选填）',
        required: false,
      },
      {
        key: 'opinion',
        flag: '--opinion <会办意见>',
        kind: 'text',
        label: '会办意见',
        question: '会办意见',
        help: '会办意见',
      },
    ],
    summary: (e) => `${String(e.led_by)}牵头会办${e.leader ? `（${clip(e.leader)}）` : ''}：${clip(e.opinion)}`,
  },
  {
    command: 'feedback',
    type: 'feedback',
    description: '向当事方反馈进展或结果（第五条（四））',
    fields: [
      {
        key: 'kind',
        flag: '--kind <类型>',
        kind: 'choice',
        values: FEEDBACK_KINDS,
        label: '反馈类型',
        question: '反馈的是进展还是结果',
        help: '反馈类型',
      },
      {
        key: 'method',
        flag: '--method <方式>',
        kind: 'choice',
        values: FEEDBACK_METHODS,
        label: '反馈方式',
        question: '反馈方式',
        help: '反馈方式',
      },
      {
        key: 'content',
        flag: '--content <内容>',
        kind: 'text',
        label: '反馈内容',
        question: '反馈内容（告诉当事方的话）',
        help: '反馈内容',
      },
    ],
    summary: (e) => `${String(e.method)}向当事方反馈${String(e.kind)}：${clip(e.content)}`,
  },
  {
    command: 'close',
    type: 'closed',
    description: '办结：办成，或不能办理并写明原因（第五条（四））',
    fields: [
      {
        key: 'outcome',
        flag: '--outcome <结果>',
        kind: 'choice',
        values: CLOSING_OUTCOMES,
        label: '办结结果',
        question: '办结结果',
        help: '办结结果',
      },
      {
        key: 'result',
        flag: '--result <处理结果>',
        kind: 'text',
        label: '处理结果',
        question: '处理结果',
        help: '处理结果',
      },
      {
        key: 'refusal_reason',
        flag: '--refusal-reason <原因>',
        kind: 'text',
        label: '不能办理的原因',
        question: '不能办理的原因（向当事方说明）',
        help: '不能办理的原因（结果为不能办理时必填）',
        required: (d) => d.outcome === '不能办理',
        applies: (d) => d.outcome !== '办成',
        appliesWhen: '办结结果为不能办理时',
      },
    ],
    summary: (e) =>
      e.outcome === '不能办理' ? `办结：不能办理，原因：${clip(e.refusal_reason)}` : `办结：办成，${clip(e.result)}`,
  },
  {
    command: 'transfer',
    type: 'transferred',
    description: '转办：转往 12345、信访或涉法涉诉渠道，记录对方编号（第四条）',
    fields: [
      {
        key: 'to',
        flag: '--to <去向>',
        kind: 'choice',
        values: TRANSFER_TARGETS,
        label: '转往',
        question: '转往何处',
        help: '转往',
      },
      {
        key: 'number',
        flag: '--number <编号>',
        kind: 'text',
        label: '对方系统编号',
        question: '对方系统中的编号',
        help: '对方系统中的编号',
      },
    ],
    summary: (e) => `转办至 ${String(e.to)}，对方编号 ${clip(e.number)}`,
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
      {
        key: 'satisfaction',
        flag: '--satisfaction <满意度>',
        kind: 'choice',
        values: SATISFACTION,
        label: '满意度',
        question: '当事方的满意度',
        help: '满意度',
      },
    ],
    summary: (e) => `满意度回访：${String(e.satisfaction)}`,
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
      {
        key: 'basis',
        flag: '--basis <依据>',
        kind: 'choice',
        values: RESTART_BASES,
        label: '重启依据',
        question: '重启的依据',
        help: '重启依据',
      },
      {
        key: 'reference',
        flag: '--reference <文号或先例>',
        kind: 'text',
        label: '依据文号或先例',
        question: '依据的文号，或区外先例的说明',
        help: '依据文号或先例',
      },
      {
        key: 'precedent_item',
        flag: '--precedent <工单编号>',
        kind: 'item',
        label: '先例工单编号',
        question: '台账中的先例工单编号',
        help: '台账中的先例工单编号（选填）',
        required: false,
      },
    ],
    summary: (e) => `因${String(e.basis)}重启办理：${clip(e.reference)}`,
  },
  {
    command: 'typical',
    type: 'typical',
    description: '区办标记典型案例：正面或负面，附点评（第七条（二）），不改变事项状态',
    fields: [
      {
        key: 'kind',
        flag: '--kind <类型>',
        kind: 'choice',
        values: TYPICAL_KINDS,
        label: '典型案例类型',
        question: '正面典型还是负面典型',
        help: '典型案例类型',
      },
      {
        key: 'comment',
        flag: '--comment <点评>',
        kind: 'text',
        label: '区办点评',
        question: '区办的点评（将随案例公开）',
        help: '区办点评（公开发布时随案例刊出）',
      },
    ],
    summary: (e) => `标记为${String(e.kind)}典型案例：${clip(e.comment)}`,
  },
];

export const STEP_BY_TYPE: ReadonlyMap<EventType, StepSpec> = new Map(STEPS.map((s) => [s.type, s]));
export const STEP_BY_COMMAND: ReadonlyMap<string, StepSpec> = new Map(STEPS.map((s) => [s.command, s]));

/** Option help with the accepted values, e.g. `研判分类：1 需要本单位多科室协调解决；2 …`. */
export function optionHelp(field: StepField): string {
  if (field.kind === 'choice') return `${field.help}：${field.values.join('、')}`;
  if (field.kind === 'number')
    return `${field.help}：${Object.entries(field.meanings)
      .map(([n, m]) => `${n} ${m}`)
      .join('；')}`;
  return field.help;
}
