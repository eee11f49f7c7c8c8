import { isSupportedYear, SUPPORTED_YEARS_TEXT } from '../core/calendar/statutory.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Item } from '../core/schema/item.js';
import { loadLedger, type LoadedLedger } from '../io/load-ledger.js';
import { UsageError } from './errors.js';
import { asOf, ledgerRoot, type LedgerOptions } from './options.js';
import { builtInRulesNote, requireSoundRules } from './rules.js';

/**
 * What a reporting command starts from: the ledger, "now", and a warning when the ledger has
 * errors (reports then cover only the valid items, and the officer should know that).
 */
export interface LedgerSession {
  ledger: LoadedLedger;
  asOf: number;
  /** For a command that computes deadlines: the line saying the built-in rules are in force, if they are. */
  rulesNote?: string;
}

export interface SessionNeeds {
  /** The command computes deadlines: it refuses when policy.yaml or a calendar file is broken. */
  deadlines?: boolean;
}

export function openLedger(options: LedgerOptions, needs: SessionNeeds = {}): LedgerSession {
  const root = ledgerRoot(options);
  const now = asOf(options);
  const ledger = loadLedger(root, now);
  if (needs.deadlines) requireSoundRules(ledger.diagnostics, root);
  const errors = ledger.diagnostics.filter((d: Diagnostic) => d.severity === 'error');
  if (errors.length > 0) {
    const files = new Set(errors.map((d) => d.file)).size;
    process.stderr.write(
      `注意：台账中 ${files} 个文件有 ${errors.length} 个错误，这些文件中无效的事项未计入结果；运行 bbcs validate 查看详情。\n`,
    );
  }
  return needs.deadlines && !ledger.policyPresent
    ? { ledger, asOf: now, rulesNote: builtInRulesNote() }
    : { ledger, asOf: now };
}

/**
 * One line telling how the figures' provisional years were worked out and how to make them
 * final: a year bbcs supports gets its calendar file; one outside is counted Monday to Friday.
 */
export function provisionalNote(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  const supported = years.filter(isSupportedYear);
  const outside = years.filter((y) => !isSupportedYear(y));
  const parts = [`※ 标“暂定”的结果涉及 ${years.join('、')} 年。`];
  if (supported.length > 0)
    parts.push(
      `${supported.join('、')} 年的节假日安排尚未收录完整：暂按《全国年节及纪念日放假办法》的法定节假日和周末推算，调休未知，可能变化。国务院办公厅通知发布后，在台账 calendar/${supported[0]}.yaml 中写入该年全部安排并写明 complete: true（格式见 bbcs calendar years）。`,
    );
  if (outside.length > 0)
    parts.push(
      `${outside.join('、')} 年超出 bbcs 支持的年份范围（${SUPPORTED_YEARS_TEXT}），只按周一至周五推算，也不能写日历文件；请核对相关日期是否写错。`,
    );
  return parts.join('');
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
