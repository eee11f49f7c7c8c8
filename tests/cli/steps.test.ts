import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { EVENT_NAMES, type EventType, type LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import { parseEnteredTime } from '../../src/core/time-input.js';
import { runNext, runStep } from '../../src/cli/commands/step.js';
import { main } from '../../src/cli/main.js';
import { Cancelled, type Choice, type Prompter } from '../../src/cli/prompts.js';
import { STEPS } from '../../src/cli/steps/registry.js';
import { formatItem } from '../../src/io/ledger-format.js';
import { BIN, runBbcs, tempLedger, type CliResult, type FileSpec, type TempRepo } from '../helpers/temp-ledger.js';

/**
 * The step commands as officers run them, in temporary Git repositories, every time given with --at
 * (times in November 2026, before the day these tests were written), so the results do not depend
 * on the clock or the machine's time zone. One full path and a sample of each kind of refusal run
 * the built program; the rest run the same command line in process (`main`), which is the same
 * code without the cost of starting Node for each of the many cases.
 */

const HAN = /\p{Script=Han}/u;

const repos: TempRepo[] = [];
function repo(files: Record<string, FileSpec> = {}, git = true): TempRepo {
  const r = tempLedger(files, undefined, git);
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

/** Like runBbcs, but without blocking, so that independent runs overlap. */
function runAsync(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const { GITHUB_ACTIONS: _g, BBCS_LEDGER: _l, ...rest } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...rest, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

/**
 * The command line in this process: `main` with the ledger given, stdout and stderr captured,
 * environment variables set for the run, and never a terminal (so nothing is ever asked).
 */
async function cli(args: string[], ledger: string, env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const tty = process.stdin.isTTY;
  Object.assign(process.env, env);
  process.stdin.isTTY = false;
  try {
    const status = await main([...args, '--ledger', ledger]);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.stdin.isTTY = tty;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
const head = (dir: string) => git(dir, 'rev-parse', 'HEAD').trim();
const commitCount = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD').trim());

// ---------------------------------------------------------------------------------------------
// Items in the canonical format, at various points of the mechanism

const REGISTERED: LedgerEvent = { type: 'registered', at: '2026-11-02T09:00:00+08:00', by: '测试己' };
const CONFIRMED: LedgerEvent = {
  type: 'confirmed',
  at: '2026-11-02T10:00:00+08:00',
  by: '测试己',
  section: '规划科',
  consent_by: '测试丁',
};
const REPORTED: LedgerEvent[] = [
  CONFIRMED,
  { type: 'classified', at: '2026-11-03T09:00:00+08:00', by: '测试戊', class: 3 },
  { type: 'reported', at: '2026-11-03T10:00:00+08:00', by: '测试戊', consent_by: '测试局长' },
];
const HANDLING: LedgerEvent[] = [
  ...REPORTED,
  {
    type: 'decided',
    at: '2026-11-04T10:00:00+08:00',
    by: '测试丙',
    unit: 'qbb',
    decision: 1,
    difficulty: '简单',
    opinion: '退回原单位办理',
  },
];
const JOINT: LedgerEvent[] = [
  ...REPORTED,
  { type: 'decided', at: '2026-11-04T10:00:00+08:00', by: '测试丙', unit: 'qbb', decision: 2, opinion: '区办牵头会办' },
];
const ARCHIVED: LedgerEvent[] = [
  ...HANDLING,
  { type: 'closed', at: '2026-11-05T10:00:00+08:00', by: '测试己', outcome: '办成', result: '已办结' },
  { type: 'filed', at: '2026-11-06T10:00:00+08:00', by: '测试己' },
  { type: 'archived', at: '2026-11-07T10:00:00+08:00', by: '测试丙' },
];

function item(id: string, events: LedgerEvent[] = []): Item {
  return {
    id,
    unit: 'zjj',
    party: { name: '淮阴某测试有限公司', kind: '企业', phone: '13900003333' },
    title: `测试事项 ${id}`,
    reason: '本单位无法单独办理',
    scope: '一',
    channel: '窗口',
    events: [REGISTERED, ...events],
  };
}

const fileOf = (id: string) => `zjj/${id}.yaml`;
const itemFiles = (items: Item[]): Record<string, string> =>
  Object.fromEntries(items.map((i) => [fileOf(i.id), formatItem(i)]));
const readItem = (r: TempRepo, id: string) => parse(readFileSync(path.join(r.ledger, fileOf(id)), 'utf8')) as Item;
const bytes = (r: TempRepo, id: string) => readFileSync(path.join(r.ledger, fileOf(id)));

// ---------------------------------------------------------------------------------------------

type Runner = (args: string[], r: TempRepo, env: Record<string, string>) => Promise<CliResult>;
const spawned: Runner = (args, r, env) => runAsync(args, r.dir, env);
const inProcess: Runner = (args, r, env) => cli(args, r.ledger, env);

interface PathStep {
  args: string[];
  type: EventType;
  state: string;
  /** A command that must be offered next (without the id). */
  next?: string;
  summary?: string;
  /** Given with --by; otherwise through BBCS_OFFICER. */
  by?: string;
}

function expectStepCommitted(r: TempRepo, id: string, step: PathStep, officer: string, before: number): void {
  expect(commitCount(r.dir)).toBe(before + 1);
  const changed = git(r.dir, 'show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
  expect(changed).toEqual([`ledger/${fileOf(id)}`]);
  expect(git(r.dir, 'log', '-1', '--format=%s').trim()).toBe(
    `bbcs: ${step.type} ${id}（zjj）${EVENT_NAMES[step.type]}`,
  );
  const body = git(r.dir, 'log', '-1', '--format=%B');
  expect(body).toMatch(new RegExp(`^Bbcs-Step: ${step.type}$`, 'm'));
  expect(body).toMatch(new RegExp(`^Bbcs-Item: ${id}$`, 'm'));
  expect(body).toMatch(/^Bbcs-Unit: zjj$/m);
  if (step.summary) expect(body.split('\n')[2]).toBe(step.summary);
  expect(git(r.dir, 'log', '-1', '--format=%an').trim()).toBe(officer);
}

/** Takes the steps one after another, checking each event and each commit. */
async function walk(run: Runner, r: TempRepo, id: string, steps: PathStep[]): Promise<void> {
  for (const step of steps) {
    const before = commitCount(r.dir);
    const eventsBefore = readItem(r, id).events.length;
    const officer = step.by ?? '测试办事员';
    const args = step.by ? [...step.args, '--by', step.by] : step.args;
    const result = await run([args[0]!, id, ...args.slice(1)], r, { BBCS_OFFICER: '测试办事员' });
    expect(result.stderr, `${step.type}`).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`已写入 (.*/)?ledger/${fileOf(id)}，已提交 [0-9a-f]{8}。`));
    expect(result.stdout).toContain(`现在的状态：${step.state}`);
    if (step.next) expect(result.stdout).toContain(`bbcs ${step.next} ${id}`);
    const events = readItem(r, id).events;
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)!.type).toBe(step.type);
    expect(events.at(-1)!.by).toBe(officer);
    expect(events.at(-1)!.at).toMatch(/^2026-11-\d\dT\d\d:\d\d:00\+08:00$/);
    expectStepCommitted(r, id, step, officer, before);
  }
}

async function expectValid(r: TempRepo): Promise<void> {
  const v = await cli(['validate'], r.ledger);
  expect(v.stdout + v.stderr).not.toContain('错误');
  expect(v.status).toBe(0);
}

describe('a full path through the mechanism, by flags', () => {
  const ID = 'ZJJ-2026-0101';
  let r: TempRepo;
  beforeAll(() => {
    r = repo(itemFiles([item(ID)]));
  });

  it('the first step commits only the item, leaving unrelated staged and unstaged changes alone', async () => {
    writeFileSync(path.join(r.dir, 'staged.txt'), '与事项无关\n');
    git(r.dir, 'add', 'staged.txt');
    writeFileSync(
      path.join(r.ledger, 'policy.yaml'),
      `${readFileSync(path.join(r.ledger, 'policy.yaml'), 'utf8')}# 未暂存的修改\n`,
    );
    await walk(spawned, r, ID, [
      {
        args: ['confirm', '--section', '规划科', '--consent-by', '测试丁', '--at', '2026-11-02 10:00'],
        type: 'confirmed',
        state: '已确认待分类',
        next: 'classify',
        by: '测试己',
        summary: '规划科确认暂时无法办理，分管领导测试丁同意',
      },
    ]);
    const status = git(r.dir, 'status', '--porcelain').split('\n').filter(Boolean).sort();
    expect(status).toEqual([' M ledger/policy.yaml', 'A  staged.txt']);
    git(r.dir, 'reset', '-q', 'staged.txt');
    git(r.dir, 'checkout', '-q', 'ledger/policy.yaml');
    rmSync(path.join(r.dir, 'staged.txt'));
  });

  it('every later step appends one event and makes one commit by the officer', async () => {
    await walk(spawned, r, ID, [
      {
        args: ['classify', '--class', '2', '--at', '2026-11-03 09:00'],
        type: 'classified',
        state: '已分类待上报',
        next: 'report',
        by: '测试戊',
        summary: '牵头科室研判为第 2 类：需要多部门协调解决',
      },
      {
        args: ['report', '--consent-by', '测试局长', '--at', '2026-11-03T10:00:00+08:00'],
        type: 'reported',
        state: '已上报待区办研判',
        next: 'decide',
        summary: '经主要领导测试局长同意上报区办',
      },
      {
        args: [
          'decide',
          '--decision',
          '1',
          '--difficulty',
          '复杂',
          '--responsible-unit',
          'wangying',
          '--opinion',
          '退回原单位办理',
          '--at',
          '2026-11-04 10:00',
        ],
        type: 'decided',
        state: '办理中',
        next: 'close',
        by: '测试丙',
        summary: '区办研判：认定可以办理，难易程度复杂，责任单位 wangying',
      },
    ]);
    // The rest in process: the same command line, without starting Node for each step.
    await walk(inProcess, r, ID, [
      {
        args: ['supervise', '--at', '2026-11-05 09:00', '--note', '电话督办'],
        type: 'supervised',
        state: '办理中',
        next: 'feedback',
        by: '测试丙',
      },
      {
        args: [
          'feedback',
          '--kind',
          '进展',
          '--method',
          '电话',
          '--content',
          '正在协调规划部门',
          '--at',
          '2026-11-06 09:00',
        ],
        type: 'feedback',
        state: '办理中',
        summary: '电话向当事方反馈进展：正在协调规划部门',
      },
      {
        args: ['close', '--outcome', '办成', '--result', '已核发许可', '--at', '2026-11-09 09:00'],
        type: 'closed',
        state: '已办结',
        next: 'file',
        summary: '办结：办成，已核发许可',
      },
      { args: ['file', '--at', '2026-11-10 09:00'], type: 'filed', state: '已备案', next: 'visit' },
      {
        args: ['visit', '--satisfaction', '满意', '--method', '电话', '--at', '2026-11-11 09:00'],
        type: 'visited',
        state: '已回访',
        next: 'archive',
        by: '测试丙',
      },
      {
        args: ['archive', '--at', '2026-11-12 09:00'],
        type: 'archived',
        state: '已归档',
        by: '测试丙',
        summary: '归档',
      },
    ]);
    const events = readItem(r, ID).events;
    expect(events.find((e) => e.type === 'supervised')?.note).toBe('电话督办');
    expect(events.find((e) => e.type === 'visited')).toMatchObject({ satisfaction: '满意', method: '电话' });
    expect(readFileSync(path.join(r.ledger, fileOf(ID)), 'utf8')).toContain('    method: 电话 # 回访方式\n');
    expect((await cli(['show', ID], r.ledger)).stdout).toContain('满意度：满意（电话回访）');
    expect(events.find((e) => e.type === 'decided')).toMatchObject({
      decision: 1,
      difficulty: '复杂',
      responsible_unit: 'wangying',
    });
    // Written in the canonical format: reading and writing again gives the same bytes.
    expect(readFileSync(path.join(r.ledger, fileOf(ID)), 'utf8')).toBe(formatItem(readItem(r, ID)));
  });

  it('validate accepts the ledger afterwards', async () => {
    await expectValid(r);
  });
});

describe('the other paths: internal resolution, refusal and restart, transfer, joint handling', () => {
  let r: TempRepo;
  beforeAll(() => {
    r = repo(itemFiles([item('ZJJ-2026-0102', [CONFIRMED]), item('ZJJ-2026-0103'), item('ZJJ-2026-0104', REPORTED)]));
  });

  it('class 1 is resolved inside the unit; class 1 again is refused with the reason', async () => {
    await walk(inProcess, r, 'ZJJ-2026-0102', [
      {
        args: ['classify', '--class', '1', '--at', '2026-11-03 09:00'],
        type: 'classified',
        state: '本单位内部协调中',
        next: 'resolve',
      },
    ]);
    const again = await cli(
      ['classify', 'ZJJ-2026-0102', '--class', '1', '--at', '2026-11-03 10:00', '--by', '测试戊'],
      r.ledger,
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('已是第 1 类');
    expect(again.stderr).toContain('bbcs resolve ZJJ-2026-0102');
    await walk(inProcess, r, 'ZJJ-2026-0102', [
      {
        args: ['resolve', '--result', '规划科与审批科协调后办结', '--at', '2026-11-04 09:00'],
        type: 'resolved_internally',
        state: '已内部协调解决',
        next: 'archive',
        summary: '本单位内部协调解决：规划科与审批科协调后办结',
      },
    ]);
  });

  it('refused on the spot, restarted on a precedent (any case of its id), then transferred', async () => {
    await walk(inProcess, r, 'ZJJ-2026-0103', [
      {
        args: ['refuse', '--legal-basis', '《城乡规划法》第四十条', '--at', '2026-11-02 09:10'],
        type: 'refused_on_spot',
        state: '已当场告知不能办理',
        next: 'restart',
      },
      {
        args: [
          'restart',
          '--basis',
          '区外先例',
          '--reference',
          '清江浦区同类事项已办成',
          '--precedent',
          'zjj-2026-0001',
          '--at',
          '2026-11-10 09:00',
        ],
        type: 'restarted',
        state: '已重启待区办研判',
        next: 'decide',
        summary: '因区外先例重启办理：清江浦区同类事项已办成',
      },
      {
        args: ['transfer', '--to', '12345', '--number', 'HA20261110001', '--at', '2026-11-11 09:00'],
        type: 'transferred',
        state: '已转办',
        next: 'file',
        summary: '转办至 12345，对方编号 HA20261110001',
      },
    ]);
    expect(readItem(r, 'ZJJ-2026-0103').events.find((e) => e.type === 'restarted')).toMatchObject({
      precedent_item: 'ZJJ-2026-0001',
    });
  });

  it('joint handling: decision 2 needs no difficulty; a meeting with participants; closed as 不能办理 with its reason', async () => {
    await walk(inProcess, r, 'ZJJ-2026-0104', [
      {
        args: ['decide', '--decision', '2', '--opinion', '区办牵头会办', '--at', '2026-11-04 10:00'],
        type: 'decided',
        state: '会办中',
        next: 'meet',
        summary: '区办研判：由区办牵头会办',
      },
      {
        args: [
          'meet',
          '--led-by',
          '区办',
          '--leader',
          '测试甲',
          '--participants',
          'zjj，WANGYING',
          '--opinion',
          '由住建局牵头办理',
          '--at',
          '2026-11-05 15:00',
        ],
        type: 'met',
        state: '会办中',
        summary: '区办牵头会办（测试甲）：由住建局牵头办理',
      },
      {
        args: [
          'close',
          '--outcome',
          '不能办理',
          '--result',
          '经会办仍无法办理',
          '--refusal-reason',
          '涉及上级审批权限',
          '--at',
          '2026-11-06 09:00',
        ],
        type: 'closed',
        state: '已办结',
        next: 'restart',
        summary: '办结：不能办理，原因：涉及上级审批权限',
      },
    ]);
    const events = readItem(r, 'ZJJ-2026-0104').events;
    expect(events.find((e) => e.type === 'met')).toMatchObject({ participants: ['zjj', 'wangying'] });
    expect(events.find((e) => e.type === 'decided')).not.toHaveProperty('difficulty');
  });

  it('validate accepts the ledger afterwards', async () => {
    await expectValid(r);
  });
});

describe('refusals: nothing is written, nothing is committed', () => {
  const FRESH = 'ZJJ-2026-0201';
  const DONE = 'ZJJ-2026-0202';
  const REPORTED_ID = 'ZJJ-2026-0203';
  const HANDLING_ID = 'ZJJ-2026-0204';
  const CONFIRMED_ID = 'ZJJ-2026-0205';
  const JOINT_ID = 'ZJJ-2026-0206';
  const IDS = [FRESH, DONE, REPORTED_ID, HANDLING_ID, CONFIRMED_ID, JOINT_ID];
  let r: TempRepo;
  let before: { head: string; files: Map<string, Buffer> };
  beforeAll(() => {
    r = repo(
      itemFiles([
        item(FRESH),
        item(DONE, ARCHIVED),
        item(REPORTED_ID, REPORTED),
        item(HANDLING_ID, HANDLING),
        item(CONFIRMED_ID, [CONFIRMED]),
        item(JOINT_ID, JOINT),
      ]),
    );
    before = { head: head(r.dir), files: new Map(IDS.map((id) => [id, bytes(r, id)])) };
  });
  const expectUntouched = () => {
    expect(head(r.dir)).toBe(before.head);
    expect(git(r.dir, 'status', '--porcelain')).toBe('');
    for (const id of IDS) expect(bytes(r, id).equals(before.files.get(id)!), id).toBe(true);
  };
  const legalWhenFresh = new Set<EventType>(['refused_on_spot', 'confirmed', 'transferred']);
  function expectIllegal(spec: (typeof STEPS)[number], id: string, result: CliResult): void {
    expect(result.status, spec.command).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bbcs: /);
    expect(result.stderr).toContain(`不能进行“${EVENT_NAMES[spec.type]}”（bbcs ${spec.command}）`);
    if (id === FRESH) {
      expect(result.stderr).toContain(`事项 ${FRESH} 当前状态为“已登记待研判”`);
      for (const next of ['refuse', 'confirm', 'transfer']) expect(result.stderr).toContain(`bbcs ${next} ${FRESH}`);
    } else {
      expect(result.stderr).toContain(`事项 ${DONE} 当前状态为“已归档”`);
      // After archiving only the 区办's typical-case mark (第七条（二）) remains.
      expect(result.stderr).toContain(`bbcs typical ${DONE}`);
    }
  }

  it('every step command refuses an item where the step is illegal, naming the state and the legal next steps', async () => {
    expect(STEPS).toHaveLength(16);
    for (const spec of STEPS) {
      // Marking a typical case is legal in every state after registration: nothing to refuse.
      if (spec.type === 'typical') continue;
      const id = legalWhenFresh.has(spec.type) ? DONE : FRESH;
      // No flags at all: legality is checked before anything is asked or required.
      expectIllegal(spec, id, await cli([spec.command, id], r.ledger, { BBCS_OFFICER: '测试己' }));
    }
    expectUntouched();
  });

  it('the built program refuses the same way, with exit code 2', async () => {
    const decide = STEPS.find((s) => s.command === 'decide')!;
    const confirm = STEPS.find((s) => s.command === 'confirm')!;
    const [a, b] = await Promise.all([
      runAsync(['decide', FRESH], r.dir),
      runAsync(['confirm', DONE.toLowerCase()], r.dir),
    ]);
    expectIllegal(decide, FRESH, a);
    expectIllegal(confirm, DONE, b);
    expectUntouched();
  });

  it('without a terminal, missing required flags exit 2 naming each of them', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'bbcs-home-'));
    const noOfficer = { BBCS_OFFICER: '', HOME: home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
    const confirm = await runAsync(['confirm', FRESH], r.dir, noOfficer);
    rmSync(home, { recursive: true, force: true });
    const decide = await cli(['decide', REPORTED_ID, '--by', '测试丙'], r.ledger);
    const close = await cli(
      ['close', HANDLING_ID, '--outcome', '不能办理', '--result', '无法办理', '--by', '测试己'],
      r.ledger,
    );
    // Decision 1 makes the difficulty required.
    const decideOne = await cli(
      ['decide', REPORTED_ID, '--decision', '1', '--opinion', '退回办理', '--by', '测试丙'],
      r.ledger,
    );
    for (const result of [confirm, decide, close, decideOne]) {
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('不是交互式终端');
    }
    for (const flag of ['--by', '--section', '--consent-by']) expect(confirm.stderr).toContain(flag);
    for (const flag of ['--decision', '--opinion']) expect(decide.stderr).toContain(flag);
    expect(decide.stderr).not.toContain('--difficulty');
    expect(close.stderr).toContain('--refusal-reason');
    expect(decideOne.stderr).toContain('--difficulty');
    expectUntouched();
  });

  it('bad values exit 2 with one Chinese sentence naming the field', async () => {
    const by = ['--by', '测试己'];
    const cases: { args: string[]; says: string[] }[] = [
      {
        args: [
          'decide',
          REPORTED_ID,
          '--decision',
          '1',
          '--difficulty',
          '简单',
          '--responsible-unit',
          'nosuch',
          '--opinion',
          '退回',
          ...by,
        ],
        says: ['--responsible-unit', '单位「nosuch」不存在'],
      },
      {
        args: [
          'decide',
          REPORTED_ID,
          '--decision',
          '1',
          '--difficulty',
          '简单',
          '--responsible-unit',
          'wangyin',
          '--opinion',
          '退回',
          ...by,
        ],
        says: ['是不是 wangying'],
      },
      {
        args: ['meet', JOINT_ID, '--led-by', '区办', '--participants', 'zjj,nosuch', '--opinion', '会办', ...by],
        says: ['--participants', '单位「nosuch」不存在'],
      },
      {
        args: ['meet', JOINT_ID, '--led-by', '区长', '--opinion', '会办', ...by],
        says: ['--led-by', '可选 区办、区领导'],
      },
      { args: ['restart', DONE, '--basis', '政策调整', '--reference', '文件', ...by], says: ['不能重启'] },
      {
        args: ['confirm', FRESH, '--section', '规划科', '--consent-by', '测试丁', '--at', '2026-02-30 09:00', ...by],
        says: ['--at', '日期不存在'],
      },
      {
        args: ['confirm', FRESH, '--section', '规划科', '--consent-by', '测试丁', '--at', '2999-01-01 09:00', ...by],
        says: ['--at', '晚于当前时间'],
      },
      {
        args: ['confirm', FRESH, '--section', '规划科', '--consent-by', '测试丁', '--at', '2026-11-01 09:00', ...by],
        says: ['--at', '早于', '登记'],
      },
      {
        args: ['confirm', FRESH, '--section', '规划科', '--consent-by', '测试丁', '--at', '2026-11-02', ...by],
        says: ['--at', '只有日期'],
      },
      {
        args: ['confirm', FRESH, '--section', '  ', '--consent-by', '测试丁', '--at', '2026-11-02 10:00', ...by],
        says: ['--section', '不能为空'],
      },
      {
        args: ['confirm', FRESH, '--section', '规划科', '--consent-by', '', '--at', '2026-11-02 10:00', ...by],
        says: ['--consent-by', '不能为空'],
      },
      {
        args: ['classify', CONFIRMED_ID, '--class', '5', '--at', '2026-11-03 09:00', ...by],
        says: ['--class', '「5」', '1（需要本单位多科室协调解决）'],
      },
      {
        args: [
          'feedback',
          HANDLING_ID,
          '--kind',
          '进展',
          '--method',
          '微信',
          '--content',
          '已联系',
          '--at',
          '2026-11-05 09:00',
          ...by,
        ],
        says: ['--method', '电话、当面、书面、短信、其他'],
      },
      {
        args: ['decide', REPORTED_ID, '--decision', '4', '--difficulty', '简单', '--opinion', '留档', ...by],
        says: ['--difficulty', '只在办理意见为 1–3 时填写'],
      },
      {
        args: ['close', HANDLING_ID, '--outcome', '办成', '--result', '已办', '--refusal-reason', '无', ...by],
        says: ['--refusal-reason', '不能办理时'],
      },
      { args: ['confirm', 'ZJJ-2026-9999', '--section', '规划科', ...by], says: ['ZJJ-2026-9999', '找不到'] },
      { args: ['supervise', HANDLING_ID, '--by', ' ', '--at', '2026-11-05 09:00'], says: ['--by', '不能为空'] },
    ];
    const check = (result: CliResult, { args, says }: (typeof cases)[number]) => {
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      // One sentence; the legal next steps may follow as indented command lines.
      const lines = result.stderr
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('  '));
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^bbcs: /);
      expect(lines[0]).toMatch(HAN);
      for (const s of says) expect(lines[0], args.join(' ')).toContain(s);
    };
    for (const c of cases) check(await cli(c.args, r.ledger), c);
    // And one through the built program.
    check(await runAsync(cases[0]!.args, r.dir), cases[0]!);
    expectUntouched();
  });

  it('names every wrong flag of one run at once, in the order of the form, before anything is asked', async () => {
    const result = await cli(
      [
        'feedback',
        HANDLING_ID,
        '--kind',
        '中间',
        '--method',
        '微信',
        '--content',
        ' ',
        '--at',
        '2026-02-30 09:00',
        '--by',
        '测试己',
      ],
      r.ledger,
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bbcs: 4 项填写有误，没有写入任何内容：\n/);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  --'));
    expect(lines.map((l) => l.slice(2, l.indexOf('：')))).toEqual(['--at', '--kind', '--method', '--content']);
    expect(lines).toContain('  --content：反馈内容不能为空');
    expect(lines).toContain('  --kind：反馈类型「中间」不在可选范围内：可选 进展、结果');
    expectUntouched();
  });

  it('bbcs next shows the state and the legal next steps as commands, also as JSON', async () => {
    const text = await runAsync(['next', REPORTED_ID], r.dir);
    const json = await cli(['next', HANDLING_ID, '--json'], r.ledger);
    const done = await cli(['next', DONE], r.ledger);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('当前状态：已上报待区办研判');
    for (const c of ['decide', 'transfer', 'feedback']) expect(text.stdout).toContain(`bbcs ${c} ${REPORTED_ID}`);
    const data = JSON.parse(json.stdout) as {
      state: string;
      stateName: string;
      nextSteps: { type: string; command: string }[];
    };
    expect(data.stateName).toBe('办理中');
    expect(data.nextSteps.map((s) => s.command)).toEqual(
      ['supervise', 'feedback', 'close', 'transfer', 'typical'].map((c) => `bbcs ${c} ${HANDLING_ID}`),
    );
    expect(done.stdout).toContain(`bbcs typical ${DONE}`);
    expectUntouched();
  });
});

