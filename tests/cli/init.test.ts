import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkPolicy } from '../../src/core/checks/policy.js';
import { policyFrom } from '../../src/core/deadlines/default-policy.js';
import { DEMO_LEDGER, REPO_ROOT, runBbcs } from '../helpers/temp-ledger.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** The 区办's form 2, as init's flags. */
const OFFICE = [
  '--leader-name',
  '周建国',
  '--leader-title',
  '区委营商办主任',
  '--leader-phone',
  '0517-80000101',
  '--section-name',
  '综合协调科',
  '--section-head',
  '孙丽华',
  '--section-phone',
  '0517-80000102',
  '--contact-name',
  '吴晓东',
  '--contact-title',
  '综合协调科科员',
  '--contact-phone',
  '13800000101',
];

const dirs: string[] = [];
function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-init-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('bbcs init', () => {
  it('creates a ledger repository that validate accepts, in one commit by the officer, and refuses a second init', () => {
    const dir = emptyDir();
    const r = runBbcs(['init', 'ledger-repo', ...OFFICE, '--by', '王敏'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const repo = path.join(dir, 'ledger-repo');
    expect(r.stdout).toContain(`已在 ${repo} 建立台账（新建了 Git 仓库）`);
    for (const file of [
      'ledger/policy.yaml',
      'ledger/calendar/README.md',
      'ledger/qbb/unit.yaml',
      'README.md',
      '.gitignore',
    ]) {
      expect(existsSync(path.join(repo, file)), file).toBe(true);
      expect(r.stdout).toContain(`  ${file}\n`);
    }
    const unit = parse(readFileSync(path.join(repo, 'ledger/qbb/unit.yaml'), 'utf8'));
    expect(unit).toMatchObject({
      code: 'qbb',
      name: '区“办不成事”办公室',
      kind: '区办',
      contact: { name: '吴晓东', phone: '13800000101' },
    });
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    expect(readme).toContain('由 区“办不成事”办公室（单位代码 `qbb`）');
    expect(readme).not.toContain('{{');
    expect(readFileSync(path.join(repo, '.gitignore'), 'utf8')).toContain('*.tmp-*');

    expect(git(repo, 'log', '--format=%an|%s').trim()).toBe('王敏|bbcs: init qbb（区“办不成事”办公室）建立台账');
    expect(git(repo, 'log', '-1', '--format=%B')).toContain('Bbcs-Step: init\nBbcs-Unit: qbb\nBbcs-Officer: 王敏');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'ls-files').trim().split('\n').sort()).toEqual([
      '.gitignore',
      'README.md',
      'ledger/calendar/README.md',
      'ledger/policy.yaml',
      'ledger/qbb/unit.yaml',
    ]);

    const v = runBbcs(['validate'], repo);
    expect(v.stdout).toContain('没有发现问题');
    expect(v.status).toBe(0);
    const units = runBbcs(['unit', 'list', '--json'], repo);
    expect(JSON.parse(units.stdout).units.map((u: { code: string }) => u.code)).toEqual(['qbb']);

    const again = runBbcs(['init', ...OFFICE, '--by', '王敏'], repo);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(
      `bbcs: ${repo} 中已有台账 ledger/，不能重复初始化：要新增单位请用 bbcs unit add，检查台账请用 bbcs validate\n`,
    );
    expect(git(repo, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('takes the 区办 code and name from flags, keeps an existing README, adds to an existing .gitignore and commits in the existing repository', () => {
    const dir = emptyDir();
    git(dir, 'init', '--quiet');
    writeFileSync(path.join(dir, 'README.md'), '# 我们自己的说明\n');
    writeFileSync(path.join(dir, '.gitignore'), 'secret.txt\n*.tmp-*\n');
    writeFileSync(path.join(dir, 'draft.txt'), '草稿\n');
    const r = runBbcs(
      ['init', '--office-code', 'yshb', '--office-name', '淮阴区营商环境建设办公室', ...OFFICE, '--by', '王敏'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('新建了 Git 仓库');
    expect(r.stdout).toContain('README.md（已存在，未改动）');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# 我们自己的说明\n');
    const ignore = readFileSync(path.join(dir, '.gitignore'), 'utf8');
    expect(ignore.startsWith('secret.txt\n*.tmp-*\n# bbcs\n')).toBe(true);
    expect(ignore.match(/\*\.tmp-\*/g)).toHaveLength(1);
    expect(ignore).toContain('*.xlsx');
    expect(parse(readFileSync(path.join(dir, 'ledger/yshb/unit.yaml'), 'utf8'))).toMatchObject({
      code: 'yshb',
      name: '淮阴区营商环境建设办公室',
      kind: '区办',
    });
    expect(git(dir, 'show', '--name-only', '--format=%s', 'HEAD').trim().split('\n')).toEqual([
      'bbcs: init yshb（淮阴区营商环境建设办公室）建立台账',
      '',
      '.gitignore',
      'ledger/calendar/README.md',
      'ledger/policy.yaml',
      'ledger/yshb/unit.yaml',
    ]);
    // Work that was there before stays out of the commit.
    expect(git(dir, 'status', '--porcelain')).toBe('?? README.md\n?? draft.txt\n');
    expect(runBbcs(['validate'], dir).status).toBe(0);
  });

  it('refuses bad answers and missing flags with exit 2 and leaves the directory as it was', () => {
    const dir = emptyDir();
    const missing = runBbcs(['init', '--leader-name', '周建国', '--by', '王敏'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      'bbcs: 缺少必填项，且当前不是交互式终端，无法提问：请用 --leader-title（分管领导职务）、--leader-phone（分管领导联系电话）、--section-name（牵头科室名称）、--section-head（牵头科室负责人）、--section-phone（牵头科室联系电话）、--contact-name（联系人姓名）、--contact-title（联系人职务）、--contact-phone（联系人联系电话） 提供\n',
    );
    const badCode = runBbcs(['init', '--office-code', 'Q-B', ...OFFICE, '--by', '王敏'], dir);
    expect(badCode.status).toBe(2);
    expect(badCode.stderr).toContain('--office-code：单位代码「Q-B」不合法');
    const badPhone = runBbcs(['init', ...OFFICE, '--contact-phone', '138000', '--by', '王敏'], dir);
    expect(badPhone.status).toBe(2);
    expect(badPhone.stderr).toContain('--contact-phone：联系人联系电话「138000」不是有效的电话号码');
    expect(readdirSync(dir)).toEqual([]);
    const notDir = path.join(dir, 'file.txt');
    writeFileSync(notDir, 'x');
    const onFile = runBbcs(['init', 'file.txt', ...OFFICE, '--by', '王敏'], dir);
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toContain('已存在且不是目录');
  });

  it('the policy it writes is the rules of 第五条, the same text as the demo ledger', () => {
    const template = readFileSync(path.join(REPO_ROOT, 'templates/policy.yaml'), 'utf8');
    expect(template).toBe(readFileSync(path.join(DEMO_LEDGER, 'policy.yaml'), 'utf8'));
    const checked = checkPolicy(parse(template), 'policy.yaml');
    expect(checked.diagnostics).toEqual([]);
    expect(checked.policy).toEqual(policyFrom(undefined));
  });

  it('--no-commit lays the files down in a new repository without committing', () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, 'x'));
    const r = runBbcs(['init', 'x', ...OFFICE, '--no-commit'], dir);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'x/.git'))).toBe(true);
    expect(existsSync(path.join(dir, 'x/ledger/qbb/unit.yaml'))).toBe(true);
    expect(() => git(path.join(dir, 'x'), 'rev-parse', '--verify', '--quiet', 'HEAD')).toThrow();
  });
});
