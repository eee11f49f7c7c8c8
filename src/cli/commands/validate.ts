import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../../core/diagnostics.js';
import { formatChinaTimestamp } from '../../core/time.js';
import { checkHistorySince } from '../../io/history-since.js';
import { loadLedger } from '../../io/load-ledger.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { formatGithub, formatText, toJson, type FormatContext } from '../format/diagnostics.js';
import { asOf, ledgerRoot, type LedgerOptions } from '../options.js';

interface ValidateOptions extends LedgerOptions {
  json?: boolean;
  format?: string;
  since?: string;
}

const FORMATS = ['text', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];

function chooseFormat(options: ValidateOptions): Format {
  if (options.json) return 'json';
  const format = options.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format 的值「${format}」不支持：可选 text、json、github`);
  }
  return format as Format;
}

/** Ledger-relative prefixes of the paths the user named, to report only their problems. */
function selection(paths: readonly string[], root: string): string[] | undefined {
  if (paths.length === 0) return undefined;
  return paths.map((p) => {
    const abs = path.resolve(p);
    if (!existsSync(abs)) throw new UsageError(`路径 ${p} 不存在`);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UsageError(`路径 ${p} 不在台账目录 ${root} 之内`);
    return rel;
  });
}

function selected(d: Diagnostic, prefixes: string[] | undefined): boolean {
  return prefixes === undefined || prefixes.some((p) => p === '' || d.file === p || d.file.startsWith(`${p}/`));
}

export function runValidate(paths: string[], options: ValidateOptions): number {
  const format = chooseFormat(options);
  const root = ledgerRoot(options);
  const now = asOf(options);
  const prefixes = selection(paths, root);
  const history: Diagnostic[] = [];
  let fresh: Set<string> | undefined;
  if (options.since !== undefined) {
    if (options.since.trim() === '')
      throw new UsageError('--since（比较的版本）不能为空：可写提交哈希、分支名或标签，如 origin/main');
    const check = checkHistorySince(root, options.since.trim());
    if (!check.ok) throw new UsageError(check.problem);
    history.push(...check.diagnostics);
    fresh = check.changed;
  }
  // What a push brings is checked for real, never taken from the cache.
  const ledger = loadLedger(root, now, fresh ? { fresh } : {});
  const all = [...ledger.diagnostics, ...history];
  const diagnostics = all.filter((d) => selected(d, prefixes));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const ctx: FormatContext = { root, cwd: process.cwd() };
  const out = process.stdout;

  if (format === 'json') {
    out.write(
      `${JSON.stringify({ ok: errors === 0, ledger: root, asOf: formatChinaTimestamp(now), units: ledger.units.size, items: ledger.items.size, errors, warnings, diagnostics: diagnostics.map((d) => toJson(d, ctx)) }, null, 2)}\n`,
    );
    return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  if (format === 'github' || process.env.GITHUB_ACTIONS === 'true') {
    for (const d of diagnostics) out.write(`${formatGithub(d, ctx)}\n`);
  }
  if (format === 'text') {
    for (const d of diagnostics) out.write(`${formatText(d, ctx)}\n\n`);
  }
  const scope = `${ledger.units.size} 个单位、${ledger.items.size} 个有效事项`;
  if (errors === 0 && warnings === 0) {
    out.write(`台账检查通过：${scope}，没有发现问题。\n`);
  } else {
    out.write(`台账检查${errors > 0 ? '未通过' : '通过'}：${errors} 个错误，${warnings} 个警告（${scope}）。\n`);
  }
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
