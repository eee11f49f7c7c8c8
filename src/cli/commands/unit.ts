import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkUnit } from '../../core/checks/unit.js';
import type { Unit } from '../../core/schema/unit.js';
import type { UnitKind } from '../../core/schema/vocabulary.js';
import type { NewUnitContext } from '../../core/unit-answers.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { formatUnit } from '../../io/ledger-format.js';
import { CALENDAR_DIR } from '../../io/ledger-scan.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { fitRow, renderGrid } from '../format/table.js';
import { openLedger } from '../ledger-session.js';
import { configuredOfficer } from '../officer.js';
import type { LedgerOptions } from '../options.js';
import { collect, givenFromOptions } from '../forms/collect.js';
import { UNIT_FIELDS, type UnitField } from '../forms/unit.js';
import { canPrompt, missingFlags, terminalPrompter, type Prompter } from '../prompts.js';
import { commitFileChange, reportSaved } from '../save-change.js';
import { unknownUnitMessage } from '../../core/unit-choice.js';

/**
 * `bbcs unit add|list|show`: the units and their 附件2 “办不成事”工作联系表. The questions of
 * form 2 are asked here once, and `bbcs init` asks them again for the 区办.
 */

/** What a new unit must not clash with. */
export type UnitContext = Omit<NewUnitContext, 'reserved'>;

/**
 * Every answer of form 2 (../forms/unit.ts): from the flags, else asked in a terminal (each
 * answer checked as it is typed), else a usage error naming every missing flag; every wrong flag
 * is named at once, before anything is asked or written. `fixed` answers are the command's own
 * (init's kind is 区办). The unit is checked as validate checks unit.yaml.
 */
export async function collectUnit(
  fields: readonly UnitField[],
  options: Readonly<Record<string, unknown>>,
  context: UnitContext,
  setup: { prompter?: (() => Promise<Prompter>) | undefined; yes?: boolean; fixed?: { kind: UnitKind } } = {},
): Promise<Unit> {
  const a = (await collect(
    fields,
    givenFromOptions(fields, options),
    { ...context, reserved: CALENDAR_DIR },
    {
      prompter: setup.prompter,
      yes: setup.yes,
    },
  )) as Record<string, string>;
  const unit: Unit = {
    code: a.code!,
    name: a.name!,
    kind: (setup.fixed?.kind ?? a.kind) as UnitKind,
    ...(a.principal ? { principal: a.principal } : {}),
    leader: { name: a.leaderName!, title: a.leaderTitle!, phone: a.leaderPhone! },
    lead_section: { name: a.sectionName!, head: a.sectionHead!, phone: a.sectionPhone! },
    contact: { name: a.contactName!, title: a.contactTitle!, phone: a.contactPhone! },
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

interface UnitAddOptions extends LedgerOptions {
  [flag: string]: unknown;
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
  const unit = await collectUnit(UNIT_FIELDS, options, context, { prompter, yes: options.yes === true });
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
