import { guessPartyKind } from '../../core/party-kind.js';
import {
  CHANNEL_ORDER,
  checkChannel,
  checkPartyKind,
  checkPhoneAnswer,
  checkRegistrationTime,
  checkRelated,
  checkScope,
} from '../../core/registration.js';
import { REGISTRATION_LABELS as L } from '../../core/schema/labels.js';
import type { Unit } from '../../core/schema/unit.js';
import { CHANNELS, PARTY_KINDS, SCOPES } from '../../core/schema/vocabulary.js';
import { TIME_FORMS } from '../../core/time-input.js';
import { formatChinaMinute } from '../../core/time.js';
import { UsageError } from '../errors.js';
import { text, unit, yesNo, type UnitsContext } from './fields.js';
import type { Answers, Field } from './spec.js';

/**
 * 附件3 事项登记表 as `bbcs register` asks it: the fields in the order of the paper form, each
 * a flag, a question in a terminal and, where it has one, a key of a prepared file (--from).
 */

export interface RegisterContext extends UnitsContext {
  units: ReadonlyMap<string, Unit>;
  /** Items that may be named as related: those the ledger holds now. */
  knownIds: ReadonlySet<string>;
  now: number;
  /** The 区办, which registers what it collects itself. */
  office: Unit | undefined;
  /** The officer's own unit, when configured and in the ledger. */
  configuredUnit: string | undefined;
  /** The officer configured for this clone. */
  officer: string | undefined;
  /** A prepared file brings its own history: 受理人员, 受理时间 and a refusal come from its events. */
  importsEvents: boolean;
  /** Someone at a terminal can be asked. */
  interactive: boolean;
}

export type RegisterField = Field<RegisterContext>;

const collected = (answers: Answers) => answers.channel === '区办收集';
const ownsHistory = (_: Answers, context: RegisterContext) => !context.importsEvents;

export const REGISTRATION_FIELDS: readonly RegisterField[] = [
  unit({
    key: 'unit',
    flag: '--unit <单位代码>',
    label: L.unit,
    help: '登记单位（默认：配置的本单位，环境变量 BBCS_UNIT 或 git config bbcs.unit）；不分大小写',
    question: L.unit,
    // Without a configured unit nothing is pre-selected: one Enter must not file a unit's matter under the 区办.
    mustChoose: true,
    default: (context) => context.configuredUnit,
    assumed: true,
    fileKey: ['unit'],
  }),
  text({
    key: 'party',
    flag: '--party <名称或姓名>',
    label: L.party,
    help: '办理对象：企业名称或群众姓名',
    question: '办理对象（企业名称或群众姓名）',
    fileKey: ['party', 'name'],
  }),
  {
    key: 'partyKind',
    flag: '--party-kind <类型>',
    label: L.partyKind,
    help: '办理对象类型：企业 或 群众（终端中按名称猜出一个，供确认）',
    question: L.partyKind,
    widget: { kind: 'select', choices: () => PARTY_KINDS.map((k) => ({ value: k, name: k })) },
    check: (raw) => checkPartyKind(raw),
    default: (_, answers) => (typeof answers.party === 'string' ? guessPartyKind(answers.party) : undefined),
    fileKey: ['party', 'kind'],
  },
  {
    key: 'phone',
    flag: '--phone <电话>',
    label: L.phone,
    help: '联系电话：手机、带区号的固定电话（分机写“转 123”）或服务号码',
    question: L.phone,
    widget: { kind: 'text' },
    check: (raw) => checkPhoneAnswer(raw),
    fileKey: ['party', 'phone'],
  },
  text({
    key: 'by',
    flag: '--by <姓名>',
    label: L.by,
    help: '受理人员（默认：配置的经办人，BBCS_OFFICER、git config bbcs.officer 或 user.name）',
    question: L.by,
    default: (context) => context.officer,
    assumed: true,
    when: ownsHistory,
  }),
  {
    key: 'at',
    flag: '--at <时间>',
    label: L.at,
    help: `受理时间，默认现在；写作 ${TIME_FORMS}；不能晚于现在`,
    question: '受理时间（北京时间，如 2026-03-02 09:30）',
    widget: { kind: 'text' },
    check: (raw, context) => checkRegistrationTime(raw, context.now),
    show: (value) => formatChinaMinute((value as { epochMs: number }).epochMs),
    default: (context) => formatChinaMinute(context.now),
    assumed: true,
    when: ownsHistory,
  },
  text({ key: 'title', flag: '--title <名称>', label: L.title, help: L.title, question: L.title, fileKey: ['title'] }),
  text({
    key: 'reason',
    flag: '--reason <原因>',
    label: L.reason,
    help: L.reason,
    question: L.reason,
    fileKey: ['reason'],
  }),
  {
    key: 'scope',
    flag: '--scope <范围>',
    label: L.scope,
    help: '适用范围（第三条）：一 至 六，也可写 1–6',
    question: '适用范围（《管理办法》第三条）',
    widget: {
      kind: 'select',
      choices: () => Object.entries(SCOPES).map(([value, meaning]) => ({ value, name: `（${value}）${meaning}` })),
    },
    check: (raw) => checkScope(raw),
    fileKey: ['scope'],
  },
  {
    key: 'channel',
    flag: '--channel <渠道>',
    label: L.channel,
    help: `来源渠道：${CHANNEL_ORDER.join('、')}；区办收集的事项登记在区办名下`,
    question: L.channel,
    widget: {
      kind: 'select',
      // Only the 区办 collects matters itself.
      choices: (context, answers) =>
        CHANNEL_ORDER.filter((value) => value !== '区办收集' || answers.unit === context.office?.code).map((value) => ({
          value,
          name: value,
          description: CHANNELS[value],
        })),
    },
    check: (raw) => checkChannel(raw),
    default: (context, answers) => (answers.unit === context.office?.code ? '区办收集' : '窗口'),
    fileKey: ['channel'],
  },
  unit({
    key: 'responsibleUnit',
    flag: '--responsible-unit <单位代码>',
    label: L.responsibleUnit,
    help: '责任单位（区办收集的事项必填）',
    question: '责任单位（区办收集的事项由区办指定责任单位反馈）',
    mustChoose: true,
    required: collected,
    asked: collected,
    fileKey: ['responsible_unit'],
  }),
  text({
    key: 'remark',
    flag: '--remark <备注>',
    label: L.remark,
    help: '备注（选填）',
    question: L.remark,
    required: false,
    fileKey: ['remark'],
  }),
  {
    key: 'related',
    flag: '--related <工单编号>',
    label: L.related,
    help: '关联事项（选填），多个用逗号分隔',
    question: L.related,
    widget: { kind: 'text' },
    check: (raw, context) => checkRelated([raw], context.knownIds),
    required: false,
    asked: false,
    fileKey: ['related'],
  },
  yesNo({
    key: 'refuseOnSpot',
    flag: '--refuse-on-spot',
    label: L.refuseOnSpot,
    help: '明显违反法律法规、当场告知不能办理（须同时用 --legal-basis 写明法律依据）',
    negatedHelp: '不是当场告知不能办理的情形（终端中不再询问）',
    question: '明显违反法律法规、当场告知不能办理？',
    default: () => 'false',
    assumed: true,
    when: (answers, context) => !context.importsEvents && !collected(answers),
  }),
  text({
    key: 'legalBasis',
    flag: '--legal-basis <依据>',
    label: L.legalBasis,
    help: '当场告知不能办理的法律依据',
    question: '不能办理的法律依据（法律法规名称及条款）',
    when: (answers) => answers.refuseOnSpot === true,
    whenText: '当场告知不能办理时',
  }),
];

