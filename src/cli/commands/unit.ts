import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkUnit } from '../../core/checks/unit.js';
import { checkPhone, PHONE_ACCEPTED } from '../../core/phone.js';
import { UNIT_CODE } from '../../core/schema/fields.js';
import type { Unit } from '../../core/schema/unit.js';
import { UNIT_KINDS, type UnitKind } from '../../core/schema/vocabulary.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { formatUnit } from '../../io/ledger-format.js';
import { CALENDAR_DIR } from '../../io/ledger-scan.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { fitRow, renderGrid } from '../format/table.js';
import { openLedger } from '../ledger-session.js';
import { configuredOfficer } from '../officer.js';
import type { LedgerOptions } from '../options.js';
import { canPrompt, missingFlags, terminalPrompter, type Prompter } from '../prompts.js';
import { commitFileChange, reportSaved } from '../save-change.js';
import { unknownUnitMessage } from '../../core/unit-choice.js';

/**
 * `bbcs unit add|list|show`: the units and their 附件2 “办不成事”工作联系表. The questions of
 * form 2 are asked here once, and `bbcs init` asks them again for the 区办.
 */

/** The answers of form 2, as flags give them (commander's camelCase of --leader-name etc.). */
export interface UnitAnswers {
  code?: string;
  name?: string;
  kind?: string;
  principal?: string;
  leaderName?: string;
  leaderTitle?: string;
  leaderPhone?: string;
  sectionName?: string;
  sectionHead?: string;
  sectionPhone?: string;
  contactName?: string;
  contactTitle?: string;
  contactPhone?: string;
}

type Key = keyof UnitAnswers;

interface Question {
  key: Key;
  flag: string;
  label: string;
  check: 'code' | 'name' | 'kind' | 'text' | 'phone';
  /** May be left out: not asked for as a missing flag, and an empty answer skips it. */
  optional?: true;
}

/** Form 2 in its own order: the unit, then 分管领导, 牵头科室, 联系人, each with a phone. */
export const UNIT_QUESTIONS: readonly Question[] = [
  { key: 'code', flag: '--code', label: '单位代码', check: 'code' },
  { key: 'name', flag: '--name', label: '单位名称', check: 'name' },
  { key: 'kind', flag: '--kind', label: '单位类型', check: 'kind' },
  { key: 'principal', flag: '--principal', label: '主要领导姓名', check: 'text', optional: true },
  { key: 'leaderName', flag: '--leader-name', label: '分管领导姓名', check: 'text' },
  { key: 'leaderTitle', flag: '--leader-title', label: '分管领导职务', check: 'text' },
  { key: 'leaderPhone', flag: '--leader-phone', label: '分管领导联系电话', check: 'phone' },
  { key: 'sectionName', flag: '--section-name', label: '牵头科室名称', check: 'text' },
  { key: 'sectionHead', flag: '--section-head', label: '牵头科室负责人', check: 'text' },
  { key: 'sectionPhone', flag: '--section-phone', label: '牵头科室联系电话', check: 'phone' },
  { key: 'contactName', flag: '--contact-name', label: '联系人姓名', check: 'text' },
  { key: 'contactTitle', flag: '--contact-title', label: '联系人职务', check: 'text' },
  { key: 'contactPhone', flag: '--contact-phone', label: '联系人联系电话', check: 'phone' },
];

/** What a new unit must not clash with. */
export interface UnitContext {
  units: ReadonlyMap<string, Unit>;
  /** Folders already in the ledger, whether or not their unit.yaml is valid. */
  folders: ReadonlySet<string>;
}

export const CODE_RULE = '用 2–20 个小写英文字母或数字、以字母开头，通常取单位简称的拼音首字母，如 zjj、wangying';

