import { branded } from '../io/branded-error.js';

/**
 * Bad usage or bad input from the person at the keyboard: one clear Chinese sentence, exit 2.
 * Problems inside ledger files are never this: they are diagnostics.
 */
export class UsageError extends branded(Symbol.for('bbcs.UsageError')) {}

/**
 * The ledger's policy.yaml or a calendar file is broken: a command that computes deadlines
 * refuses rather than compute them by rules nobody set. The message lists the problems as
 * `bbcs validate` shows them.
 */
export class RulesInvalid extends branded(Symbol.for('bbcs.RulesInvalid')) {}

/** The person at the keyboard stopped a prompt or did not confirm: nothing was written. */
export class Cancelled extends branded(Symbol.for('bbcs.Cancelled')) {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: '文件或其所在的文件夹不存在',
  EACCES: '没有访问权限',
  EPERM: '没有访问权限',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘配额已用完',
  EISDIR: '这是一个文件夹，不是文件',
  ENOTDIR: '路径中有一项不是文件夹',
  EROFS: '所在的磁盘是只读的',
  EBUSY: '文件正被其他程序占用',
  ENAMETOOLONG: '路径太长',
};

/**
 * A file the system would not read or write — an --out folder that does not exist, a full
 * disk — is the officer's environment, not a defect of the program: one sentence naming the
 * path and the reason, or undefined for anything else.
 */
export function describeSystemError(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  return `无法访问 ${path}：${SYSTEM_REASONS[code] ?? `系统错误 ${code}`}`;
}