function requireOffice(context: RegisterContext): Unit {
  if (!context.office) throw new UsageError('台账中没有类型为“区办”的单位，无法登记区办收集的事项');
  return context.office;
}

const NOT_ON_SPOT = '区办收集的事项不适用“当场告知不能办理”（--refuse-on-spot）：由区办研判后处理';

/** Rules between the given answers, before any question: what 区办收集 and a legal basis imply. */
export function registrationRules(answers: Answers, context: RegisterContext): void {
  if (collected(answers)) {
    const code = requireOffice(context).code;
    if (answers.unit !== undefined && answers.unit !== code) {
      throw new UsageError(
        `区办收集的事项登记在区办（${code}）名下：--unit 应为 ${code} 或不写，责任单位用 --responsible-unit ${typeof answers.unit === 'string' ? answers.unit : ''} 指定`,
      );
    }
    answers.unit = code;
    if (answers.refuseOnSpot === true) throw new UsageError(NOT_ON_SPOT);
    delete answers.refuseOnSpot;
  }
  if (answers.legalBasis === undefined) return;
  if (answers.refuseOnSpot === false)
    throw new UsageError('--legal-basis 只用于当场告知不能办理的情形，不能与 --no-refuse-on-spot 同用');
  if (answers.refuseOnSpot === undefined && !context.interactive) {
    throw new UsageError(
      '--legal-basis 须与 --refuse-on-spot 一起使用：明显违反法律法规、当场告知不能办理时才写法律依据',
    );
  }
  answers.refuseOnSpot = true;
}

/** What the questions cannot have left wrong, checked once more after them. */
export function registrationComplete(answers: Answers, context: RegisterContext): void {
  if (!collected(answers)) return;
  const code = requireOffice(context).code;
  if (answers.unit !== code)
    throw new UsageError(
      `区办收集的事项登记在区办（${code}）名下，不能登记在 ${typeof answers.unit === 'string' ? answers.unit : ''} 名下`,
    );
  if (answers.refuseOnSpot === true) throw new UsageError(NOT_ON_SPOT);
}
