import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { itemFile } from '../fixtures/diagnostics.js';
import { BIN, REPO_ROOT, runBbcs, tempLedger } from '../helpers/temp-ledger.js';

const GIT = ['-c', 'user.name=测试', '-c', 'user.email=test@example.invalid'];
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', [...GIT, ...args], { cwd: dir, encoding: 'utf8' }).trim();

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

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/**
 * A directory with a `bbcs` on PATH that runs the built program. "Today" never comes from the
 * clock: calendar and overdue get `--as-of $BBCS_TEST_AS_OF`.
 */
function wrapperDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-bin-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const wrapper = path.join(dir, 'bbcs');
  writeFileSync(
    wrapper,
    `#!/bin/sh\ncase "$1" in calendar|overdue) exec "${process.execPath}" "${BIN}" "$@" --as-of "$BBCS_TEST_AS_OF";; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return dir;
}

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

/** The `run:` steps of a workflow job, without installing bbcs (the wrapper stands in for it). */
function runSteps(file: string, job: string): Step[] {
  const workflow = parse(readFileSync(file, 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  return workflow.jobs[job]!.steps.filter((s) => s.run !== undefined && !s.run.startsWith('npm install'));
}

function runShell(script: string, cwd: string, env: Record<string, string>): { status: number; out: string } {
  const { GITHUB_ACTIONS: _g, BBCS_LEDGER: _l, ...rest } = process.env;
  const r = spawnSync('sh', ['-e', '-c', script], { cwd, encoding: 'utf8', env: { ...rest, ...env } });
  return { status: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('bbcs init --ci --hooks', () => {
  it('installs the GitHub workflows and the pre-commit hook, commits them and enables the hook', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-init-ci-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const r = runBbcs(['init', '.', ...OFFICE, '--by', '王敏', '--ci', 'github', '--hooks'], dir);
    expect(r.status, r.stderr).toBe(0);
    const tracked = git(dir, 'ls-files').split('\n');
    expect(tracked).toEqual(
      expect.arrayContaining([
        '.github/workflows/bbcs.yml',
        '.github/workflows/bbcs-overdue.yml',
        '.githooks/pre-commit',
      ]),
    );
    expect(statSync(path.join(dir, '.githooks/pre-commit')).mode & 0o111).not.toBe(0);
    expect(git(dir, 'config', 'core.hooksPath')).toBe('.githooks');
    expect(readFileSync(path.join(dir, '.github/workflows/bbcs.yml'), 'utf8')).toContain('npm install --global bbcs');
    expect(readFileSync(path.join(dir, '.github/workflows/bbcs-overdue.yml'), 'utf8')).toContain(
      "cron: '30 0 * * 1-5'",
    );
  });

  it('installs the GitLab job; an unknown platform is bad usage', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-init-ci-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const bad = runBbcs(['init', '.', ...OFFICE, '--by', '王敏', '--ci', 'jenkins'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--ci');
    const r = runBbcs(['init', '.', ...OFFICE, '--by', '王敏', '--ci', 'gitlab'], dir);
    expect(r.status, r.stderr).toBe(0);
    const ci = parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[] }>;
    expect(ci['bbcs-validate']!.script.join('\n')).toContain('bbcs validate --since "$BASE"');
    expect(ci['bbcs-overdue']!.script.join('\n')).toContain('bbcs overdue --fail');
  });

  it('both platforms keep the check cache between runs in the folder BBCS_CACHE_DIR names', () => {
    const github = parse(readFileSync(path.join(REPO_ROOT, 'templates/ci/github-bbcs.yml'), 'utf8')) as {
      jobs: Record<string, { env: Record<string, string>; steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    const validate = github.jobs.validate!;
    expect(validate.env.BBCS_CACHE_DIR).toBe('${{ github.workspace }}/.bbcs-cache');
    const kept = validate.steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(kept?.with?.path).toBe('${{ env.BBCS_CACHE_DIR }}');
    const gitlab = parse(readFileSync(path.join(REPO_ROOT, 'templates/ci/gitlab-ci.yml'), 'utf8')) as Record<
      string,
      { variables: Record<string, string>; cache: { key: string; fallback_keys: string[]; paths: string[] } }
    >;
    expect(gitlab['bbcs-validate']!.variables.BBCS_CACHE_DIR).toBe('$CI_PROJECT_DIR/.bbcs-cache');
    expect(gitlab['bbcs-validate']!.cache.paths).toEqual(['.bbcs-cache/']);
    // One cache per branch, a new branch starting from the default branch's: never another branch's.
    expect(gitlab['bbcs-validate']!.cache.key).toBe('bbcs-cache-$CI_COMMIT_REF_SLUG');
    expect(gitlab['bbcs-validate']!.cache.fallback_keys).toEqual(['bbcs-cache-$CI_DEFAULT_BRANCH']);
  });
});

describe('the GitHub workflow, run locally', () => {
  const bin = wrapperDir();
  const env = (extra: Record<string, string>) => ({
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    BBCS_TEST_AS_OF: '2026-11-26',
    ...extra,
  });

  it('validate: a legal push passes, a push that rewrites history fails with annotations', () => {
    const repo = tempLedger();
    cleanups.push(repo.cleanup);
    const steps = runSteps(path.join(REPO_ROOT, 'templates/ci/github-bbcs.yml'), 'validate');
    expect(steps).toHaveLength(1);
    const base = git(repo.dir, 'rev-parse', 'HEAD');
    writeFileSync(path.join(repo.ledger, 'zjj/ZJJ-2026-0310.yaml'), itemFile('ZJJ-2026-0310'));
    git(repo.dir, 'add', '-A');
    git(repo.dir, 'commit', '-q', '-m', '登记新事项');
    // As the job runs it: the check cache goes where the platform keeps it between runs.
    const kept = path.join(repo.dir, '.bbcs-cache');
    const legal = runShell(steps[0]!.run!, repo.dir, env({ BASE: base, GITHUB_ACTIONS: 'true', BBCS_CACHE_DIR: kept }));
    expect(legal.status, legal.out).toBe(0);
    expect(readdirSync(kept).map((id) => readdirSync(path.join(kept, id)))).toEqual([
      expect.arrayContaining(['index.bin', '.gitignore']),
    ]);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');

    const pushed = git(repo.dir, 'rev-parse', 'HEAD');
    rmSync(path.join(repo.ledger, 'zjj/ZJJ-2026-0002.yaml'));
    git(repo.dir, 'commit', '-q', '-am', '删除事项');
    const breach = runShell(steps[0]!.run!, repo.dir, env({ BASE: pushed, GITHUB_ACTIONS: 'true' }));
    expect(breach.status).toBe(1);
    expect(breach.out).toMatch(/^::error file=ledger\/zjj\/ZJJ-2026-0002\.yaml,.*title=bbcs history-item-deleted::/m);

    const first = runShell(steps[0]!.run!, repo.dir, env({ BASE: '0000000000000000000000000000000000000000' }));
    expect(first.out).toContain('只做常规检查');
  });

  it('overdue: runs on a working day and skips a weekend', () => {
    const repo = tempLedger();
    cleanups.push(repo.cleanup);
    const [step] = runSteps(path.join(REPO_ROOT, 'templates/ci/github-bbcs-overdue.yml'), 'overdue');
    const saturday = runShell(step!.run!, repo.dir, env({ BBCS_TEST_AS_OF: '2026-11-28' }));
    expect(saturday.status, saturday.out).toBe(0);
    expect(saturday.out).toContain('今天不是工作日');
    const thursday = runShell(step!.run!, repo.dir, env({ BBCS_TEST_AS_OF: '2026-11-26' }));
    expect(thursday.out).not.toContain('今天不是工作日');
    const direct = runBbcs(['overdue', '--fail', '--as-of', '2026-11-26'], repo.dir);
    expect(thursday.status).toBe(direct.status);
  });

  it('the pre-commit hook refuses a staged broken ledger file and lets a valid one through', () => {
    const repo = tempLedger();
    cleanups.push(repo.cleanup);
    const hook = path.join(repo.dir, 'pre-commit');
    copyFileSync(path.join(REPO_ROOT, 'templates/hooks/pre-commit'), hook);
    writeFileSync(path.join(repo.ledger, 'zjj/ZJJ-2026-0320.yaml'), itemFile('ZJJ-2026-0320'));
    git(repo.dir, 'add', 'ledger/zjj/ZJJ-2026-0320.yaml');
    expect(runShell(`sh ${hook}`, repo.dir, env({})).status).toBe(0);
    writeFileSync(
      path.join(repo.ledger, 'zjj/ZJJ-2026-0321.yaml'),
      itemFile('ZJJ-2026-0321').replace('phone: "13900003333"', 'phnoe: "13900003333"'),
    );
    git(repo.dir, 'add', 'ledger/zjj/ZJJ-2026-0321.yaml');
    const broken = runShell(`sh ${hook}`, repo.dir, env({}));
    expect(broken.status).toBe(1);
    expect(broken.out).toContain('unknown-field');
  });
});