describe('writing without committing', () => {
  it('--no-commit writes the file and leaves it uncommitted', () => {
    const r = repo(itemFiles([item('ZJJ-2026-0301')]));
    const before = head(r.dir);
    const result = runBbcs(
      [
        'confirm',
        'ZJJ-2026-0301',
        '--section',
        '规划科',
        '--consent-by',
        '测试丁',
        '--at',
        '2026-11-02 10:00',
        '--by',
        '测试己',
        '--no-commit',
      ],
      r.dir,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('已写入 ledger/zjj/ZJJ-2026-0301.yaml。');
    expect(head(r.dir)).toBe(before);
    expect(git(r.dir, 'status', '--porcelain')).toBe(' M ledger/zjj/ZJJ-2026-0301.yaml\n');
    expect(readItem(r, 'ZJJ-2026-0301').events.at(-1)?.type).toBe('confirmed');
  });

  it('outside a Git repository it warns and still writes; --json reports the result', () => {
    const r = repo(itemFiles([item('ZJJ-2026-0302')]), false);
    const result = runBbcs(
      [
        'confirm',
        'ZJJ-2026-0302',
        '--section',
        '规划科',
        '--consent-by',
        '测试丁',
        '--at',
        '2026-11-02 10:00',
        '--by',
        '测试己',
        '--json',
      ],
      r.dir,
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('不在 Git 仓库中');
    const data = JSON.parse(result.stdout) as { commit: string | null; state: string; event: LedgerEvent };
    expect(data).toMatchObject({
      commit: null,
      state: 'confirmed',
      event: { type: 'confirmed', section: '规划科', at: '2026-11-02T10:00:00+08:00' },
    });
    expect(readItem(r, 'ZJJ-2026-0302').events.at(-1)?.type).toBe('confirmed');
  });
});

// ---------------------------------------------------------------------------------------------
// The questions, in process, answered by a script instead of a person

interface Asked {
  kind: 'input' | 'select' | 'confirm';
  message: string;
  choices?: string[];
  default?: unknown;
  refused?: string[];
}

class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  constructor(private readonly answers: (string | boolean)[]) {}
  private next(): string | boolean {
    if (this.answers.length === 0) throw new Error(`no answer left for: ${this.asked.at(-1)?.message}`);
    return this.answers.shift()!;
  }
  async input(
    message: string,
    options: { default?: string; validate?: (value: string) => string | true } = {},
  ): Promise<string> {
    const asked: Asked = { kind: 'input', message, default: options.default, refused: [] };
    this.asked.push(asked);
    for (;;) {
      const raw = String(this.next());
      const answer = raw === '' && options.default !== undefined ? options.default : raw;
      const verdict = options.validate ? options.validate(answer) : true;
      if (verdict === true) return answer;
      asked.refused!.push(verdict);
    }
  }
  async select<T extends string>(message: string, choices: readonly Choice<T>[], defaultValue?: T): Promise<T> {
    this.asked.push({ kind: 'select', message, choices: choices.map((c) => c.name), default: defaultValue });
    const answer = String(this.next());
    const chosen = choices.find((c) => c.value === answer);
    if (!chosen) throw new Error(`${answer} is not among the choices of ${message}`);
    return chosen.value;
  }
  async confirm(message: string): Promise<boolean> {
    this.asked.push({ kind: 'confirm', message });
    return this.next() === true;
  }
}

describe('in a terminal: the questions', () => {
  let r: TempRepo;
  let out: string;
  beforeAll(() => {
    r = repo(
      itemFiles([
        item('ZJJ-2026-0401', REPORTED),
        item('ZJJ-2026-0402', REPORTED),
        item('ZJJ-2026-0403'),
        item('ZJJ-2026-0404', HANDLING),
      ]),
    );
    process.env.BBCS_OFFICER = '测试丙';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    delete process.env.BBCS_OFFICER;
  });

  it('decide asks each field with the meanings shown, refuses an empty answer, previews, then writes and commits', async () => {
    out = '';
    const before = commitCount(r.dir);
    const prompter = new ScriptedPrompter(['1', '特别复杂', 'wangying', '', '退回王营街道办理', true]);
    const code = await runStep('decide', 'ZJJ-2026-0401', { ledger: r.ledger, at: '2026-11-04 10:00' }, { prompter });
    expect(code).toBe(0);
    expect(prompter.asked.map((a) => a.kind)).toEqual(['select', 'select', 'select', 'input', 'confirm']);
    expect(prompter.asked[0]!.choices).toContain('1  可以办理，退回原上报单位重新办理');
    expect(prompter.asked[0]!.choices).toHaveLength(4);
    expect(prompter.asked[1]!.choices).toEqual(['简单', '复杂', '特别复杂']);
    // Worded from the ledger's policy (here the defaults), not written into the question.
    expect(prompter.asked[1]!.message).toBe(
      '难易程度（决定向当事方反馈的期限：简单 3、复杂 5、特别复杂 10 个工作日）：',
    );
    expect(prompter.asked[2]!.default).toBe('zjj');
    expect(prompter.asked[3]!.refused).toEqual(['办理意见说明不能为空']);
    expect(out).toContain('将为事项 ZJJ-2026-0401（测试事项 ZJJ-2026-0401）记录：区办研判（decided）');
    expect(out).toContain('办理意见：1 可以办理，退回原上报单位重新办理');
    expect(out).toContain('责任单位：wangying（淮阴区王营街道办事处）');
    expect(out).toContain('之后的状态：办理中');
    expect(readItem(r, 'ZJJ-2026-0401').events.at(-1)).toEqual({
      type: 'decided',
      at: '2026-11-04T10:00:00+08:00',
      by: '测试丙',
      unit: 'qbb',
      decision: 1,
      difficulty: '特别复杂',
      responsible_unit: 'wangying',
      opinion: '退回王营街道办理',
    });
    expect(commitCount(r.dir)).toBe(before + 1);
  });

  it('decision 4 asks neither difficulty nor responsible unit; declining the preview writes nothing', async () => {
    const original = bytes(r, 'ZJJ-2026-0402');
    const before = head(r.dir);
    const prompter = new ScriptedPrompter(['4', '留档暂存', false]);
    await expect(
      runStep('decide', 'ZJJ-2026-0402', { ledger: r.ledger, at: '2026-11-04 10:00' }, { prompter }),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(prompter.asked.map((a) => a.kind)).toEqual(['select', 'input', 'confirm']);
    expect(bytes(r, 'ZJJ-2026-0402').equals(original)).toBe(true);
    expect(head(r.dir)).toBe(before);
  });

  it('flags given are not asked again; the leader from unit.yaml is offered as consent; --yes skips the preview', async () => {
    const prompter = new ScriptedPrompter(['']);
    const code = await runStep(
      'confirm',
      'ZJJ-2026-0403',
      { ledger: r.ledger, at: '2026-11-02 10:00', section: '规划科', yes: true },
      { prompter },
    );
    expect(code).toBe(0);
    expect(prompter.asked).toEqual([
      { kind: 'input', message: '同意的分管领导姓名：', default: '测试丁', refused: [] },
    ]);
    expect(readItem(r, 'ZJJ-2026-0403').events.at(-1)).toMatchObject({
      type: 'confirmed',
      section: '规划科',
      consent_by: '测试丁',
    });
  });

  it('bbcs next offers first the step that ends the running deadline, then asks 时间 and its fields', async () => {
    out = '';
    const prompter = new ScriptedPrompter(['feedback', '', '结果', '当面', '已告知办理结果', true]);
    const code = await runNext('ZJJ-2026-0404', { ledger: r.ledger }, { prompter });
    expect(code).toBe(0);
    // Decided as 简单 on 2026-11-04: the 3-day feedback deadline runs, and feedback ends it.
    expect(prompter.asked[0]!.default).toBe('feedback');
    expect(prompter.asked[1]).toMatchObject({ kind: 'input', message: '时间（北京时间，直接回车为现在）：' });
    expect(prompter.asked[1]!.default).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(prompter.asked[0]!.choices).toEqual([
      '交办督办（bbcs supervise）',
      '向当事方反馈（bbcs feedback）',
      '办结（bbcs close）',
      '转办（bbcs transfer）',
      '标记典型案例（bbcs typical）',
      '暂不办理',
    ]);
    expect(prompter.asked[2]!.choices).toEqual(['进展', '结果']);
    expect(readItem(r, 'ZJJ-2026-0404').events.at(-1)).toMatchObject({
      type: 'feedback',
      kind: '结果',
      method: '当面',
      content: '已告知办理结果',
      by: '测试丙',
    });
  });
});

describe('times as officers type them', () => {
  it('reads China wall-clock times and ISO times with an offset, whatever the machine zone', () => {
    expect(parseEnteredTime('2026-11-02 10:00')).toEqual({ ok: true, epochMs: Date.UTC(2026, 10, 2, 2, 0) });
    expect(parseEnteredTime('2026-11-02T10:00:30')).toEqual({ ok: true, epochMs: Date.UTC(2026, 10, 2, 2, 0, 30) });
    expect(parseEnteredTime('2026-11-02T02:00:00Z')).toEqual({ ok: true, epochMs: Date.UTC(2026, 10, 2, 2, 0) });
    expect(parseEnteredTime(' 2026-11-02 10:00+08:00 ')).toEqual({ ok: true, epochMs: Date.UTC(2026, 10, 2, 2, 0) });
    expect(parseEnteredTime('2026-02-30 10:00')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseEnteredTime('2026-11-02')).toEqual({ ok: false, problem: 'date-only' });
    expect(parseEnteredTime('2026-11-02 25:00')).toEqual({ ok: false, problem: 'out-of-range' });
    expect(parseEnteredTime('明天上午')).toEqual({ ok: false, problem: 'format' });
  });
});
