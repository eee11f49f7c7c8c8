import path from 'node:path';
import type { Diagnostic } from '../../core/diagnostics.js';
import { charWidth, printable } from './width.js';

/** How a diagnostic is shown: for people, for programs, and for GitHub's annotations. */

const SEVERITY_ZH = { error: '错误', warning: '警告' } as const;

export interface FormatContext {
  /** The ledger root, to turn ledger-relative paths into paths the user can open. */
  root: string;
  cwd: string;
}

export function displayPath(d: Diagnostic, ctx: FormatContext): string {
  return path.relative(ctx.cwd, path.join(ctx.root, d.file)).split(path.sep).join('/');
}

function position(d: Diagnostic): string {
  return `${d.line ?? 1}:${d.column ?? 1}`;
}

/**
 * The source line as a terminal can show it: a file's stray control characters (often the very
 * problem reported) would otherwise act on the screen. Tabs stay, as the caret line keeps them;
 * the carriage return of a Windows line end goes; any other control or direction character shows as �.
 */
function shownExcerpt(excerpt: string): string {
  return excerpt
    .replace(/\r$/, '')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

export function formatText(d: Diagnostic, ctx: FormatContext): string {
  // The message and hint quote values from the file: shown as printable() shows ledger text.
  const lines = [
    `${displayPath(d, ctx)}:${position(d)}: ${SEVERITY_ZH[d.severity]}: ${printable(d.message)} [${d.code}]`,
  ];
  if (d.excerpt !== undefined && d.line !== undefined) {
    const gutter = String(d.line).length;
    const shown = shownExcerpt(d.excerpt);
    lines.push(`  ${d.line} | ${shown}`);
    // Wide characters take two columns on a terminal, and a tab goes to the same stop in both
    // lines: pad with them so the caret lands under the text.
    const before = [...shown.slice(0, Math.max(0, (d.column ?? 1) - 1))]
      .map((ch) => (ch === '\t' ? '\t' : ' '.repeat(charWidth(ch))))
      .join('');
    lines.push(`  ${' '.repeat(gutter)} | ${before}^`);
  }
  lines.push(`  提示：${printable(d.hint)}`);
  return lines.join('\n');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A workflow command that GitHub Actions shows as an annotation on the file's line. */
export function formatGithub(d: Diagnostic, ctx: FormatContext): string {
  const kind = d.severity === 'error' ? 'error' : 'warning';
  const props = [
    `file=${escapeProperty(displayPath(d, ctx))}`,
    `line=${d.line ?? 1}`,
    `col=${d.column ?? 1}`,
    `title=${escapeProperty(`bbcs ${d.code}`)}`,
  ];
  return `::${kind} ${props.join(',')}::${escapeData(`${d.message}。提示：${d.hint}`)}`;
}

export function toJson(d: Diagnostic, ctx: FormatContext): Record<string, unknown> {
  return {
    file: displayPath(d, ctx),
    ledgerFile: d.file,
    line: d.line ?? 1,
    column: d.column ?? 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint,
    fieldPath: d.path,
    excerpt: d.excerpt ?? null,
  };
}
