import {
  checkContactPhone,
  checkNewUnitCode,
  checkNewUnitKind,
  checkNewUnitName,
  CODE_RULE,
  type NewUnitContext,
} from '../../core/unit-answers.js';
import { UNIT_FORM_LABELS as L } from '../../core/schema/labels.js';
import { UNIT_KINDS } from '../../core/schema/vocabulary.js';
import { text } from './fields.js';
import type { Field } from './spec.js';

/**
 * 附件2 “办不成事”工作联系表 as `bbcs unit add` asks it — the unit, then 分管领导, 牵头科室 and
 * 联系人, each with a phone — and as `bbcs init` asks it for the 区办 (its own flags for the code
 * and name, with defaults, and no kind to choose).
 */
export type UnitField = Field<NewUnitContext>;

const phone = (key: string, flag: string, label: string): UnitField => ({
  key,
  flag: `${flag} <电话>`,
  label,
  help: label,
  question: label,
  widget: { kind: 'text' },
  check: (raw) => checkContactPhone(label, raw),
});

const person = (key: string, flag: string, label: string, placeholder: string): UnitField =>
  text({ key, flag: `${flag} <${placeholder}>`, label, help: label, question: label });

const CODE: UnitField = {
  key: 'code',
  flag: '--code <单位代码>',
  label: L.code,
  help: '单位代码：2–20 个英文字母或数字、以字母开头，如 zjj（大写也可，存为小写）',
  question: `${L.code}（${CODE_RULE}）`,
  widget: { kind: 'text' },
  check: (raw, context) => checkNewUnitCode(L.code, raw, context),
};

const NAME: UnitField = {
  key: 'name',
  flag: '--name <单位名称>',
  label: L.name,
  help: '单位名称，如 淮阴区住房和城乡建设局',
  question: L.name,
  widget: { kind: 'text' },
  check: (raw, context) => checkNewUnitName(L.name, raw, context),
};

const KIND: UnitField = {
  key: 'kind',
  flag: '--kind <类型>',
  label: L.kind,
  help: '单位类型：区直单位、镇街 或 区办（台账中只能有一个区办）',
  question: L.kind,
  widget: {
    kind: 'select',
    // No second 区办 is offered.
    choices: (context) =>
      UNIT_KINDS.filter((k) => k !== '区办' || ![...context.units.values()].some((u) => u.kind === '区办')).map(
        (k) => ({ value: k, name: k }),
      ),
  },
  check: (raw, context) => checkNewUnitKind(L.kind, raw, context),
};

/** The people of form 2, in the form's order. */
const CONTACTS: readonly UnitField[] = [
  person('leaderName', '--leader-name', L.leaderName, '姓名'),
  person('leaderTitle', '--leader-title', L.leaderTitle, '职务'),
  phone('leaderPhone', '--leader-phone', L.leaderPhone),
  person('sectionName', '--section-name', L.sectionName, '科室'),
  person('sectionHead', '--section-head', L.sectionHead, '姓名'),
  phone('sectionPhone', '--section-phone', L.sectionPhone),
  person('contactName', '--contact-name', L.contactName, '姓名'),
  person('contactTitle', '--contact-title', L.contactTitle, '职务'),
  phone('contactPhone', '--contact-phone', L.contactPhone),
];

/** Optional: 第五条（三） has the 主要领导 consent to reporting; `report` offers this name first. */
const PRINCIPAL: UnitField = {
  ...person('principal', '--principal', L.principal, '姓名'),
  help: '主要领导姓名（选填）：上报区办（report）时默认由其同意，印在工作联系表上',
  required: false,
};

export const UNIT_FIELDS: readonly UnitField[] = [CODE, NAME, KIND, PRINCIPAL, ...CONTACTS];

export const DEFAULT_OFFICE = { code: 'qbb', name: '区“办不成事”办公室' } as const;

/** The 区办 of a new ledger: its code and name have their own flags and defaults; its kind is 区办. */
export const OFFICE_FIELDS: readonly UnitField[] = [
  {
    ...CODE,
    flag: '--office-code <单位代码>',
    help: `区办的单位代码（默认 ${DEFAULT_OFFICE.code}）`,
    default: () => DEFAULT_OFFICE.code,
    assumed: true,
  },
  {
    ...NAME,
    flag: '--office-name <单位名称>',
    help: `区办的单位名称（默认 ${DEFAULT_OFFICE.name}）`,
    default: () => DEFAULT_OFFICE.name,
    assumed: true,
  },
  PRINCIPAL,
  ...CONTACTS,
];
