import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Git is the audit trail: every step is one commit of one item file, authored by the officer.
 * This module is the only place that runs git.
 */

export class GitError extends Error {}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) throw new GitError(`无法运行 git：${result.error.message}`);
  if (result.status !== 0) throw new GitError(result.stderr.trim() || `git ${args[0]} 失败（退出码 ${result.status}）`);
  return result.stdout;
}

/** The top of the work tree that contains `dir`, or undefined outside a repository (or without git). */
export function gitRoot(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function gitConfig(dir: string, key: string): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return value === '' ? undefined : value;
  } catch {
    return undefined;
  }
}

export interface Person {
  name: string;
  email: string;
}

/**
 * Commits exactly `files` (added if new), whatever else is staged or changed in the work tree:
 * `git commit --only` leaves other staged changes staged and uncommitted.
 */
export function commitFiles(repoRoot: string, files: readonly string[], message: string, author: Person): string {
  const relative = files.map((f) => path.relative(repoRoot, f));
  git(repoRoot, ['add', '--', ...relative]);
  // Without a configured identity git refuses to commit; the officer is then the committer too.
  const env = { ...process.env };
  if (!gitConfig(repoRoot, 'user.name')) env.GIT_COMMITTER_NAME = author.name;
  if (!gitConfig(repoRoot, 'user.email')) env.GIT_COMMITTER_EMAIL = author.email;
  git(repoRoot, ['commit', '--quiet', '--only', '--no-verify', `--author=${author.name} <${author.email}>`, '-m', message, '--', ...relative], env);
  return git(repoRoot, ['rev-parse', 'HEAD']).trim();
}

export interface LogEntry {
  hash: string;
  author: string;
  email: string;
  /** ISO 8601 with the committer's offset. */
  date: string;
  subject: string;
  body: string;
}

const FIELD = '\u001f';
const RECORD = '\u001e';

/** The commits that touched a file, newest first, following renames. */
export function fileLog(repoRoot: string, file: string): LogEntry[] {
  const format = ['%H', '%an', '%ae', '%aI', '%s', '%b'].join(FIELD) + RECORD;
  const out = git(repoRoot, ['log', '--follow', `--format=${format}`, '--', path.relative(repoRoot, file)]);
  return out
    .split(RECORD)
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r.trim() !== '')
    .map((r) => {
      const [hash = '', author = '', email = '', date = '', subject = '', body = ''] = r.split(FIELD);
      return { hash, author, email, date, subject, body: body.trim() };
    });
}

/** Files with unresolved merge conflicts, relative to the repository root. */
export function conflictedFiles(repoRoot: string): string[] {
  return [...new Set(git(repoRoot, ['diff', '--name-only', '--diff-filter=U']).split('\n').filter(Boolean))];
}

/** A file's content in one stage of a conflicted merge (2 = ours, 3 = theirs). */
export function stagedVersion(repoRoot: string, file: string, stage: 1 | 2 | 3): string | undefined {
  try {
    return git(repoRoot, ['show', `:${stage}:${file}`]);
  } catch {
    return undefined;
  }
}

export function gitAdd(repoRoot: string, files: readonly string[]): void {
  git(repoRoot, ['add', '--', ...files.map((f) => path.relative(repoRoot, f))]);
}

export function gitMove(repoRoot: string, from: string, to: string): void {
  git(repoRoot, ['mv', '--', path.relative(repoRoot, from), path.relative(repoRoot, to)]);
}
