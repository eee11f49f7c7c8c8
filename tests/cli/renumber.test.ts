import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MINI_LEDGER, runBbcs, tempLedger, type CliResult, type TempRepo } from '../helpers/temp-ledger.js';

/**
 * Two officers register at the same moment in two clones of one ledger repository, both get
 * the next number, and the clones meet: `git pull` stops on an add/add conflict of the item
 * file, `bbcs renumber` gives one of the two items the next free number, `git commit` finishes
 * the merge. And `bbcs renumber FILE` for a duplicate found by validate.
 */

const ENV = { BBCS_OFFICER: '王敏', BBCS_UNIT: '', BBCS_EMAIL: 'wangmin@example.invalid', BBCS_LEDGER: '' };
const IDENTITY = ['-c', 'user.name=测试', '-c', 'user.email=test@example.invalid'];

const dirs: string[] = [];
const repos: TempRepo[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const r of repos) r.cleanup();
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git command that may fail (a merge that stops on conflicts). */
function tryGit(dir: string, ...args: string[]): number {
  return spawnSync('git', [...IDENTITY, ...args], { cwd: dir, stdio: 'ignore' }).status ?? -1;
}

interface Clones {
  a: string;
  b: string;
}

/** A shared (bare) repository holding the mini ledger, and two officers' clones of it. */
function clones(): Clones {
  const origin = tempLedger();
  repos.push(origin);
  const base = mkdtempSync(path.join(tmpdir(), 'bbcs-clones-'));
  dirs.push(base);
  execFileSync('git', ['clone', '-q', '--bare', origin.dir, path.join(base, 'hub.git')]);
  for (const name of ['a', 'b'])
    execFileSync('git', ['clone', '-q', path.join(base, 'hub.git'), path.join(base, name)]);
  return { a: path.join(base, 'a'), b: path.join(base, 'b') };
}

function register(dir: string, party: string, at: string, officer = '王敏'): string {
  const result = runBbcs(
    [
      'register',
      '--unit',
      'zjj',
      '--party',
      party,
      '--party-kind',
      '企业',
      '--phone',
      '13812345678',
      '--at',
      at,
      '--title',
      `${party}的诉求`,
      '--reason',
      '需多部门协调',
      '--scope',
      '1',
      '--channel',
      '窗口',
      '--json',
    ],
    dir,
    { ...ENV, BBCS_OFFICER: officer },
  );
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { id: string }).id;
}

function renumber(dir: string, args: string[] = []): CliResult {
  return runBbcs(['renumber', ...args], dir, ENV);
}

function item(dir: string, file: string): Record<string, unknown> & { party: { name: string } } {
  return parse(readFileSync(path.join(dir, 'ledger', file), 'utf8')) as Record<string, unknown> & {
    party: { name: string };
  };
}

function expectValid(dir: string): void {
  const result = runBbcs(['validate'], dir, ENV);
  expect(result.status, result.stdout).toBe(0);
}

