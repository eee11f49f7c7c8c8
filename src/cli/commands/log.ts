import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCommitMessage } from '../../core/reports/log.js';
import { ITEM_ID } from '../../core/schema/fields.js';
import { formatChinaMinute, formatChinaTimestamp, parseTimestamp } from '../../core/time.js';
import { fileLog, gitRoot, GitError, hasUncommittedChanges, type LogEntry } from '../../io/git.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { fitRow, renderGrid } from '../format/table.js';
import { ledgerRoot, type LedgerOptions } from '../options.js';

interface LogOptions extends LedgerOptions {
  json?: boolean;
}

/**
 * The item's file: `<unit>/<ID>.yaml`, where the unit is the id's prefix; if it is not there
 * (a renumbered or misplaced file), any unit folder holding a file of that name.
 */
function findItemFile(root: string, id: string): string | undefined {
  const expected = path.join(root, id.split('-')[0]!.toLowerCase(), `${id}.yaml`);
  if (existsSync(expected)) return expected;
  const wanted = `${id}.yaml`.toLowerCase();
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name.startsWith('.')) continue;
    const dir = path.join(root, folder.name);
    const hit = readdirSync(dir).find((name) => name.toLowerCase() === wanted);
    if (hit) return path.join(dir, hit);
  }
  return undefined;
}

interface Change {
  hash: string;
  at: string;
  author: string;
  email: string;
  bbcs: boolean;
  step: string | null;
  stepName: string | null;
  officer: string | null;
  summary: string;
  subject: string;
}

function change(entry: LogEntry): Change {
  const parsed = parseCommitMessage(entry.subject, entry.body);
  const time = parseTimestamp(entry.date);
  return {
    hash: entry.hash,
    at: time.ok ? formatChinaTimestamp(time.epochMs) : entry.date,
    author: entry.author,
    email: entry.email,
    bbcs: parsed.bbcs,
    step: parsed.step ?? null,
    stepName: parsed.stepName ?? null,
    officer: parsed.officer ?? null,
    summary: parsed.summary,
    subject: entry.subject,
  };
}

const minute = (at: string) => {
  const parsed = parseTimestamp(at);
  return parsed.ok ? formatChinaMinute(parsed.epochMs) : at;
};

const LOG_WIDTHS = [18, 16, 26, 44, 10];

export function runLog(id: string, options: LogOptions): number {
  const root = ledgerRoot(options);
  const wanted = id.trim().toUpperCase();
  if (!ITEM_ID.test(wanted)) {
    throw new UsageError(`工单编号「${id}」格式不对：应由单位代码大写、年份和序号组成，如 ZJJ-2026-0007`);
  }
  const repo = gitRoot(root);
  if (!repo) {
    throw new UsageError(
      `台账 ${root} 不在 Git 仓库中，没有修改记录可查：bbcs log 从 Git 历史中读出谁在何时修改了事项，请在台账所在的 Git 仓库中使用`,
    );
  }
  const file = findItemFile(root, wanted) ?? path.join(root, wanted.split('-')[0]!.toLowerCase(), `${wanted}.yaml`);
  let entries: LogEntry[];
  try {
    entries = fileLog(repo, file);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`无法读取 ${wanted} 的 Git 记录：${error.message}`);
    throw error;
  }
  const onDisk = existsSync(file);
  if (!onDisk && entries.length === 0) {
    throw new UsageError(`找不到工单编号为「${wanted}」的事项；用 bbcs list 查看台账中的事项`);
  }
  const pending = onDisk && hasUncommittedChanges(repo, file);
  const changes = entries.map(change).reverse();
  const relative = path.relative(repo, file).split(path.sep).join('/');

  if (options.json) {
    process.stdout.write(`${JSON.stringify({ id: wanted, file: relative, uncommitted: pending, changes }, null, 2)}\n`);
    return EXIT_OK;
  }
  const out = process.stdout;
  if (changes.length === 0) {
    out.write(`${wanted}（${relative}）还没有提交到 Git，没有修改记录。\n`);
  } else {
    out.write(`${wanted} 的修改记录（${relative}，来自 Git，按提交先后，共 ${changes.length} 次提交）：\n`);
    const rows = changes.map((c) => {
      const who = c.officer && c.officer !== c.author ? `${c.author}（经办人 ${c.officer}）` : c.author;
      const step = c.bbcs ? [c.stepName, c.step].filter(Boolean).join(' ') || '（bbcs）' : '（非 bbcs 提交）';
      return fitRow([minute(c.at), who, step, c.summary, c.hash.slice(0, 8)], LOG_WIDTHS);
    });
    const table = renderGrid(rows, {
      head: ['时间（北京时间）', '提交人', '步骤', '说明', '提交'],
      colWidths: LOG_WIDTHS,
    });
    out.write(`${table}\n`);
  }
  if (pending && changes.length > 0) out.write('注意：工作区中的这个文件有尚未提交的修改，以上记录不包括这些修改。\n');
  return EXIT_OK;
}
