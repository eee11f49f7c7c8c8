import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessage } from '../../src/cli/save-change.js';
import type { Item } from '../../src/core/schema/item.js';
import { runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

/** A commit of one file as a given author at a given time, the way an officer's clone would make it. */
function commit(dir: string, file: string, author: string, date: string, message: string): void {
  appendFileSync(path.join(dir, file), `# ${author}\n`);
  execFileSync(
    'git',
    [
      '-c',
      `user.name=${author}`,
      '-c',
      'user.email=officer@example.invalid',
      'commit',
      '--quiet',
      '-m',
      message,
      '--',
      file,
    ],
    {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    },
  );
}

const stepMessage = (step: string, name: string, summary: string, officer: string) =>
  `bbcs: ${step} ZJJ-2026-0002（zjj）${name}\n\n${summary}\n\nBbcs-Step: ${step}\nBbcs-Item: ZJJ-2026-0002\nBbcs-Unit: zjj\nBbcs-Officer: ${officer}`;

describe('bbcs log', () => {
  let repo: TempRepo;
  const file = 'ledger/zjj/ZJJ-2026-0002.yaml';
  beforeAll(() => {
    repo = tempLedger();
    // The message exactly as bbcs's own steps write it …
    const item = { id: 'ZJJ-2026-0002', unit: 'zjj' } as Item;
    commit(
      repo.dir,
      file,
      '王敏',
      '2026-04-02T09:30:00+08:00',
      commitMessage({
        item,
        step: 'confirmed',
        summary: '行政审批科确认暂时无法办理，分管领导同意。',
        officer: '王敏',
      }),
    );
    // … and one spelled out, as the format is documented.
    // The time zone of the clone that made the commit does not matter: times are shown in China time.
    commit(
      repo.dir,
      file,
      '李娜',
      '2026-04-03T07:00:00Z',
      stepMessage('classified', '牵头科室研判分类', '研判为第 2 类：需要多部门协调解决。', '李娜'),
    );
    commit(repo.dir, file, '张三', '2026-04-03T20:05:00-04:00', '修正受理事项名称中的错别字');
  });
  afterAll(() => repo.cleanup());

  it('shows who did which step when, in China time, oldest first, hand-made commits as they are', () => {
    const r = runBbcs(['log', 'ZJJ-2026-0002'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'ZJJ-2026-0002 的修改记录（ledger/zjj/ZJJ-2026-0002.yaml，来自 Git，按提交先后，共 4 次提交）：',
    );
    const rows = r.stdout.split('\n').filter((l) => /^│ \d{4}-/.test(l));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/│ 测试\s+│ （非 bbcs 提交）\s+│ init\s+│/);
    expect(rows[1]).toMatch(
      /^│ 2026-04-02 09:30 │ 王敏\s+│ 科室确认暂时无法办理\s+│ 行政审批科确认暂时无法办理，分管领导同意。\s+│ [0-9a-f]{8} │$/,
    );
    expect(rows[2]).toMatch(
      /^│ 2026-04-03 15:00 │ 李娜\s+│ 牵头科室研判分类\s+│ 研判为第 2 类：需要多部门协调解决。\s+│/,
    );
    expect(rows[3]).toMatch(/^│ 2026-04-04 08:05 │ 张三\s+│ （非 bbcs 提交）\s+│ 修正受理事项名称中的错别字\s+│/);
    expect(r.stdout).not.toContain('尚未提交');
  });

  it('--json gives each change with its step, officer and China time; the id may be typed in lower case', () => {
    const r = runBbcs(['log', 'zjj-2026-0002', '--json'], repo.dir);
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(log).toMatchObject({ id: 'ZJJ-2026-0002', file: 'ledger/zjj/ZJJ-2026-0002.yaml', uncommitted: false });
    expect(
      log.changes
        .map((c: { at: string; author: string; step: string | null; bbcs: boolean }) => [
          c.at,
          c.author,
          c.step,
          c.bbcs,
        ])
        .slice(1),
    ).toEqual([
      ['2026-04-02T09:30:00+08:00', '王敏', 'confirmed', true],
      ['2026-04-03T15:00:00+08:00', '李娜', 'classified', true],
      ['2026-04-04T08:05:00+08:00', '张三', null, false],
    ]);
    expect(log.changes[1]).toMatchObject({
      stepName: '科室确认暂时无法办理',
      officer: '王敏',
      summary: '行政审批科确认暂时无法办理，分管领导同意。',
    });
    expect(log.changes[3].summary).toBe('修正受理事项名称中的错别字');
  });

  it('tells about changes not committed yet', () => {
    appendFileSync(path.join(repo.dir, file), '# 未提交\n');
    const r = runBbcs(['log', 'ZJJ-2026-0002'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('注意：工作区中的这个文件有尚未提交的修改，以上记录不包括这些修改。');
    expect(JSON.parse(runBbcs(['log', 'ZJJ-2026-0002', '--json'], repo.dir).stdout).uncommitted).toBe(true);
  });

  it('an unknown or malformed id is a usage error', () => {
    const unknown = runBbcs(['log', 'ZJJ-2026-0099'], repo.dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('bbcs: 找不到工单编号为「ZJJ-2026-0099」的事项；用 bbcs list 查看台账中的事项\n');
    const bad = runBbcs(['log', '电梯'], repo.dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('工单编号「电梯」格式不对');
  });

  it('outside Git it says so and exits 2', () => {
    const plain = tempLedger({}, undefined, false);
    try {
      const r = runBbcs(['log', 'ZJJ-2026-0001'], plain.dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('不在 Git 仓库中，没有修改记录可查');
      expect(r.stdout).toBe('');
    } finally {
      plain.cleanup();
    }
  });
});
