import type { Diagnostic } from '../core/diagnostics.js';
import type { Item } from '../core/schema/item.js';
import { loadLedger, type LoadedLedger } from '../io/load-ledger.js';
import { UsageError } from './errors.js';
import { asOf, ledgerRoot, type LedgerOptions } from './options.js';

/**
 * What a reporting command starts from: the ledger, "now", and a warning when the ledger has
 * errors (reports then cover only the valid items, and the officer should know that).
 */
export interface LedgerSession {
  ledger: LoadedLedger;
  asOf: number;
}

export function openLedger(options: LedgerOptions): LedgerSession {
  const root = ledgerRoot(options);
  const now = asOf(options);
  const ledger = loadLedger(root, now);
  const errors = ledger.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  if (errors.length > 0) {
    const files = new Set(errors.map((d) => d.file)).size;
    process.stderr.write(
      `注意：台账中 ${files} 个文件有 ${errors.length} 个错误，这些文件中无效的事项未计入结果；运行 bbcs validate 查看详情。\n`,
    );
  }
  return { ledger, asOf: now };
}

/** One line telling how to add a year the figures depend on but the calendar lacks. */
export function provisionalNote(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  const list = years.join('、');
  return `※ 标“暂定”的期限涉及 ${list} 年，该年的节假日安排尚未收录，暂按周一至周五推算，可能变化。国务院办公厅通知发布后，在台账 calendar/${years[0]}.yaml 中写入该年安排即可（格式见 bbcs calendar years）。`;
}

/**
 * The item with this id (case-insensitive), valid enough to act on. An item whose file has
 * errors is refused: acting on it would build on a broken record.
 */
export function requireItem(ledger: LoadedLedger, id: string): { file: string; item: Item } {
  const key = ledger.items.has(id) ? id : [...ledger.items.keys()].find((k) => k.toLowerCase() === id.toLowerCase());
  const entry = key === undefined ? undefined : ledger.items.get(key);
  if (entry) return entry;
  const broken = ledger.diagnostics.find(
    (d) => d.severity === 'error' && d.file.toLowerCase().endsWith(`/${id.toLowerCase()}.yaml`),
  );
  if (broken)
    throw new UsageError(
      `事项 ${id} 的文件有错误（${broken.file}:${broken.line ?? 1}：${broken.message}），请先修正；运行 bbcs validate 查看全部问题`,
    );
  throw new UsageError(`找不到工单编号为「${id}」的事项；用 bbcs list 查看台账中的事项`);
}
