import { describe, expect, it, vi } from 'vitest';
import { Cancelled, UsageError } from '../../src/cli/errors.js';
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
    const changed = (await import('../../src/io/ledger-changed.js')) as typeof import('../../src/io/ledger-changed.js');
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
