import { describe, expect, it, vi } from 'vitest';
import { Cancelled, describeSystemError, UsageError } from '../../src/cli/errors.js';
import { LedgerChanged } from '../../src/io/ledger-changed.js';

/**
 * The built program has two bundles, each with its own copy of errors.ts: what one throws, the
 * other must recognise. A copy is made here by loading the module afresh.
 */
describe('errors across bundles', () => {
  it('recognises a usage error made by another copy of the class', async () => {
    vi.resetModules();
    const copy = await import('../../src/cli/errors.js');
    expect(copy.UsageError).not.toBe(UsageError);
    expect(new copy.UsageError('x') instanceof UsageError).toBe(true);
    expect(new UsageError('x') instanceof copy.UsageError).toBe(true);
    expect(new copy.Cancelled('x') instanceof Cancelled).toBe(true);
    const changed = await import('../../src/io/ledger-changed.js');
    expect(changed.LedgerChanged).not.toBe(LedgerChanged);
    expect(new changed.LedgerChanged('zjj/ZJJ-2026-0002.yaml') instanceof LedgerChanged).toBe(true);
    expect(new changed.LedgerChanged('zjj/ZJJ-2026-0002.yaml') instanceof UsageError).toBe(false);
  });

  it('tells the kinds apart, and plain errors from both', () => {
    expect(new Cancelled('x') instanceof UsageError).toBe(false);
    expect(new UsageError('x') instanceof Cancelled).toBe(false);
    expect(new Error('x') instanceof UsageError).toBe(false);
    expect((null as unknown) instanceof UsageError).toBe(false);
    expect(new UsageError('不合法') instanceof Error).toBe(true);
    expect(new UsageError('不合法').message).toBe('不合法');
  });
});

describe('system errors', () => {
  it('names the path and the reason in Chinese, for file errors only', () => {
    const error = (code: string, path?: string) => Object.assign(new Error(code), { code, ...(path ? { path } : {}) });
    expect(describeSystemError(error('ENOSPC', '/srv/out.xlsx'))).toBe('无法访问 /srv/out.xlsx：磁盘空间不足');
    expect(describeSystemError(error('EACCES', '/srv/out.xlsx'))).toBe('无法访问 /srv/out.xlsx：没有访问权限');
    expect(describeSystemError(error('EXDEV', '/srv/out.xlsx'))).toBe('无法访问 /srv/out.xlsx：系统错误 EXDEV');
    // Without a path it is not about a file the officer named: a defect, reported as one.
    expect(describeSystemError(error('ENOSPC'))).toBeUndefined();
    expect(describeSystemError(new TypeError('x'))).toBeUndefined();
    expect(describeSystemError(undefined)).toBeUndefined();
  });
});