/** The one sentence that says what is wrong with an answer, or undefined when it is fine. */
export function unitAnswerProblem(question: Question, raw: string, context: UnitContext): string | undefined {
  const value = raw.trim();
  switch (question.check) {
    case 'code': {
      if (!UNIT_CODE.test(value)) return `${question.label}「${raw}」不合法：${CODE_RULE}`;
      if (value === CALENDAR_DIR) return `${question.label}「${value}」是台账中节假日日历目录的名字，不能用作单位代码`;
      const used = context.units.get(value);
      if (used) return `${question.label}「${value}」已被「${used.name}」使用：每个单位的代码必须不同`;
      if (context.folders.has(value))
        return `${question.label}「${value}」不能使用：台账中已有目录 ${value}/（其 unit.yaml 可能有错误，运行 bbcs validate 查看）`;
      return undefined;
    }
    case 'name': {
      if (value === '') return `${question.label}不能为空`;
      const same = [...context.units.values()].find((u) => u.name === value);
      if (same) return `${question.label}「${value}」已被单位 ${same.code} 使用：每个单位的名称必须不同`;
      return undefined;
    }
    case 'kind': {
      if (!(UNIT_KINDS as readonly string[]).includes(value))
        return `${question.label}「${raw}」不合法：可选 ${UNIT_KINDS.join('、')}`;
      const office = [...context.units.values()].find((u) => u.kind === '区办');
      if (value === '区办' && office)
        return `台账中已有区办单位 ${office.code}（${office.name}），只能有一个区办：新单位的类型请选 区直单位 或 镇街`;
      return undefined;
    }
    case 'phone':
      if (value === '') return `${question.label}不能为空：${PHONE_ACCEPTED}`;
      return checkPhone(value).ok ? undefined : `${question.label}「${raw}」不是有效的电话号码：${PHONE_ACCEPTED}`;
    case 'text':
      return value === '' && !question.optional ? `${question.label}不能为空` : undefined;
  }
}

export interface AskUnitSetup {
  /** Flag names that differ from unit add's, e.g. `{ code: '--office-code' }` for init. */
  flags?: Partial<Record<Key, string>>;
  /** Values used, without asking, when no flag gives them. */
  defaults?: Partial<Record<Key, string>>;
  /** Answers fixed by the command, never asked (init's kind is 区办). */
  fixed?: Partial<Record<Key, string>>;
}

/**
 * Every answer of form 2: from the flags, else asked in a terminal (each answer checked as it is
 * typed), else a usage error naming every missing flag. Bad flag values are refused with one
 * sentence, before anything is written.
 */
