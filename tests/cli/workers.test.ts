import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LEDGER, runBbcs, tempLedger } from '../helpers/temp-ledger.js';

/**
 * On a large ledger with a cold cache the item files are checked in worker threads. What they
 * find must be exactly what the main thread finds: the same diagnostics (located), the same
 * items, the same reports — and the cache they fill must serve the next run the same way.
 */
const repo = tempLedger(
  {
    'zjj/ZJJ-2026-0101.yaml': 'id: ZJJ-2026-0101\nunit: zjj\n  title: 缩进不对\n',
    'zjj/ZJJ-2026-0102.yaml': 'id: ZJJ-2026-0102\nunit: nosuch\nevents: []\n',
    'scj/SCJ-2026-0103.yaml': `id: SCJ-2026-0103\nremark: "${'很长'.repeat(300_000)}"\n`,
    'zrj/ZRJ-2026-0104.yaml': Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
  },
  DEMO_LEDGER,
);
afterAll(() => repo.cleanup());

const AS_OF = ['--as-of', '2026-11-26'];
const run = (args: string[], env: Record<string, string>) => {
  const out = runBbcs([...args, ...AS_OF], repo.dir, env);
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
};

describe('checking in worker threads', () => {
  it.each([
    ['validate', '--json'],
    ['overdue', '--json'],
    ['list', '--json'],
    ['show', 'ZJJ-2026-0002', '--json'],
  ])(
    '%s gives the same answer with and without workers',
    (...args) => {
      const alone = run(args, { BBCS_WORKERS: '0', BBCS_NO_CACHE: '1' });
      expect(alone.status === 0 || alone.status === 1).toBe(true);
      expect(alone.stdout.length).toBeGreaterThan(100);
      expect(run(args, { BBCS_WORKERS: '2', BBCS_NO_CACHE: '1' })).toEqual(alone);
      // A cache filled by the workers, then used.
      expect(run(args, { BBCS_WORKERS: '2' })).toEqual(alone);
      expect(run(args, { BBCS_WORKERS: '2' })).toEqual(alone);
    },
    60_000,
  );

  it('names a BBCS_WORKERS that is not a number or above the limit, and gives the same answer', () => {
    const alone = run(['list', '--json'], { BBCS_NO_CACHE: '1' });
    const odd = run(['list', '--json'], { BBCS_WORKERS: '两个', BBCS_NO_CACHE: '1' });
    expect(odd.stdout).toEqual(alone.stdout);
    expect(odd.status).toBe(alone.status);
    expect(odd.stderr).toContain('环境变量 BBCS_WORKERS 的值「两个」不是整数，已忽略');
    expect(alone.stderr).not.toContain('BBCS_WORKERS');
    const many = run(['list', '--json'], { BBCS_WORKERS: '64', BBCS_NO_CACHE: '1' });
    expect(many.stdout).toEqual(alone.stdout);
    expect(many.stderr).toContain('环境变量 BBCS_WORKERS 的值 64 超过上限，按 8 个工作线程运行');
    expect(run(['list', '--json'], { BBCS_WORKERS: '8', BBCS_NO_CACHE: '1' }).stderr).not.toContain('BBCS_WORKERS');
  }, 60_000);

  it('reports the broken files of the fixture', () => {
    const out = run(['validate', '--json'], { BBCS_WORKERS: '3', BBCS_NO_CACHE: '1' });
    const codes = (JSON.parse(out.stdout) as { diagnostics: { file: string; code: string }[] }).diagnostics.map(
      (d) => `${d.file} ${d.code}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'ledger/zjj/ZJJ-2026-0101.yaml yaml-syntax',
        'ledger/scj/SCJ-2026-0103.yaml file-too-large',
        'ledger/zrj/ZRJ-2026-0104.yaml not-utf8',
      ]),
    );
    expect(codes.some((c) => c.startsWith('ledger/zjj/ZJJ-2026-0102.yaml unknown-unit'))).toBe(true);
  }, 30_000);
});
