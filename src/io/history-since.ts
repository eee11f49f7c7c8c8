import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { compareItemHistory } from '../core/checks/history-diff.js';
import { commitsTouching, differsFromHead, filesAtRevision, gitRoot, resolveCommit } from './git.js';
import { CALENDAR_DIR, scanLedger, UNIT_FILE } from './ledger-scan.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export type HistoryCheck =
  | { ok: true; since: string; diagnostics: Diagnostic[]; changed: Set<string> }
  | { ok: false; problem: string };

/** Whether a ledger-relative path is an item file: `<unit>/<ID>.yaml`. */
function isItemPath(file: string): boolean {
  const parts = file.split('/');
  return parts.length === 2 && parts[0] !== CALENDAR_DIR && !parts[0]!.startsWith('.') && parts[1] !== UNIT_FILE && parts[1]!.endsWith('.yaml') && !parts[1]!.startsWith('.');
}

/**
 * `bbcs validate --since REV`: the ledger's item files at REV against the work tree, so CI proves
 * that a push only appended. Messages name the commits of REV..HEAD that touched the file, or
 * the uncommitted work tree.
 */
export function checkHistorySince(root: string, rev: string): HistoryCheck {
  const repo = gitRoot(root);
  if (repo === undefined) return { ok: false, problem: `台账目录 ${root} 不在 Git 仓库中，无法与历史版本比较` };
  const commit = resolveCommit(repo, rev);
  if (commit === undefined) return { ok: false, problem: `--since 的值「${rev}」不是仓库中的提交：可写提交哈希、分支名或标签，如 origin/main、HEAD~3` };
  const dir = path.relative(repo, root).split(path.sep).join('/');
  const since = commit.slice(0, 7);

  const before = new Map<string, unknown>();
  const beforeBytes = filesAtRevision(repo, commit, dir);
  for (const [file, bytes] of beforeBytes) {
    if (isItemPath(file)) before.set(file, parseYamlSource(file, bytes).value);
  }
  // Files whose bytes differ from REV: what the push brings, to be checked for real.
  const changed = new Set<string>();
  const after = new Map<string, unknown>();
  const sources = new Map<string, YamlSource>();
  for (const entry of scanLedger(root).files) {
    if (entry.kind !== 'item' || !entry.bytes) continue;
    const source = parseYamlSource(entry.file, entry.bytes);
    if (!beforeBytes.get(entry.file)?.equals(entry.bytes)) changed.add(entry.file);
    sources.set(entry.file, source);
    after.set(entry.file, source.value);
  }
  const repoPath = (file: string) => (dir === '' ? file : `${dir}/${file}`);
  const changedIn = (files: readonly string[]): string => {
    const paths = files.map(repoPath);
    const commits = commitsTouching(repo, commit, paths);
    const parts = commits.map((c) => `提交 ${c.hash}「${c.subject}」`);
    if (differsFromHead(repo, paths)) parts.push('工作区中尚未提交的修改');
    return parts.length > 0 ? `见${parts.join('、')}` : `${since}..HEAD 之间`;
  };
  const diagnostics = compareItemHistory({ before, after, since, changedIn, repoPrefix: dir === '' ? '' : `${dir}/` })
    .map((d) => sources.get(d.file)?.locate(d) ?? d)
    .sort(compareDiagnostics);
  return { ok: true, since, diagnostics, changed };
}
