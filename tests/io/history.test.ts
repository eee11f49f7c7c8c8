import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareItemHistory } from '../../src/core/checks/history-diff.js';
import { checkHistorySince } from '../../src/io/history-since.js';
import { HISTORY_FIXTURES, LEGAL_APPEND, itemData, type HistoryFixture } from '../fixtures/diagnostics.js';
import { runBbcs, tempLedger, type FileSpec, type TempRepo } from '../helpers/temp-ledger.js';

const GIT = ['-c', 'user.name=测试', '-c', 'user.email=test@example.invalid'];

function overlay(ledger: string, files: Record<string, FileSpec>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const target = path.join(ledger, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof spec === 'string' || spec instanceof Uint8Array) writeFileSync(target, spec);
    else if ('remove' in spec) rmSync(target, { force: true });
    else throw new Error('history fixtures only write or remove files');
  }
}

/** The mini ledger with `before` committed, then `after` committed on top: returns the repo and the base commit. */
function scripted(fixture: Omit<HistoryFixture, 'code'>): { repo: TempRepo; base: string } {
  const repo = tempLedger(fixture.before);
  const git = (...args: string[]) => execFileSync('git', [...GIT, ...args], { cwd: repo.dir, encoding: 'utf8' }).trim();
  const base = git('rev-parse', 'HEAD');
  overlay(repo.ledger, fixture.after);
  git('add', '-A');
  git('commit', '-q', '-m', `改动：${fixture.description}`);
  return { repo, base };
}

describe('validate --since: each breach of the append-only history', () => {
  it.each(HISTORY_FIXTURES.map((f) => [f.code, f] as const))('%s', (code, fixture) => {
    const { repo, base } = scripted(fixture);
    try {
      const result = checkHistorySince(repo.ledger, base);
      if (!result.ok) throw new Error(result.problem);
      expect([...new Set(result.diagnostics.map((d) => d.code))], fixture.description).toEqual([code]);
      for (const d of result.diagnostics) {
        expect(d.message).toMatch(/\p{Script=Han}/u);
        expect(d.message).toContain(`改动：${fixture.description}`); // the commit that did it
        expect(d.file).not.toMatch(/^\/|\.\./);
      }
      const cli = runBbcs(['validate', '--since', base, '--as-of', '2026-11-26'], repo.dir);
      expect(cli.status, cli.stdout + cli.stderr).toBe(1);
      expect(cli.stdout).toContain(`[${code}]`);
    } finally {
      repo.cleanup();
    }
  });

  it('a legal append passes (exit 0), with the commit range given as a branch name', () => {
    const { repo, base } = scripted(LEGAL_APPEND);
    try {
      execFileSync('git', ['branch', 'base', base], { cwd: repo.dir });
      const cli = runBbcs(['validate', '--since', 'base', '--as-of', '2026-11-26'], repo.dir);
      expect(cli.stderr).toBe('');
      expect(cli.status, cli.stdout).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('uncommitted changes in the work tree are compared too, and named as such', () => {
    const repo = tempLedger();
    try {
      rmSync(path.join(repo.ledger, 'zjj/ZJJ-2026-0002.yaml'));
      const cli = runBbcs(['validate', '--since', 'HEAD', '--as-of', '2026-11-26', '--json'], repo.dir);
      expect(cli.status).toBe(1);
      const json = JSON.parse(cli.stdout) as { diagnostics: { code: string; message: string }[] };
      const deleted = json.diagnostics.find((d) => d.code === 'history-item-deleted');
      expect(deleted?.message).toContain('工作区中尚未提交的修改');
    } finally {
      repo.cleanup();
    }
  });

  it('a revision that does not exist, or a ledger outside git, is bad usage (exit 2)', () => {
    const repo = tempLedger();
    try {
      const bad = runBbcs(['validate', '--since', 'no-such-branch'], repo.dir);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--since');
      const option = runBbcs(['validate', '--since', '--output=/tmp/x'], repo.dir);
      expect(option.status).toBe(2);
    } finally {
      repo.cleanup();
    }
  });
});

describe('compareItemHistory', () => {
  const file = 'zjj/ZJJ-2026-0400.yaml';
  const run = (before: unknown, after: unknown) =>
    compareItemHistory({
      before: new Map([[file, before]]),
      after: new Map([[file, after]]),
      since: 'abc1234',
      changedIn: () => '见提交 x',
    });

  it('masks a private person’s phone and name in messages', () => {
    const old = itemData('ZJJ-2026-0400', { party: { name: '张三丰', kind: '群众', phone: '13912345678' } });
    const now = itemData('ZJJ-2026-0400', { party: { name: '李四', kind: '群众', phone: '13987654321' } });
    const messages = run(old, now)
      .map((d) => d.message)
      .join('\n');
    expect(messages).toContain('139****5678');
    expect(messages).toContain('张**');
    expect(messages).not.toContain('13912345678');
  });

  it('an event inserted before recorded ones is a change; appending is not', () => {
    const a = { type: 'registered', at: '2026-06-01T09:00:00+08:00', by: '甲' };
    const b = { type: 'confirmed', at: '2026-06-02T09:00:00+08:00', by: '甲', section: '办公室' };
    const c = { type: 'classified', at: '2026-06-03T09:00:00+08:00', by: '甲', class: 2 };
    expect(
      run(itemData('ZJJ-2026-0400', { events: [a, c] }), itemData('ZJJ-2026-0400', { events: [a, b, c] })).map(
        (d) => d.code,
      ),
    ).toEqual(['history-event-changed']);
    expect(
      run(itemData('ZJJ-2026-0400', { events: [a, b] }), itemData('ZJJ-2026-0400', { events: [a, b, c] })),
    ).toEqual([]);
    expect(
      run(itemData('ZJJ-2026-0400', { events: [a, b, c] }), itemData('ZJJ-2026-0400', { events: [a, c] })).map(
        (d) => d.code,
      ),
    ).toEqual(['history-event-removed']);
  });

  it('adding a related item is allowed, removing one is not', () => {
    const old = itemData('ZJJ-2026-0400', { related: ['ZJJ-2026-0001'] });
    expect(run(old, itemData('ZJJ-2026-0400', { related: ['ZJJ-2026-0001', 'ZJJ-2026-0002'] }))).toEqual([]);
    expect(run(old, itemData('ZJJ-2026-0400')).map((d) => d.code)).toEqual(['history-field-changed']);
  });
});