export async function askUnit(
  given: UnitAnswers,
  context: UnitContext,
  setup: AskUnitSetup = {},
  prompter?: () => Promise<Prompter>,
): Promise<Unit> {
  const flagOf = (q: Question) => setup.flags?.[q.key] ?? q.flag;
  const answers: UnitAnswers = {};
  for (const q of UNIT_QUESTIONS) {
    // In a terminal a default is offered as the prompt's answer; elsewhere it is taken as is.
    const value = setup.fixed?.[q.key] ?? given[q.key] ?? (prompter ? undefined : setup.defaults?.[q.key]);
    if (value !== undefined) answers[q.key] = value;
  }
  const missing = UNIT_QUESTIONS.filter((q) => answers[q.key] === undefined && !(q.optional && !prompter));
  if (missing.length > 0 && !prompter) throw missingFlags(missing.map(flagOf));
  for (const q of UNIT_QUESTIONS) {
    const value = answers[q.key];
    if (value === undefined) continue;
    const labelled = given[q.key] !== undefined ? { ...q, label: `${q.label}（${flagOf(q)}）` } : q;
    const problem = unitAnswerProblem(labelled, value, context);
    if (problem) throw new UsageError(problem);
  }
  if (missing.length > 0 && prompter) {
    const ask = await prompter();
    for (const q of missing) {
      const validate = (value: string) => unitAnswerProblem(q, value, context) ?? true;
      if (q.check === 'kind') {
        const office = [...context.units.values()].some((u) => u.kind === '区办');
        const kinds = UNIT_KINDS.filter((k) => !(k === '区办' && office));
        answers[q.key] = await ask.select<UnitKind>(
          `${q.label}：`,
          kinds.map((k) => ({ value: k, name: k })),
        );
      } else {
        const hint = q.check === 'code' ? `（${CODE_RULE}）` : q.optional ? '（选填，直接回车跳过）' : '';
        const offered = setup.defaults?.[q.key];
        answers[q.key] = await ask.input(`${q.label}${hint}：`, {
          validate,
          ...(offered !== undefined ? { default: offered } : {}),
        });
      }
    }
  }
  const a = Object.fromEntries(
    Object.entries(answers).map(([k, v]) => [k, (v as string).trim()]),
  ) as Required<UnitAnswers>;
  const unit: Unit = {
    code: a.code,
    name: a.name,
    kind: a.kind as UnitKind,
    ...(a.principal ? { principal: a.principal } : {}),
    leader: { name: a.leaderName, title: a.leaderTitle, phone: a.leaderPhone },
    lead_section: { name: a.sectionName, head: a.sectionHead, phone: a.sectionPhone },
    contact: { name: a.contactName, title: a.contactTitle, phone: a.contactPhone },
  };
  // The same check validate runs on unit.yaml: what bbcs writes, validate accepts.
  const checked = checkUnit(unit, { file: `${unit.code}/unit.yaml`, folder: unit.code, stem: 'unit' });
  const first = checked.diagnostics[0];
  if (first) throw new UsageError(`${first.message}：${first.hint}`);
  return unit;
}

/** Form 2 as the paper shows it: the unit's name, then three rows of role, title, phone. */
export function unitFormText(unit: Unit): string {
  const widths = [24, 24, 22];
  const rows = [
    ['分管领导', '职务', '联系电话'],
    [unit.leader.name, unit.leader.title, unit.leader.phone],
    ['牵头科室', '负责人', '联系电话'],
    [unit.lead_section.name, unit.lead_section.head, unit.lead_section.phone],
    ['联系人', '职务', '联系电话'],
    [unit.contact.name, unit.contact.title, unit.contact.phone],
  ];
  const table = renderGrid(
    rows.map((row) => fitRow(row, widths)),
    { colWidths: widths },
  );
  return [
    '“办不成事”工作联系表（附件2）',
    `单位名称：${unit.name}`,
    `单位代码：${unit.code}    单位类型：${unit.kind}`,
    ...(unit.principal ? [`主要领导：${unit.principal}`] : []),
    table,
  ].join('\n');
}

/** Who signs the commit: --by, else the configured officer, else asked, else a usage error. */
export async function resolveOfficer(
  by: string | undefined,
  dir: string,
  commit: boolean,
  prompter?: () => Promise<Prompter>,
): Promise<string> {
  const given = by?.trim() || configuredOfficer(dir);
  if (given) return given;
  if (!commit) return '';
  if (!prompter) throw missingFlags(['--by']);
  const ask = await prompter();
  return (
    await ask.input('经办人姓名（作为 Git 提交人）：', {
      validate: (v) => (v.trim() === '' ? '经办人姓名不能为空' : true),
    })
  ).trim();
}

/** The folders of the ledger root: unit codes in use, even where a unit.yaml is broken. */
export function ledgerFolders(root: string): Set<string> {
  if (!existsSync(root)) return new Set();
  return new Set(
    readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name),
  );
}