describe('bbcs renumber: two clones registering at the same moment', () => {
  it('after git pull (merge): the number already pushed stays, the local item gets the next free one, and git commit finishes the merge', () => {
    const { a, b } = clones();
    // A registers two items and pushes first; B registered two at the same time.
    expect([register(a, '甲公司', '2026-11-20 10:00'), register(a, '乙公司', '2026-11-20 10:05')]).toEqual([
      'ZJJ-2026-0003',
      'ZJJ-2026-0004',
    ]);
    git(a, 'push', '-q');
    expect([register(b, '丙公司', '2026-11-20 10:01'), register(b, '丁公司', '2026-11-20 10:02')]).toEqual([
      'ZJJ-2026-0003',
      'ZJJ-2026-0004',
    ]);
    expect(tryGit(b, 'pull', '-q', '--no-rebase', '--no-edit')).not.toBe(0);
    expect(git(b, 'diff', '--name-only', '--diff-filter=U').split('\n').filter(Boolean).sort()).toEqual([
      'ledger/zjj/ZJJ-2026-0003.yaml',
      'ledger/zjj/ZJJ-2026-0004.yaml',
    ]);
    expect(runBbcs(['validate'], b, ENV).status).toBe(1);
    // No new registration on top of an unfinished merge: its commit could not be made anyway.
    const blocked = runBbcs(['register', '--unit', 'zjj'], b, ENV);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toBe(
      'bbcs: 仓库中有未完成的 git merge：请先解决冲突（工单编号冲突用 bbcs renumber）并完成提交，再登记新事项\n',
    );

    const result = renumber(b);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('工单编号冲突：zjj/ZJJ-2026-0003.yaml 在两边各登记了一个不同的事项。');
    expect(result.stdout).toContain('保留 ZJJ-2026-0003：合并进来的事项（这一方已在共享仓库中）。');
    expect(result.stdout).toContain(
      '改号 ZJJ-2026-0003 → ZJJ-2026-0005：丙公司“丙公司的诉求”，文件 zjj/ZJJ-2026-0005.yaml，原编号已记入备注。',
    );
    expect(result.stdout).toContain('请告知办理对象 丙公司（13812345678）新的工单编号 ZJJ-2026-0005。');
    expect(result.stdout).toContain('改号 ZJJ-2026-0004 → ZJJ-2026-0006：丁公司');
    expect(result.stdout).toMatch(/运行 git commit 完成合并，然后 git push。\n$/);
    expect(git(b, 'diff', '--name-only', '--diff-filter=U')).toBe('');

    git(b, 'commit', '-q', '--no-edit');
    expectValid(b);
    const parties = Object.fromEntries(
      ['0003', '0004', '0005', '0006'].map((n) => [n, item(b, `zjj/ZJJ-2026-${n}.yaml`)]),
    );
    expect(Object.fromEntries(Object.entries(parties).map(([n, i]) => [n, i.party.name]))).toEqual({
      '0003': '甲公司',
      '0004': '乙公司',
      '0005': '丙公司',
      '0006': '丁公司',
    });
    expect(parties['0005']).toMatchObject({
      id: 'ZJJ-2026-0005',
      remark: expect.stringMatching(
        /^原工单编号 ZJJ-2026-0003（与另一事项重号，\d{4}-\d{2}-\d{2} 改为 ZJJ-2026-0005）$/,
      ),
    });
    expect(parties['0003']).not.toHaveProperty('remark');
    // The history is intact: the merge commit has both parents; A's items are byte for byte what A pushed.
    expect(git(b, 'rev-list', '--parents', '-1', 'HEAD').trim().split(' ')).toHaveLength(3);
    expect(git(b, 'diff', 'origin/main', 'HEAD', '--name-status').trim().split('\n').sort()).toEqual([
      'A\tledger/zjj/ZJJ-2026-0005.yaml',
      'A\tledger/zjj/ZJJ-2026-0006.yaml',
    ]);

    // Once pushed, A pulls cleanly and the next number there is 0007.
    git(b, 'push', '-q');
    git(a, 'pull', '-q', '--no-rebase');
    expect(register(a, '戊公司', '2026-11-21 09:00')).toBe('ZJJ-2026-0007');
  });

  it('after git pull --rebase: the shared repository side is "ours" and keeps the number; git rebase --continue finishes', () => {
    const { a, b } = clones();
    register(a, '甲公司', '2026-11-20 10:00');
    git(a, 'push', '-q');
    register(b, '丙公司', '2026-11-20 10:01');
    expect(tryGit(b, 'pull', '-q', '--rebase')).not.toBe(0);

    const result = renumber(b, ['--json']);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as {
      operation: string;
      next: string;
      renumbered: { from: string; to: string; kept: { side: string } }[];
    };
    expect(out).toMatchObject({
      operation: 'rebase',
      next: 'git rebase --continue',
      renumbered: [{ from: 'ZJJ-2026-0003', to: 'ZJJ-2026-0004', kept: { side: 'ours' } }],
    });
    execFileSync('git', [...IDENTITY, 'rebase', '--continue'], {
      cwd: b,
      stdio: 'ignore',
      env: { ...process.env, GIT_EDITOR: 'true' },
    });
    expectValid(b);
    expect(item(b, 'zjj/ZJJ-2026-0003.yaml').party.name).toBe('甲公司');
    expect(item(b, 'zjj/ZJJ-2026-0004.yaml').party.name).toBe('丙公司');
  });

  it('--keep chooses the side explicitly; a conflict inside an existing item is left to the officer', () => {
    const { a, b } = clones();
    register(a, '甲公司', '2026-11-20 10:00');
    // Both officers also edited the same existing item: a real content conflict, not a number clash.
    appendFileSync(path.join(a, 'ledger/zjj/ZJJ-2026-0002.yaml'), '# 甲的修改\n');
    git(a, 'commit', '-q', '-am', '改 0002');
    git(a, 'push', '-q');
    register(b, '丙公司', '2026-11-20 10:01');
    appendFileSync(path.join(b, 'ledger/zjj/ZJJ-2026-0002.yaml'), '# 丙的修改\n');
    git(b, 'commit', '-q', '-am', '改 0002');
    expect(tryGit(b, 'pull', '-q', '--no-rebase', '--no-edit')).not.toBe(0);

    expect(renumber(b, ['--keep', 'mine']).status).toBe(2);
    const result = renumber(b, ['--keep', 'ours']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('保留 ZJJ-2026-0003：本机当前分支的事项（按 --keep ours 的要求）。');
    expect(result.stdout).toContain('改号 ZJJ-2026-0003 → ZJJ-2026-0004：甲公司');
    expect(result.stdout).toContain(
      '未处理：ledger/zjj/ZJJ-2026-0002.yaml：双方修改了同一个已有事项，不是编号冲突；请手工合并两边的事件。',
    );
    expect(result.stdout).toMatch(/已改号的文件已暂存；解决其余冲突后运行 git commit。\n$/);
    expect(git(b, 'diff', '--name-only', '--diff-filter=U').trim()).toBe('ledger/zjj/ZJJ-2026-0002.yaml');
    expect(readFileSync(path.join(b, 'ledger/zjj/ZJJ-2026-0002.yaml'), 'utf8')).toContain('<<<<<<<');
    expect(item(b, 'zjj/ZJJ-2026-0003.yaml').party.name).toBe('丙公司');
    expect(item(b, 'zjj/ZJJ-2026-0004.yaml').party.name).toBe('甲公司');
  });
});

describe('bbcs renumber FILE: a duplicate found by validate', () => {
  it('gives the named file the next free number, renames it, commits the rename as the officer, and warns about links to the old number', () => {
    // A Windows copy of ZJJ-2026-0001 left in the folder, as if registered again; ZJJ-2026-0002 links to 0001.
    const r = tempLedger({
      'zjj/ZJJ-2026-0001 - 副本.yaml': readFileSync(path.join(MINI_LEDGER, 'zjj/ZJJ-2026-0001.yaml'), 'utf8'),
    });
    repos.push(r);
    const listed = renumber(r.dir);
    expect(listed.status).toBe(1);
    expect(listed.stdout).toContain('台账中有重复的工单编号：');
    expect(listed.stdout).toContain('为后登记的那个事项改号：bbcs renumber <文件>');

    expect(renumber(r.dir, ['ledger/zjj/ZJJ-2026-0002.yaml']).stderr).toBe(
      'bbcs: zjj/ZJJ-2026-0002.yaml 的工单编号没有与其他事项重复，不需要改号（bbcs renumber 只为重号的事项另取编号）\n',
    );

    const result = runBbcs(['renumber', 'ledger/zjj/ZJJ-2026-0001 - 副本.yaml', '--by', '李静'], r.dir, ENV);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^已改号 ZJJ-2026-0001 → ZJJ-2026-0003：淮阴某建材有限公司“老旧小区加装电梯规划许可”，文件 zjj\/ZJJ-2026-0001 - 副本\.yaml → zjj\/ZJJ-2026-0003\.yaml，已提交 [0-9a-f]{8}。$/m,
    );
    expect(result.stdout).toContain('ZJJ-2026-0001 仍属于 zjj/ZJJ-2026-0001.yaml。');
    expect(result.stdout).toContain('请告知办理对象 淮阴某建材有限公司（13900001111）新的工单编号 ZJJ-2026-0003。');
    expect(result.stdout).toContain('注意：zjj/ZJJ-2026-0002.yaml 关联了 ZJJ-2026-0001，请核对指的是哪一个事项。');

    expect(existsSync(path.join(r.ledger, 'zjj/ZJJ-2026-0001 - 副本.yaml'))).toBe(false);
    expect(item(r.dir, 'zjj/ZJJ-2026-0003.yaml')).toMatchObject({
      id: 'ZJJ-2026-0003',
      remark: expect.stringContaining('原工单编号 ZJJ-2026-0001'),
    });
    expect(git(r.dir, 'log', '-1', '--format=%an%n%s%n%b').trim().split('\n')).toEqual([
      '李静',
      'bbcs: renumber ZJJ-2026-0001 → ZJJ-2026-0003（zjj）工单编号重复，改号',
      'zjj/ZJJ-2026-0001 - 副本.yaml 的工单编号 ZJJ-2026-0001 与 zjj/ZJJ-2026-0001.yaml 重复，改为 ZJJ-2026-0003（zjj/ZJJ-2026-0003.yaml）；原编号记入备注。',
      '',
      'Bbcs-Step: renumber',
      'Bbcs-Item: ZJJ-2026-0003',
      'Bbcs-Previous-Item: ZJJ-2026-0001',
      'Bbcs-Unit: zjj',
      'Bbcs-Officer: 李静',
    ]);
    expect(
      git(r.dir, '-c', 'core.quotePath=false', 'show', '--name-status', '--no-renames', '--format=', 'HEAD')
        .trim()
        .split('\n')
        .sort(),
    ).toEqual(['A\tledger/zjj/ZJJ-2026-0003.yaml', 'D\tledger/zjj/ZJJ-2026-0001 - 副本.yaml']);
    expect(git(r.dir, 'status', '--porcelain')).toBe('');
    expectValid(r.dir);
    expect(renumber(r.dir).stdout).toBe('没有冲突的事项文件，也没有重复的工单编号，不需要改号。\n');
  });
});
