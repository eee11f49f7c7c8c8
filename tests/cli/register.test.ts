import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runRegister } from '../../src/cli/commands/register.js';
import { Cancelled, type Choice, type Prompter } from '../../src/cli/prompts.js';
import { runBbcs, tempLedger, type CliResult, type FileSpec, type TempRepo } from '../helpers/temp-ledger.js';
import { HAS_TMUX, Terminal } from '../helpers/terminal.js';

/**
 * `bbcs register` in temporary Git repositories holding the mini ledger (units qbb, zjj,
 * wangying; items ZJJ-2026-0001/0002, WANGYING-2026-0001): through flags, a prepared file, the
 * real program in a pseudo-terminal (tmux), and the question flow with scripted answers.
 * Every registration passes an explicit 受理时间 in the past, so nothing depends on the clock.
 */

const ENV = { BBCS_OFFICER: '王敏', BBCS_UNIT: '', BBCS_EMAIL: 'wangmin@example.invalid', BBCS_LEDGER: '' };
const HAN = /\p{Script=Han}/u;

const FORM: readonly string[] = [
  '--unit',
  'zjj',
  '--party',
  '淮阴某建材有限公司',
  '--party-kind',
  '企业',
  '--phone',
  '0517-84901234',
  '--by',
  '王敏',
  '--at',
  '2026-11-20 10:00',
  '--title',
  '老旧小区加装电梯规划许可',
  '--reason',
  '涉及规划、消防多个部门审批，本单位无法单独办理',
  '--scope',
  '1',
  '--channel',
  '窗口',
];

/** FORM with some flags given other values (or removed, with `undefined`). */
function form(changes: Record<string, string | undefined> = {}): string[] {
  const out: string[] = [];
  for (let i = 0; i < FORM.length; i += 2) {
    const flag = FORM[i]!;
    if (flag in changes) {
      const value = changes[flag];
      if (value !== undefined) out.push(flag, value);
    } else out.push(flag, FORM[i + 1]!);
  }
  for (const [flag, value] of Object.entries(changes))
    if (!FORM.includes(flag) && value !== undefined) out.push(flag, value);
  return out;
}

const repos: TempRepo[] = [];
function repo(files: Record<string, FileSpec> = {}, git = true): TempRepo {
  const r = tempLedger(files, undefined, git);
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
}

function register(r: TempRepo, args: readonly string[], env: Record<string, string> = {}): CliResult {
  return runBbcs(['register', ...args], r.dir, { ...ENV, ...env });
}

function readItem(r: TempRepo, file: string): Record<string, unknown> {
  return parse(readFileSync(path.join(r.ledger, file), 'utf8')) as Record<string, unknown>;
}

function itemFiles(r: TempRepo): string[] {
  return readdirSync(r.ledger, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'calendar')
    .flatMap((d) =>
      readdirSync(path.join(r.ledger, d.name))
        .filter((f) => f !== 'unit.yaml')
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}

/** What the repository looks like: HEAD, the status, the item files; unchanged means nothing was written. */
function snapshot(r: TempRepo): string {
  return [
    git(r.dir, 'rev-parse', 'HEAD'),
    git(r.dir, 'status', '--porcelain', '--untracked-files=all'),
    ...itemFiles(r),
  ].join('\n');
}

function expectValid(r: TempRepo): void {
  const result = runBbcs(['validate'], r.dir, ENV);
  expect(result.status, result.stdout).toBe(0);
}

function expectRefused(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stdout + result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^bbcs: /);
  expect(result.stderr).toMatch(HAN);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|内部错误/);
  expect(result.stdout).toBe('');
}

