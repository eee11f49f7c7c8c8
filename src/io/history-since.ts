import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { compareItemHistory, historyIdOf } from '../core/checks/history-diff.js';
import { commitsTouching, differsFromHead, filesAtRevision, gitRoot, resolveCommit } from './git.js';
import { CALENDAR_DIR, scanLedger, UNIT_FILE, type LedgerFile } from './ledger-scan.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export type HistoryCheck =
  { ok: true; since: string; diagnostics: Diagnostic[]; changed: Set<string> } | { ok: false; problem: string };

/** Whether a ledger-relative path is an item file: `<unit>/<ID>.yaml`. */
function isItemPath(file: string): boolean {
  const parts = file.split('/');
  return (
    parts.length === 2 &&
    parts[0] !== CALENDAR_DIR &&
    !parts[0]!.startsWith('.') &&
    parts[1] !== UNIT_FILE &&
    parts[1]!.endsWith('.yaml') &&
    !parts[1]!.startsWith('.')
  );
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
  if (commit === undefined)
    return {
      ok: false,
      problem: `--since 的值「${rev}」不是仓库中的提交：可写提交哈希、分支名或标签，如 origin/main、HEAD~3`,
    };
  const dir = path.relative(repo, root).split(path.sep).join('/');
  const since = commit.slice(0, 7);

  const beforeBytes = new Map([...filesAtRevision(repo, commit, dir)].filter(([file]) => isItemPath(file)));
  const now = scanLedger(root).files.filter(
    (e): e is LedgerFile & { bytes: Uint8Array } => e.kind === 'item' && e.bytes !== undefined,
  );
  // Files whose bytes differ from REV: what the push brings, to be checked for real.
  const changed = new Set(now.filter((e) => !beforeBytes.get(e.file)?.equals(e.bytes)).map((e) => e.file));
  const sources = new Map<string, YamlSource>();
  const sourceOf = (file: string, bytes: Uint8Array): unknown => {
    const source = parseYamlSource(file, bytes);
    sources.set(file, source);
    return source.value;
  };
  // An unchanged file cannot breach the rule, so only changed files need comparing — unless a
  // file is gone or holds another id now: then where its id went is looked up among all files.
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  for (const e of now) if (changed.has(e.file)) after.set(e.file, sourceOf(e.file, e.bytes));
  let whole = false;
  const present = new Set(now.map((e) => e.file));
  for (const [file, bytes] of beforeBytes) {
    if (!changed.has(file) && present.has(file)) continue;
    const value = parseYamlSource(file, bytes).value;
    before.set(file, value);
    if (!after.has(file) || historyIdOf(file, value) !== historyIdOf(file, after.get(file))) whole = true;
  }
  if (whole) {
    for (const e of now) if (!after.has(e.file)) after.set(e.file, sourceOf(e.file, e.bytes));
    for (const [file, bytes] of beforeBytes)
      if (!before.has(file)) before.set(file, parseYamlSource(file, bytes).value);
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
