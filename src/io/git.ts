import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GitError, gitText } from './git/run.js';

/**
 * Git is the audit trail: every step is one commit of one item file, authored by the officer.
 * This module is the only place that runs git.
 */

export { GitError };

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return gitText(cwd, args, { env });
}

/** The top of the work tree that contains `dir`, or undefined outside a repository (or without git). */
export function gitRoot(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

export function gitConfig(dir: string, key: string): string | undefined {
  try {
    const value = execFileSync('git', ['config', '--get', key], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
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
  git(
    repoRoot,
    [
      'commit',
      '--quiet',
      '--only',
      '--no-verify',
      `--author=${author.name} <${author.email}>`,
      '-m',
      message,
      '--',
      ...relative,
    ],
    env,
  );
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

/** Creates a repository in `dir` (which must exist). */
export function gitInit(dir: string): void {
  git(dir, ['init', '--quiet']);
}

/** Whether the work tree holds changes to `file` that are not committed (new, modified or staged). */
export function hasUncommittedChanges(repoRoot: string, file: string): boolean {
  return (
    git(repoRoot, ['status', '--porcelain', '--untracked-files=all', '--', path.relative(repoRoot, file)]).trim() !== ''
  );
}

/* ---- Id allocation and renumbering (bbcs register / bbcs renumber) ---- */

/** A merge-like operation stopped with conflicts, and the command that finishes it. */
export type Operation = 'merge' | 'rebase' | 'cherry-pick' | 'revert';

export function operationInProgress(repoRoot: string): Operation | undefined {
  const exists = (name: string) => {
    try {
      return existsSync(path.resolve(repoRoot, git(repoRoot, ['rev-parse', '--git-path', name]).trim()));
    } catch {
      return false;
    }
  };
  if (exists('rebase-merge') || exists('rebase-apply')) return 'rebase';
  if (exists('MERGE_HEAD')) return 'merge';
  if (exists('CHERRY_PICK_HEAD')) return 'cherry-pick';
  if (exists('REVERT_HEAD')) return 'revert';
  return undefined;
}

/**
 * Every path under `dir` (relative to the repository root) that any commit reachable from a
 * ref, or from a merge, rebase or cherry-pick in progress, ever added or removed. Used to never
 * give again a 工单编号 whose file was removed.
 */
export function pathsInHistory(repoRoot: string, dir: string): string[] {
  const extra = ['MERGE_HEAD', 'REBASE_HEAD', 'CHERRY_PICK_HEAD'].filter((ref) => {
    try {
      git(repoRoot, ['rev-parse', '--verify', '--quiet', ref]);
      return true;
    } catch {
      return false;
    }
  });
  let out: string;
  try {
    out = git(repoRoot, [
      '-c',
      'core.quotePath=false',
      'log',
      '--all',
      ...extra,
      '--no-renames',
      '--format=',
      '--name-only',
      '--',
      path.relative(repoRoot, dir) || '.',
    ]);
  } catch {
    return []; // a repository without commits yet
  }
  return [...new Set(out.split('\n').filter(Boolean))];
}

/** The blob of each stage (1 base, 2 ours, 3 theirs) of a conflicted file. */
export function unmergedStages(repoRoot: string, file: string): Map<1 | 2 | 3, string> {
  const stages = new Map<1 | 2 | 3, string>();
  for (const line of git(repoRoot, ['ls-files', '-u', '--', file]).split('\n').filter(Boolean)) {
    const m = /^\d+ ([0-9a-f]+) ([123])\t/.exec(line);
    if (m) stages.set(Number(m[2]) as 1 | 2 | 3, m[1]!);
  }
  return stages;
}

/** The blobs `file` has in the remote-tracking branches: what the shared repository already holds. */
export function remoteBlobs(repoRoot: string, file: string): Set<string> {
  const refs = git(repoRoot, ['for-each-ref', '--format=%(refname)', 'refs/remotes']).split('\n').filter(Boolean);
  const blobs = new Set<string>();
  for (const ref of refs) {
    try {
      blobs.add(git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}:${file}`]).trim());
    } catch {
      // the file is not in this branch
    }
  }
  return blobs;
}

/** Whether Git tracks `file` (an absolute path) in the index. */
export function isTracked(repoRoot: string, file: string): boolean {
  try {
    git(repoRoot, ['ls-files', '--error-unmatch', '--', path.relative(repoRoot, file)]);
    return true;
  } catch {
    return false;
  }
}

/* ---- History checks (bbcs validate --since) ---- */

/** The full hash `rev` names, or undefined when it names no commit. */
export function resolveCommit(repoRoot: string, rev: string): string | undefined {
  if (rev.startsWith('-')) return undefined;
  try {
    return (
      git(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * The content of every file under `dir` (relative to the repository root) at commit `rev`,
 * keyed by its path relative to `dir`, read with one `git cat-file --batch`.
 */
export function filesAtRevision(repoRoot: string, rev: string, dir: string): Map<string, Buffer> {
  const prefix = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`;
  const listing = git(repoRoot, [
    '-c',
    'core.quotePath=false',
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    rev,
    '--',
    prefix || '.',
  ]);
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
      return m && m[2]!.startsWith(prefix) ? [{ blob: m[1]!, file: m[2]!.slice(prefix.length) }] : [];
    });
  const out = new Map<string, Buffer>();
  if (entries.length === 0) return out;
  const result = spawnSync('git', ['cat-file', '--batch'], {
    cwd: repoRoot,
    input: entries.map((e) => e.blob).join('\n') + '\n',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (result.status !== 0 || !result.stdout)
    throw new GitError(result.stderr?.toString().trim() || 'git cat-file 失败');
  const buffer = result.stdout as Buffer;
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = buffer.indexOf(0x0a, offset);
    const size = Number(buffer.subarray(offset, headerEnd).toString('latin1').split(' ')[2]);
    out.set(entry.file, buffer.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return out;
}

/** The commits of `since..HEAD` that touched any of `files` (relative to the repository root), oldest first. */
export function commitsTouching(
  repoRoot: string,
  since: string,
  files: readonly string[],
): { hash: string; subject: string }[] {
  try {
    const out = git(repoRoot, [
      'log',
      '--reverse',
      '--no-renames',
      `--format=%h${FIELD}%s`,
      `${since}..HEAD`,
      '--',
      ...files,
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [hash = '', subject = ''] = line.split(FIELD);
        return { hash, subject };
      });
  } catch {
    return [];
  }
}

/** Whether any of `files` (relative to the repository root) differs in the work tree or index from HEAD. */
export function differsFromHead(repoRoot: string, files: readonly string[]): boolean {
  try {
    return git(repoRoot, ['status', '--porcelain', '--untracked-files=all', '--', ...files]).trim() !== '';
  } catch {
    return false;
  }
}

/** Sets a configuration value of the repository that contains `dir`. */
export function gitSetConfig(dir: string, key: string, value: string): void {
  git(dir, ['config', key, value]);
}