interface UnitAddOptions extends LedgerOptions, UnitAnswers {
  by?: string;
  commit?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function runUnitAdd(options: UnitAddOptions): Promise<number> {
  const { ledger } = openLedger(options);
  const root = ledger.root;
  const context: UnitContext = { units: ledger.units, folders: ledgerFolders(root) };
  const prompter = canPrompt() ? terminalPrompter : undefined;
  const commit = options.commit !== false;
  const unit = await askUnit(options, context, {}, prompter);
  const officer = await resolveOfficer(options.by, root, commit, prompter);
  if (prompter && !options.yes) {
    process.stdout.write(`\n${unitFormText(unit)}\n\n`);
    const ask = await prompter();
    if (!(await ask.confirm('确认新增这个单位？'))) {
      process.stdout.write('没有写入任何内容。\n');
      return EXIT_OK;
    }
  }
  const dir = path.join(root, unit.code);
  const file = path.join(dir, 'unit.yaml');
  mkdirSync(dir);
  try {
    writeFileAtomic(file, formatUnit(unit));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const committed = commit
    ? commitFileChange({
        files: [file],
        step: 'unit-add',
        title: `${unit.code}（${unit.name}）新增单位`,
        summary: `新增${unit.kind}「${unit.name}」（${unit.code}），联系人 ${unit.contact.name}（${unit.contact.title}）。`,
        trailers: { 'Bbcs-Unit': unit.code },
        officer,
      })
    : {};
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ unit, file: path.relative(process.cwd(), file) || file, commit: committed.commit ?? null, warning: committed.warning ?? null }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  process.stdout.write(`已新增单位 ${unit.code}（${unit.name}）。\n`);
  reportSaved({ file, ...committed });
  return EXIT_OK;
}

const UNIT_LIST_WIDTHS = [12, 30, 12, 34, 8];

const KIND_ORDER: Record<UnitKind, number> = { 区办: 0, 区直单位: 1, 镇街: 2 };

function unknownUnit(code: string, units: ReadonlyMap<string, Unit>, folders: ReadonlySet<string>): UsageError {
  if (folders.has(code))
    return new UsageError(`单位 ${code} 的 unit.yaml 有错误或缺失，无法显示；运行 bbcs validate 查看问题`);
  return new UsageError(unknownUnitMessage(code, units.values()));
}

export function runUnitList(options: LedgerOptions & { json?: boolean }): number {
  const { ledger } = openLedger(options);
  const counts = new Map<string, number>();
  for (const { item } of ledger.items.values()) counts.set(item.unit, (counts.get(item.unit) ?? 0) + 1);
  const units = [...ledger.units.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.code < b.code ? -1 : 1),
  );
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ count: units.length, units: units.map((u) => ({ ...u, items: counts.get(u.code) ?? 0 })) }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  if (units.length === 0) {
    process.stdout.write('台账中还没有单位；用 bbcs unit add 新增。\n');
    return EXIT_OK;
  }
  const rows = units.map((u) =>
    fitRow(
      [
        u.code,
        u.name,
        u.kind,
        `${u.contact.name}（${u.contact.title}）${u.contact.phone}`,
        String(counts.get(u.code) ?? 0),
      ],
      UNIT_LIST_WIDTHS,
    ),
  );
  const table = renderGrid(rows, {
    head: ['单位代码', '单位名称', '单位类型', '联系人', '事项数'],
    colWidths: UNIT_LIST_WIDTHS,
  });
  process.stdout.write(`${table}\n共 ${units.length} 个单位。\n`);
  return EXIT_OK;
}

export function runUnitShow(code: string, options: LedgerOptions & { json?: boolean }): number {
  const { ledger } = openLedger(options);
  const wanted = code.trim().toLowerCase();
  const unit = ledger.units.get(wanted) ?? [...ledger.units.values()].find((u) => u.name === code.trim());
  if (!unit) throw unknownUnit(wanted, ledger.units, ledgerFolders(ledger.root));
  const items = [...ledger.items.values()].filter((e) => e.item.unit === unit.code).length;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ unit, file: `${unit.code}/unit.yaml`, items }, null, 2)}\n`);
    return EXIT_OK;
  }
  process.stdout.write(`${unitFormText(unit)}\n登记的事项：${items} 件（bbcs list --unit ${unit.code} 查看）\n`);
  return EXIT_OK;
}
