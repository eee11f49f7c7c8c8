import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The one way bbcs runs git. Output is never cut by a buffer limit (Node's default for
 * spawnSync is 1 MiB, which a 100k-item ledger's file list passes: that failure used to be
 * swallowed), and a failing call is always a GitError carrying git's own message.
 */
export class GitError extends Error {}

export interface GitRun {
  /** Extra environment on top of this process's. */
  env?: NodeJS.ProcessEnv;
  /** Bytes for git's standard input. */
  input?: string | Uint8Array;
}

function failure(
  args: readonly string[],
  status: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): GitError {
  const said = stderr.trim();
  if (said !== '') return new GitError(said);
  return new GitError(`git ${args[0] ?? ''} 失败（${signal ? `信号 ${signal}` : `退出码 ${status}`}）`);
}

/** Runs git to completion and returns its standard output as bytes. */
export function gitBytes(cwd: string, args: readonly string[], run: GitRun = {}): Buffer {
  const result = spawnSync('git', args, {
    cwd,
    env: run.env ?? process.env,
    input: run.input,
    maxBuffer: Number.POSITIVE_INFINITY,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.error) throw new GitError(`无法运行 git：${result.error.message}`);
  if (result.status !== 0) throw failure(args, result.status, result.signal, result.stderr.toString('utf8'));
  return result.stdout;
}

/** Runs git to completion and returns its standard output as text. */
export function gitText(cwd: string, args: readonly string[], run: GitRun = {}): string {
  return gitBytes(cwd, args, run).toString('utf8');
}

/**
 * Runs git and hands each record of its output (split on `separator`, a newline by default)
 * to `onRecord` as it arrives, so that a history of any length is read in constant memory.
 * Resolves when git has ended successfully; rejects with a GitError otherwise.
 */
export async function gitRecords(
  cwd: string,
  args: readonly string[],
  onRecord: (record: string) => void,
  run: GitRun & { separator?: string } = {},
): Promise<void> {
  const child = spawn('git', args, { cwd, env: run.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const errors: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  child.stdin.end(run.input);
  const ended = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`无法运行 git：${error.message}`)));
    child.on('close', (status, signal) => resolve({ status, signal }));
  });
  const separator = run.separator ?? '\n';
  if (separator === '\n') {
    for await (const line of createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }))
      onRecord(line);
  } else {
    child.stdout.setEncoding('utf8');
    let pending = '';
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const parts = (pending + chunk).split(separator);
      pending = parts.pop() ?? '';
      for (const part of parts) onRecord(part);
    }
    if (pending !== '') onRecord(pending);
  }
  const { status, signal } = await ended;
  if (status !== 0) throw failure(args, status, signal, Buffer.concat(errors).toString('utf8'));
}