describe('bbcs register: through flags', () => {
  it('writes the form as the next number of the unit and year, commits it as the officer, and validate passes', () => {
    const r = repo();
    const result = register(r, [...FORM, '--remark', '当事人要求书面答复']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('已登记，工单编号 ZJJ-2026-0003。');
    expect(result.stdout).toContain('已写入 ledger/zjj/ZJJ-2026-0003.yaml，已提交 ');
    expect(result.stdout).toContain('请把工单编号 ZJJ-2026-0003 告知办理对象淮阴某建材有限公司。');

    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toEqual({
      id: 'ZJJ-2026-0003',
      unit: 'zjj',
      party: { name: '淮阴某建材有限公司', kind: '企业', phone: '0517-84901234' },
      title: '老旧小区加装电梯规划许可',
      reason: '涉及规划、消防多个部门审批，本单位无法单独办理',
      remark: '当事人要求书面答复',
      scope: '一',
      channel: '窗口',
      events: [{ type: 'registered', at: '2026-11-20T10:00:00+08:00', by: '王敏' }],
    });
    const text = readFileSync(path.join(r.ledger, 'zjj/ZJJ-2026-0003.yaml'), 'utf8');
    expect(text).toContain('at: 2026-11-20T10:00:00+08:00 # 受理时间');

    const [author, email, ...body] = git(r.dir, 'log', '-1', '--format=%an%n%ae%n%B').trim().split('\n');
    expect(author).toBe('王敏');
    expect(email).toBe('wangmin@example.invalid');
    expect(body.join('\n')).toBe(
      [
        'bbcs: registered ZJJ-2026-0003（zjj）登记',
        '',
        '登记：淮阴某建材有限公司（企业）“老旧小区加装电梯规划许可”，受理人员 王敏',
        '',
        'Bbcs-Step: registered',
        'Bbcs-Item: ZJJ-2026-0003',
        'Bbcs-Unit: zjj',
        'Bbcs-Officer: 王敏',
      ].join('\n'),
    );
    expect(git(r.dir, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('ledger/zjj/ZJJ-2026-0003.yaml');
    expect(git(r.dir, 'status', '--porcelain')).toBe('');
    expectValid(r);
  });

  it('commits only the new file, leaving other staged and unstaged changes as they were', () => {
    const r = repo();
    writeFileSync(path.join(r.dir, 'notes.txt'), 'staged\n');
    git(r.dir, 'add', 'notes.txt');
    writeFileSync(
      path.join(r.ledger, 'policy.yaml'),
      `${readFileSync(path.join(r.ledger, 'policy.yaml'), 'utf8')}# 未提交的修改\n`,
    );
    const result = register(r, FORM);
    expect(result.status, result.stderr).toBe(0);
    expect(git(r.dir, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe('ledger/zjj/ZJJ-2026-0003.yaml');
    expect(git(r.dir, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M ledger/policy.yaml',
      'A  notes.txt',
    ]);
  });

  it('takes 受理人员 and the unit from the configuration and 受理时间 from the clock when not given', () => {
    const r = repo();
    const result = register(r, form({ '--unit': undefined, '--by': undefined, '--at': undefined }), {
      BBCS_UNIT: 'wangying',
      BBCS_OFFICER: '李静',
    });
    expect(result.status, result.stderr).toBe(0);
    const item = readItem(r, 'wangying/WANGYING-2026-0002.yaml');
    const [event] = item.events as { by: string; at: string }[];
    expect(event!.by).toBe('李静');
    expect(event!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(git(r.dir, 'log', '-1', '--format=%an')).toBe('李静\n');
  });

  it('numbers by the China-time year of 受理时间 and never reuses a number whose file was removed', () => {
    const r = repo();
    // 2025-12-31 16:30 UTC is already 2026-01-01 in China.
    expect(register(r, form({ '--at': '2025-12-31T16:30:00Z' })).stdout).toContain('ZJJ-2026-0003');
    expect(register(r, form({ '--at': '2025-12-31T15:30:00Z' })).stdout).toContain('ZJJ-2025-0001');
    git(r.dir, 'rm', '-q', 'ledger/zjj/ZJJ-2026-0003.yaml');
    git(r.dir, '-c', 'user.name=测试', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', '误登记，删除');
    const again = register(r, FORM);
    expect(again.stdout).toContain('工单编号 ZJJ-2026-0004');
    expect(existsSync(path.join(r.ledger, 'zjj/ZJJ-2026-0003.yaml'))).toBe(false);
  });

  it('records a refusal on the spot right after registration, with its legal basis', () => {
    const r = repo();
    const result = register(r, [...FORM, '--refuse-on-spot', '--legal-basis', '《城乡规划法》第四十条']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('已登记，工单编号 ZJJ-2026-0003（当场告知不能办理）。');
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml').events).toEqual([
      { type: 'registered', at: '2026-11-20T10:00:00+08:00', by: '王敏' },
      { type: 'refused_on_spot', at: '2026-11-20T10:00:00+08:00', by: '王敏', legal_basis: '《城乡规划法》第四十条' },
    ]);
    expect(git(r.dir, 'log', '-1', '--format=%s')).toBe('bbcs: refused_on_spot ZJJ-2026-0003（zjj）当场告知不能办理\n');
    expect(git(r.dir, 'log', '-1', '--format=%b')).toContain(
      '登记并当场告知不能办理：淮阴某建材有限公司（企业）“老旧小区加装电梯规划许可”，受理人员 王敏；法律依据：《城乡规划法》第四十条',
    );
    expectValid(r);
  });

  it('registers what the 区办 collected in the 区办 folder, with the responsible unit', () => {
    const r = repo();
    const result = register(r, [
      ...form({ '--unit': undefined, '--channel': '区办收集' }),
      '--responsible-unit',
      'zjj',
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { id: string; file: string; ledgerFile: string; commit: string };
    expect(out).toMatchObject({
      id: 'QBB-2026-0001',
      ledgerFile: 'qbb/QBB-2026-0001.yaml',
      file: path.join(r.ledger, 'qbb/QBB-2026-0001.yaml'),
    });
    expect(out.commit).toBe(git(r.dir, 'rev-parse', 'HEAD').trim());
    expect(readItem(r, 'qbb/QBB-2026-0001.yaml')).toMatchObject({
      unit: 'qbb',
      channel: '区办收集',
      responsible_unit: 'zjj',
    });
    expectValid(r);

    const before = snapshot(r);
    expectRefused(
      register(r, [...form({ '--channel': '区办收集' }), '--responsible-unit', 'wangying']),
      /区办收集的事项登记在区办（qbb）名下：--unit 应为 qbb 或不写/,
    );
    expectRefused(
      register(r, form({ '--unit': undefined, '--channel': '区办收集' })),
      /--responsible-unit（责任单位）/,
    );
    expect(snapshot(r)).toBe(before);
  });

  it('--no-commit writes the file without committing; outside Git it warns and still writes', () => {
    const r = repo();
    const head = git(r.dir, 'rev-parse', 'HEAD');
    expect(register(r, [...FORM, '--no-commit']).status).toBe(0);
    expect(git(r.dir, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(r.dir, 'status', '--porcelain', '--untracked-files=all')).toBe('?? ledger/zjj/ZJJ-2026-0003.yaml\n');

    const plain = repo({}, false);
    const result = register(plain, FORM);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('注意：台账不在 Git 仓库中：文件已写入，但没有提交，也就没有留痕记录。\n');
    expect(existsSync(path.join(plain.ledger, 'zjj/ZJJ-2026-0003.yaml'))).toBe(true);
  });
});

describe('bbcs register: what it refuses', () => {
  it('without a terminal names each missing required flag, and writes nothing', () => {
    const r = repo();
    const before = snapshot(r);
    // No officer configured anywhere: not in the environment, not in any git config.
    const result = register(r, ['--unit', 'zjj', '--phone', '13812345678'], {
      BBCS_OFFICER: '',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    });
    expectRefused(result, /当前不是交互式终端/);
    for (const flag of [
      '--party（办理对象）',
      '--party-kind',
      '--by（受理人员）',
      '--title',
      '--reason',
      '--scope',
      '--channel',
    ])
      expect(result.stderr).toContain(flag);
    for (const flag of ['--unit', '--phone', '--at', '--remark']) expect(result.stderr).not.toContain(flag);
    expectRefused(register(r, [...FORM, '--refuse-on-spot']), /请用 --legal-basis（法律依据） 提供/);
    expect(snapshot(r)).toBe(before);
  });

  const BAD: [string, string[], RegExp][] = [
    [
      'a wrong phone',
      form({ '--phone': '1381234' }),
      /^bbcs: --phone：联系电话「1381234」不是有效的电话号码：可填手机号/,
    ],
    ['an empty title', form({ '--title': '  ' }), /^bbcs: --title：受理事项名称不能为空$/m],
    [
      'an unknown unit',
      form({ '--unit': 'zjjj' }),
      /^bbcs: --unit：单位「zjjj」不存在：是不是 zjj（.*）？台账中的单位有 qbb（.*）、wangying（.*）、zjj（.*）$/m,
    ],
    [
      'a time in the future',
      form({ '--at': '2999-01-01 10:00' }),
      /^bbcs: --at：受理时间 2999-01-01 10:00 晚于当前时间 .*只能登记已经受理的事项/,
    ],
    [
      'a date that does not exist',
      form({ '--at': '2026-02-30 10:00' }),
      /^bbcs: --at：受理时间「2026-02-30 10:00」中的日期不存在：可写 2026-03-02 09:30（北京时间）/,
    ],
  ];
  it('refuses a wrong phone, an empty title, an unknown unit, a future time and 2026-02-30 with one Chinese sentence each, and writes nothing', () => {
    const r = repo();
    const before = snapshot(r);
    for (const [name, args, pattern] of BAD) {
      const result = register(r, args);
      expect(result.stderr, name).toMatch(pattern);
      expectRefused(result, pattern);
    }
    expect(snapshot(r)).toBe(before);
  });

  it('names every wrong flag of one run at once', () => {
    const r = repo();
    const before = snapshot(r);
    const result = register(
      r,
      form({ '--phone': '1381234', '--title': '  ', '--at': '2026-02-30 10:00', '--scope': '七' }),
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^bbcs: 4 项填写有误，没有登记：\n/);
    expect(result.stderr).not.toMatch(/\n\s+at |Error:|内部错误/);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('  --'));
    expect(lines.map((l) => l.slice(2, l.indexOf('：')))).toEqual(['--phone', '--at', '--title', '--scope']);
    expect(result.stderr).toContain('  --title：受理事项名称不能为空');
    expect(snapshot(r)).toBe(before);
  });

  it('refuses a scope, a kind or a channel outside the 管理办法, and related items that do not exist', () => {
    const r = repo();
    const before = snapshot(r);
    expectRefused(register(r, form({ '--scope': '七' })), /--scope：适用范围应为第三条的 一 至 六/);
    expectRefused(
      register(r, [...FORM, '--related', 'ZJJ-2026-0099']),
      /--related：关联事项 ZJJ-2026-0099 在台账中不存在/,
    );
    expectRefused(register(r, [...FORM, '--legal-basis', '某法']), /--legal-basis 须与 --refuse-on-spot 一起使用/);
    expect(snapshot(r)).toBe(before);
  });
});

describe('bbcs register --from', () => {
  const PREPARED = [
    '# 窗口收件时准备好的登记内容',
    'unit: zjj',
    'party:',
    '  name: 测试群众',
    '  kind: 群众',
    '  phone: 13900003333',
    'title: 车库改商铺',
    'reason: 不符合规划用途',
    'scope: 六',
    'channel: "12345"',
    'related:',
    '  - ZJJ-2026-0001',
    '',
  ].join('\n');

  it('registers a prepared file, with 受理人员 and 受理时间 from flags', () => {
    const r = repo({ '../prepared.yaml': PREPARED });
    const result = register(r, ['--from', 'prepared.yaml', '--by', '王敏', '--at', '2026-11-21 09:00']);
    expect(result.status, result.stderr).toBe(0);
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toEqual({
      id: 'ZJJ-2026-0003',
      unit: 'zjj',
      party: { name: '测试群众', kind: '群众', phone: '13900003333' },
      title: '车库改商铺',
      reason: '不符合规划用途',
      scope: '六',
      channel: '12345',
      related: ['ZJJ-2026-0001'],
      events: [{ type: 'registered', at: '2026-11-21T09:00:00+08:00', by: '王敏' }],
    });
    expectValid(r);
  });

  it('imports a history written in the file, checked as validate checks it', () => {
    const history = `${PREPARED}events:\n  - type: registered\n    at: 2026-11-02 09:00\n    by: 李静\n  - type: confirmed\n    at: 2026-11-03T10:00:00+08:00\n    by: 李静\n    section: 规划科\n    consent_by: 测试丁\n`;
    const r = repo({ '../history.yaml': history });
    const result = register(r, ['--from', 'history.yaml']);
    expect(result.status, result.stderr).toBe(0);
    const item = readItem(r, 'zjj/ZJJ-2026-0003.yaml');
    expect((item.events as { type: string }[]).map((e) => e.type)).toEqual(['registered', 'confirmed']);
    expect((item.events as { at: string }[])[0]!.at).toBe('2026-11-02T09:00:00+08:00');
    expect(git(r.dir, 'log', '-1', '--format=%an')).toBe('李静\n');
    expectValid(r);
    expectRefused(register(r, ['--from', 'history.yaml', '--by', '王敏']), /--by 不能与含有 events 的 --from 文件同用/);
  });

  it('reports every problem of the file with its line, and writes nothing', () => {
    const broken = `id: ZJJ-2026-0009\n${PREPARED.replace('  phone: 13900003333', '  phnoe: 13900003333').replace('title:', 'titel:')}events:\n  - type: confirmed\n    at: 2026-11-03T10:00:00+08:00\n    by: 李静\n    section: 规划科\n    consent_by: 测试丁\n`;
    const r = repo({
      '../broken.yaml': broken,
      '../events.yaml': `${PREPARED}events:\n  - type: confirmed\n    at: 2026-11-03T10:00:00+08:00\n    by: 李静\n    section: 规划科\n    consent_by: 测试丁\n`,
    });
    const before = snapshot(r);
    const result = register(r, ['--from', 'broken.yaml', '--by', '王敏']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('broken.yaml:1:1: 错误: 准备登记的文件中不要写 id（工单编号） [unknown-field]');
    expect(result.stderr).toMatch(
      /broken\.yaml:7:3: 错误: 未知字段「party\.phnoe」 \[unknown-field\]\n {2}7 \| {3}phnoe: 13900003333\n {4}\| {3}\^\n {2}提示：是不是想写 phone？/,
    );
    expect(result.stderr).toMatch(/broken\.yaml:8:1: 错误: 未知字段「titel」.*\n.*\n.*\n {2}提示：是不是想写 title？/);
    expect(result.stderr).toMatch(/bbcs: --from 文件 broken\.yaml 有 3 个问题（见上），没有登记\n$/);
    const events = register(r, ['--from', 'events.yaml']);
    expect(events.status).toBe(2);
    expect(events.stderr).toMatch(/events\.yaml:\d+:\d+: 错误: .*\[illegal-transition\]/);
    expect(snapshot(r)).toBe(before);
  });

  it('refuses a flag that contradicts the file', () => {
    const r = repo({ '../prepared.yaml': PREPARED });
    expectRefused(
      register(r, ['--from', 'prepared.yaml', '--title', '别的事项']),
      /--title 的值「别的事项」与--from 文件中的 title「车库改商铺」不一致/,
    );
  });
});

/* ---------- Questions, answered by a script ---------- */

interface Asked {
  kind: 'input' | 'select' | 'confirm';
  message: string;
  choices?: string[];
  defaultValue?: unknown;
  rejected?: string[];
}

/** Answers questions by their wording; `tries` are typed first and must be rejected with a message. */
class ScriptedPrompter implements Prompter {
  asked: Asked[] = [];
  constructor(private readonly answers: { match: string; answer: string | boolean; tries?: string[] }[]) {}

  private next(message: string) {
    const index = this.answers.findIndex((a) => message.includes(a.match));
    if (index === -1) throw new Error(`unexpected question: ${message}`);
    return this.answers.splice(index, 1)[0]!;
  }

  async input(
    message: string,
    options: { default?: string; validate?: (value: string) => string | true } = {},
  ): Promise<string> {
    const a = this.next(message);
    const rejected = (a.tries ?? []).map((t) => options.validate?.(t));
    this.asked.push({ kind: 'input', message, defaultValue: options.default, rejected: rejected.map(String) });
    const answer = a.answer === '' && options.default !== undefined ? options.default : String(a.answer);
    if (options.validate && options.validate(answer) !== true) throw new Error(`answer refused: ${message} ${answer}`);
    return answer;
  }

  async select<T extends string>(message: string, choices: readonly Choice<T>[], defaultValue?: T): Promise<T> {
    const a = this.next(message);
    this.asked.push({ kind: 'select', message, choices: choices.map((c) => c.value), defaultValue });
    const answer = a.answer === '' ? defaultValue : (a.answer as T);
    if (!choices.some((c) => c.value === answer)) throw new Error(`not a choice: ${String(answer)}`);
    return answer!;
  }

  async confirm(message: string, defaultValue = true): Promise<boolean> {
    const a = this.next(message);
    this.asked.push({ kind: 'confirm', message, defaultValue });
    if (a.answer === 'Ctrl-C') throw new Cancelled('已取消');
    return a.answer as boolean;
  }
}

describe('bbcs register: the questions', () => {
  const saved = { ...process.env };
  const cwd = process.cwd();
  let output = '';
  beforeEach(() => {
    Object.assign(process.env, { BBCS_OFFICER: '王敏', BBCS_UNIT: 'zjj', BBCS_EMAIL: 'wangmin@example.invalid' });
    output = '';
  });
  afterEach(() => {
    process.env = { ...saved };
    process.chdir(cwd);
  });
  const io = (prompter: Prompter) => ({ prompter, interactive: true, out: (text: string) => void (output += text) });

  it('asks every field in the order of the form, checks answers as typed, shows the form and registers on confirmation', async () => {
    const r = repo();
    process.chdir(r.dir);
    const prompter = new ScriptedPrompter([
      { match: '登记单位', answer: '' },
      { match: '办理对象（', answer: '淮阴某公司', tries: ['  '] },
      { match: '办理对象类型', answer: '企业' },
      { match: '联系电话', answer: '0517-84901234', tries: ['1381234', ''] },
      { match: '受理人员', answer: '' },
      { match: '受理时间', answer: '2026-11-20 10:00', tries: ['2026-02-30 10:00', '2999-01-01 10:00', '2026-11-20'] },
      { match: '受理事项名称', answer: '加装电梯', tries: [''] },
      { match: '原因', answer: '涉及多个部门' },
      { match: '适用范围', answer: '二' },
      { match: '来源渠道', answer: '' },
      { match: '备注', answer: '' },
      { match: '当场告知不能办理', answer: false },
      { match: '确认登记', answer: true },
    ]);
    const code = await runRegister({ ledger: r.ledger }, io(prompter));
    expect(code).toBe(0);
    expect(prompter.asked.map((a) => a.message)).toEqual([
      '登记单位：',
      '办理对象（企业名称或群众姓名）：',
      '办理对象类型：',
      '联系电话：',
      '受理人员：',
      '受理时间（北京时间，如 2026-03-02 09:30）：',
      '受理事项名称：',
      '“办不成事”原因：',
      '适用范围（《管理办法》第三条）：',
      '来源渠道：',
      '备注（选填，直接回车跳过）：',
      '明显违反法律法规、当场告知不能办理？',
      '确认登记？',
    ]);
    const [unitQ, partyQ, , phoneQ, byQ, atQ, titleQ, , scopeQ, channelQ, , refuseQ] = prompter.asked;
    expect(unitQ).toMatchObject({ choices: ['qbb', 'wangying', 'zjj'], defaultValue: 'zjj' });
    expect(partyQ!.rejected).toEqual(['办理对象不能为空']);
    expect(phoneQ!.rejected![0]).toMatch(/^联系电话「1381234」不是有效的电话号码：可填手机号/);
    expect(phoneQ!.rejected![1]).toMatch(/^联系电话不能为空/);
    expect(byQ!.defaultValue).toBe('王敏');
    expect(atQ!.defaultValue).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(atQ!.rejected![0]).toMatch(/中的日期不存在/);
    expect(atQ!.rejected![1]).toMatch(/晚于当前时间/);
    expect(atQ!.rejected![2]).toMatch(/只有日期，没有时刻/);
    expect(titleQ!.rejected).toEqual(['受理事项名称不能为空']);
    expect(scopeQ!.choices).toEqual(['一', '二', '三', '四', '五', '六']);
    // Only the 区办 collects matters itself.
    expect(channelQ).toMatchObject({
      choices: ['窗口', '12345', '项目推进', '部门协调', '上级交办', '投诉举报', '其他'],
      defaultValue: '窗口',
    });
    expect(refuseQ!.defaultValue).toBe(false);

    expect(output).toContain('“办不成事”事项登记表');
    expect(output).toContain('登记单位：淮阴区住房和城乡建设局（zjj）    工单编号：ZJJ-2026-0003');
    expect(output).toMatch(/│ 办理对象\s+│ 淮阴某公司（企业）\s+│ 联系电话\s+│ 0517-84901234\s+│/);
    expect(output).toMatch(/│ 受理人员\s+│ 王敏\s+│ 受理时间\s+│ 2026-11-20 10:00\s+│/);
    expect(output).toContain('适用范围：第三条（二）项目推动过程中难以解决的事项');
    expect(output).toContain('已登记，工单编号 ZJJ-2026-0003。');
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toMatchObject({
      scope: '二',
      channel: '窗口',
      events: [{ type: 'registered', at: '2026-11-20T10:00:00+08:00', by: '王敏' }],
    });
  });

  it('asks only what flags left open; for the 区办 offers 区办收集 and then the responsible unit', async () => {
    const r = repo();
    const prompter = new ScriptedPrompter([
      { match: '登记单位', answer: 'qbb' },
      { match: '来源渠道', answer: '' },
      { match: '责任单位', answer: 'wangying' },
      { match: '备注', answer: '走访企业时收集' },
      { match: '确认登记', answer: true },
    ]);
    const flags = {
      party: '某商户',
      partyKind: '企业',
      phone: '13812345678',
      by: '王敏',
      at: '2026-11-20 10:00',
      title: '店招审批',
      reason: '多部门职责交叉',
      scope: '6',
    };
    expect(await runRegister({ ledger: r.ledger, ...flags }, io(prompter))).toBe(0);
    expect(prompter.asked.find((a) => a.message === '来源渠道：')).toMatchObject({ defaultValue: '区办收集' });
    expect(prompter.asked.find((a) => a.message.startsWith('来源渠道'))!.choices).toContain('区办收集');
    expect(prompter.asked.some((a) => a.message.includes('当场告知'))).toBe(false);
    expect(readItem(r, 'qbb/QBB-2026-0001.yaml')).toMatchObject({
      unit: 'qbb',
      channel: '区办收集',
      responsible_unit: 'wangying',
      remark: '走访企业时收集',
    });
  });

  it('asks the legal basis after a refusal on the spot', async () => {
    const r = repo();
    const prompter = new ScriptedPrompter([
      { match: '当场告知不能办理', answer: true },
      { match: '法律依据', answer: '《治安管理处罚法》第二十三条', tries: [' '] },
      { match: '确认登记', answer: true },
    ]);
    expect(
      await runRegister(
        {
          ledger: r.ledger,
          ...Object.fromEntries([
            ['unit', 'zjj'],
            ['party', '某人'],
            ['partyKind', '群众'],
            ['phone', '13812345678'],
            ['by', '王敏'],
            ['at', '2026-11-20 10:00'],
            ['title', '违规搭建'],
            ['reason', '明显违法'],
            ['scope', '6'],
            ['channel', '窗口'],
            ['remark', ''],
          ]),
        },
        io(prompter),
      ),
    ).toBe(0);
    expect(prompter.asked.find((a) => a.message.includes('法律依据'))!.rejected).toEqual(['法律依据不能为空']);
    expect(output).toContain('当场告知不能办理：是；法律依据：《治安管理处罚法》第二十三条');
    expect((readItem(r, 'zjj/ZJJ-2026-0003.yaml').events as { type: string }[]).map((e) => e.type)).toEqual([
      'registered',
      'refused_on_spot',
    ]);
  });

  it('writes nothing when the officer declines the form or presses Ctrl-C at the last question', async () => {
    const r = repo();
    const before = snapshot(r);
    const flags = {
      unit: 'zjj',
      party: '某人',
      partyKind: '群众',
      phone: '13812345678',
      by: '王敏',
      at: '2026-11-20 10:00',
      title: '事项',
      reason: '原因',
      scope: '1',
      channel: '窗口',
      remark: '',
      refuseOnSpot: false,
    };
    await expect(
      runRegister({ ledger: r.ledger, ...flags }, io(new ScriptedPrompter([{ match: '确认登记', answer: false }]))),
    ).rejects.toBeInstanceOf(Cancelled);
    await expect(
      runRegister({ ledger: r.ledger, ...flags }, io(new ScriptedPrompter([{ match: '确认登记', answer: 'Ctrl-C' }]))),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(snapshot(r)).toBe(before);
  });

  it('--yes takes the defaults and registers without asking again', async () => {
    const r = repo();
    const prompter = new ScriptedPrompter([]);
    const flags = {
      party: '某人',
      partyKind: '群众',
      phone: '13812345678',
      title: '事项',
      reason: '原因',
      scope: '1',
      channel: '窗口',
      yes: true,
    };
    expect(await runRegister({ ledger: r.ledger, ...flags }, io(prompter))).toBe(0);
    expect(prompter.asked).toEqual([]);
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toMatchObject({
      unit: 'zjj',
      events: [{ type: 'registered', by: '王敏' }],
    });
  });
});

/* ---------- The real program in a pseudo-terminal ---------- */

describe.skipIf(!HAS_TMUX)('bbcs register: in a real terminal', () => {
  const terminals: Terminal[] = [];
  afterAll(() => {
    for (const t of terminals) t.close();
  });
  const open = (r: TempRepo, args: string[] = []) => {
    const t = new Terminal(r.dir, ['register', ...args], { ...ENV, BBCS_UNIT: 'zjj', LANG: 'C.UTF-8' });
    terminals.push(t);
    return t;
  };
  /** Answers one question: waits for it, types, presses Enter. */
  const answer = async (t: Terminal, question: string, text = '') => {
    await t.waitFor(`? ${question}`);
    if (text) t.type(text);
    t.press('Enter');
    await t.waitFor(`✔ ${question}`);
  };

  it('registers through the questions, re-asking a wrong phone and an impossible date', async () => {
    const r = repo();
    const t = open(r);
    await answer(t, '登记单位');
    await answer(t, '办理对象（企业名称或群众姓名）', '淮阴某公司');
    await answer(t, '办理对象类型');
    await t.waitFor('? 联系电话');
    t.type('1381234');
    t.press('Enter');
    await t.waitFor('不是有效的电话号码：可填手机号');
    t.press('C-u');
    await answer(t, '联系电话', '0517-84901234');
    await answer(t, '受理人员');
    await t.waitFor('? 受理时间');
    t.type('2026-02-30 10:00');
    t.press('Enter');
    await t.waitFor('中的日期不存在');
    t.press('C-u');
    await answer(t, '受理时间', '2026-11-20 10:00');
    await answer(t, '受理事项名称', '老旧小区加装电梯');
    await answer(t, '“办不成事”原因', '涉及多个部门审批');
    await t.waitFor('? 适用范围');
    t.press('Down');
    await answer(t, '适用范围');
    await answer(t, '来源渠道');
    await answer(t, '备注（选填，直接回车跳过）', '当事人要求书面答复');
    await answer(t, '明显违反法律法规、当场告知不能办理？');
    const preview = await t.waitFor('? 确认登记？');
    expect(preview).toContain('登记单位：淮阴区住房和城乡建设局（zjj）    工单编号：ZJJ-2026-0003');
    expect(preview).toMatch(/│ 受理人员\s+│ 王敏\s+│ 受理时间\s+│ 2026-11-20 10:00\s+│/);
    expect(preview).toMatch(/│ 备注\s+│ 当事人要求书面答复\s+│/);
    expect(preview).toContain('✔ 明显违反法律法规、当场告知不能办理？ 否');
    expect(existsSync(path.join(r.ledger, 'zjj/ZJJ-2026-0003.yaml'))).toBe(false);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.screen()).toContain('已登记，工单编号 ZJJ-2026-0003。');
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toMatchObject({
      party: { name: '淮阴某公司', kind: '企业', phone: '0517-84901234' },
      title: '老旧小区加装电梯',
      remark: '当事人要求书面答复',
      scope: '二',
      channel: '窗口',
      events: [{ type: 'registered', at: '2026-11-20T10:00:00+08:00', by: '王敏' }],
    });
    expect(git(r.dir, 'log', '-1', '--format=%an %s')).toBe('王敏 bbcs: registered ZJJ-2026-0003（zjj）登记\n');
    expectValid(r);
  });

  it('Ctrl-C halfway through leaves no file and no commit', async () => {
    const r = repo();
    const before = snapshot(r);
    const t = open(r);
    await answer(t, '登记单位');
    await answer(t, '办理对象（企业名称或群众姓名）', '淮阴某公司');
    await answer(t, '办理对象类型');
    await t.waitFor('? 联系电话');
    t.type('0517');
    t.press('C-c');
    expect(await t.exitCode()).toBe(2);
    expect(t.screen()).toContain('已取消，没有写入任何内容。');
    expect(snapshot(r)).toBe(before);
  });

  it('Ctrl-C at the confirmation, after the form is shown, leaves nothing either', async () => {
    const r = repo();
    const before = snapshot(r);
    const t = open(r, [...FORM, '--remark', '', '--no-refuse-on-spot']);
    await t.waitFor('? 确认登记？');
    t.press('C-c');
    expect(await t.exitCode()).toBe(2);
    expect(t.screen()).toContain('已取消，没有写入任何内容。');
    expect(snapshot(r)).toBe(before);
  });
});
