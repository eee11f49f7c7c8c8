import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { dataRows, findHeader, unitNameAbove, type HeaderFound } from '../../core/import/table.js';
import { importRow, type ImportedRow } from '../../core/import/items.js';
import { checkCandidate } from '../../core/workflow/append.js';
import type { Item } from '../../core/schema/item.js';
import {
  CHANNELS,
  PARTY_KINDS,
  SCOPES,
  type Channel,
  type PartyKind,
  type Scope,
} from '../../core/schema/vocabulary.js';
import { formatChinaMinute, parseTimestamp } from '../../core/time.js';
import { idYear } from '../../core/ids.js';
import { nextFreeIds, usedItemIds } from '../../io/ids.js';
import { commitFiles, gitRoot } from '../../io/git.js';
import { itemExists, writeItem } from '../../io/item-store.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { renderGrid } from '../format/table.js';
import { openLedger } from '../ledger-session.js';
import { authorFor, configuredOfficer } from '../officer.js';
import type { LedgerOptions } from '../options.js';
import { canPrompt, terminalPrompter } from '../prompts.js';
import { unitsListed, unknownUnitMessage } from '../../core/unit-choice.js';

interface ImportOptions extends LedgerOptions {
  unit?: string;
  scope?: string;
  channel?: string;
  partyKind?: string;
  by?: string;
  yes?: boolean;
  dryRun?: boolean;
  commit?: boolean;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} 的值「${value}」不合法：可选 ${allowed.join('、')}`);
  return value as T;
}

export async function runImport(file: string, options: ImportOptions): Promise<number> {
  const scope = choice<Scope>(options.scope, Object.keys(SCOPES) as Scope[], '--scope', '一');
  const channel = choice<Channel>(options.channel, Object.keys(CHANNELS) as Channel[], '--channel', '窗口');
  const partyKind =
    options.partyKind === undefined
      ? undefined
      : choice<PartyKind>(options.partyKind, PARTY_KINDS, '--party-kind', '群众');
  if (!existsSync(file)) throw new UsageError(`文件 ${file} 不存在`);
  const { ledger, asOf } = openLedger(options);

  const { readGrids } = await import('../../io/excel/read-grid.js');
  let sheets;
  try {
    sheets = await readGrids(file);
  } catch {
    throw new UsageError(
      `无法读取 ${file}：请确认它是 Excel 2007 及以后的 .xlsx 文件（.xls 请先用 Excel 或 WPS 另存为 .xlsx）`,
    );
  }
  const found = sheets
    .map((s) => ({ ...s, header: findHeader(s.grid) }))
    .filter((s): s is typeof s & { header: HeaderFound } => 'columns' in s.header);
  if (found.length === 0) {
    const missing = sheets.map((s) => findHeader(s.grid)).find((h) => 'missing' in h);
    throw new UsageError(
      `在 ${path.basename(file)} 中找不到台账表头：需要的列 ${missing && 'missing' in missing ? missing.missing.join('、') : ''} 没有找到（表头须在前 30 行内）`,
    );
  }

  const unit = resolveUnit(
    options.unit,
    found.map((s) => unitNameAbove(s.grid, s.header.row)),
    ledger.units,
  );
  const choices = { unit, scope, channel, source: path.basename(file), now: asOf, ...(partyKind ? { partyKind } : {}) };
  const rows: (ImportedRow & { sheet: string })[] = found.flatMap((s) =>
    dataRows(s.grid, s.header).map((raw) => ({ ...importRow(raw, choices), sheet: s.name })),
  );
  if (rows.length === 0) throw new UsageError(`${path.basename(file)} 的表头下没有数据行`);

  const used = usedItemIds(ledger.root);
  const seen = new Map<string, number>();
  for (const row of rows) {
    const id = row.item?.id;
    if (id === undefined) continue;
    if (used.has(id)) row.problems.push(`工单编号 ${id} 在台账中已存在（或曾经使用过）`);
    else if (seen.has(id)) row.problems.push(`工单编号 ${id} 与第 ${seen.get(id)} 行重复`);
    seen.set(id, row.row);
  }
  const items = assignIds(rows, ledger.root, unit);
  for (const row of rows) {
    const item = items.get(row);
    const invalid = item && checkCandidate(item, { units: ledger.units, asOf });
    if (invalid) row.problems.push(...invalid.problems.map((p) => p.message));
  }

  const bad = rows.filter((r) => r.problems.length > 0);
  const label = (r: { sheet: string; row: number }) =>
    found.length > 1 ? `工作表「${r.sheet}」第 ${r.row} 行` : `第 ${r.row} 行`;
  if (bad.length > 0) {
    for (const r of bad) process.stderr.write(`${label(r)}：${r.problems.join('；')}\n`);
    process.stderr.write(`${bad.length} 行有问题，没有导入任何事项（共 ${rows.length} 行）。改正后重新导入。\n`);
    return EXIT_FINDINGS;
  }

  printPreview(
    rows.map((r) => ({ row: r, item: items.get(r)! })),
    unit,
  );
  if (options.dryRun) {
    process.stdout.write(`试运行：以上 ${rows.length} 个事项可以导入，未写入任何内容。\n`);
    return EXIT_OK;
  }
  if (!options.yes) {
    if (!canPrompt()) throw new UsageError('导入前需要确认：检查以上预览后加 --yes 重新运行');
    const ok = await (await terminalPrompter()).confirm(`导入以上 ${rows.length} 个事项到 ${unit}？`, true);
    if (!ok) {
      process.stdout.write('未导入。\n');
      return EXIT_OK;
    }
  }
  const written = writeAll([...items.values()], ledger.root);
  const repo = options.commit === false ? undefined : gitRoot(ledger.root);
  let commit = '';
  if (repo) {
    const officer = options.by ?? configuredOfficer(repo) ?? '导入';
    commit = commitFiles(
      repo,
      written,
      importMessage(rows.length, unit, path.basename(file), officer),
      authorFor(repo, officer),
    ).slice(0, 8);
  } else if (options.commit !== false) {
    process.stderr.write('注意：台账不在 Git 仓库中：文件已写入，但没有提交。\n');
  }
  process.stdout.write(`已导入 ${written.length} 个事项${commit ? `，已提交 ${commit}` : ''}。\n`);
  return EXIT_OK;
}

function resolveUnit(
  flag: string | undefined,
  namesAbove: (string | undefined)[],
  units: ReadonlyMap<string, { code: string; name: string; kind: string }>,
): string {
  if (flag !== undefined) {
    if (!units.has(flag)) throw new UsageError(unknownUnitMessage(flag, units.values()));
    return flag;
  }
  for (const name of namesAbove) {
    const unit = [...units.values()].find((u) => name !== undefined && (u.name === name || u.code === name));
    if (unit) return unit.code;
  }
  throw new UsageError(`无法从表格判断登记单位：请用 --unit 指定（台账中的单位：${unitsListed(units.values())}）`);
}

function assignIds(rows: ImportedRow[], root: string, unit: string): Map<ImportedRow, Item> {
  const items = new Map<ImportedRow, Item>();
  const taken = new Set(rows.flatMap((r) => (r.item?.id ? [r.item.id] : [])));
  for (const row of rows) {
    if (!row.item || row.problems.length > 0) continue;
    let id = row.item.id;
    if (id === undefined) {
      const at = parseTimestamp(row.item.events[0]!.at);
      id = nextFreeIds(root, unit, at.ok ? idYear(at.epochMs) : 2026, 1, taken)[0]!;
      taken.add(id);
    }
    items.set(row, { ...row.item, id });
  }
  return items;
}

function printPreview(entries: { row: ImportedRow; item: Item }[], unit: string): void {
  const rows = entries.map(({ row, item }) => {
    const at = parseTimestamp(item.events[0]!.at);
    return [
      row.row,
      item.id,
      `${item.party.name}（${item.party.kind}）`,
      item.party.phone,
      item.title,
      item.events[0]!.by,
      at.ok ? formatChinaMinute(at.epochMs) : '',
    ];
  });
  const table = renderGrid(rows, {
    head: ['行', '工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间'],
    wordWrap: true,
    colWidths: [6, 18, 20, 16, 30, 8, 18],
  });
  process.stdout.write(`将导入到 ${unit}：\n${table}\n`);
}

/** Writes every item or none: a failure part-way removes what this import already wrote. */
function writeAll(items: Item[], root: string): string[] {
  const written: string[] = [];
  try {
    for (const item of items) {
      if (itemExists(root, item.unit, item.id))
        throw new UsageError(`文件 ${item.unit}/${item.id}.yaml 已存在，导入中止`);
      written.push(writeItem(root, item));
    }
    return written;
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    throw error;
  }
}

function importMessage(count: number, unit: string, source: string, officer: string): string {
  return [
    `bbcs: import ${count} 个事项（${unit}）导入`,
    '',
    `从 ${source} 导入 ${count} 个事项。`,
    '',
    'Bbcs-Step: import',
    `Bbcs-Unit: ${unit}`,
    `Bbcs-Officer: ${officer}`,
  ].join('\n');
}
