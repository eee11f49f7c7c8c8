import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectUnit, type UnitContext } from '../../src/cli/commands/unit.js';
import { UNIT_FIELDS } from '../../src/cli/forms/unit.js';
import type { Choice, Prompter } from '../../src/cli/prompts.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** Form 2 of a new unit, as flags. */
const FORM = {
  '--code': 'scj',
  '--name': '淮阴区市场监督管理局',
  '--kind': '区直单位',
  '--leader-name': '郑国强',
  '--leader-title': '副局长',
  '--leader-phone': '0517-84901001',
  '--section-name': '行政审批科',
  '--section-head': '何琳',
  '--section-phone': '0517-84901002',
  '--contact-name': '王敏',
  '--contact-title': '科员',
  '--contact-phone': '13800000301',
};

function flags(overrides: Record<string, string | undefined> = {}): string[] {
  const all: Record<string, string | undefined> = { ...FORM, ...overrides };
  return Object.entries(all).flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));
}

const head = (dir: string) => git(dir, 'rev-parse', 'HEAD').trim();

describe('bbcs unit add', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger();
  });
  afterAll(() => repo.cleanup());

  it('adds a unit by flags: canonical unit.yaml, one commit of that file alone, and validate accepts it', () => {
    // Someone's unrelated work in progress, staged and unstaged, must stay out of the commit.
    writeFileSync(path.join(repo.dir, 'notes.txt'), '草稿\n');
    git(repo.dir, 'add', 'notes.txt');
    const r = runBbcs(['unit', 'add', ...flags(), '--by', '王敏'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('已新增单位 scj（淮阴区市场监督管理局）');
    expect(r.stdout).toMatch(/已写入 ledger\/scj\/unit\.yaml，已提交 [0-9a-f]{8}。/);

    const text = readFileSync(path.join(repo.ledger, 'scj/unit.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# 单位及“办不成事”工作联系表（附件2）');
    expect(text).toContain('phone: 0517-84901001 # 分管领导联系电话');
    expect(parse(text)).toEqual({
      code: 'scj',
      name: '淮阴区市场监督管理局',
      kind: '区直单位',
      leader: { name: '郑国强', title: '副局长', phone: '0517-84901001' },
      lead_section: { name: '行政审批科', head: '何琳', phone: '0517-84901002' },
      contact: { name: '王敏', title: '科员', phone: '13800000301' },
    });

    expect(git(repo.dir, 'show', '--name-only', '--format=%an%n%B', 'HEAD').trim().split('\n')).toEqual([
      '王敏',
      'bbcs: unit-add scj（淮阴区市场监督管理局）新增单位',
      '',
      '新增区直单位「淮阴区市场监督管理局」（scj），联系人 王敏（科员）。',
      '',
      'Bbcs-Step: unit-add',
      'Bbcs-Unit: scj',
      'Bbcs-Officer: 王敏',
      '',
      '',
      'ledger/scj/unit.yaml',
    ]);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('A  notes.txt\n');

    const v = runBbcs(['validate', '--as-of', '2026-11-20'], repo.dir);
    expect(v.stdout + v.stderr).toContain('没有发现问题');
    expect(v.status).toBe(0);
  });

  it('refuses a bad phone, a used code, a used name, a second 区办 and a bad code: exit 2, one sentence, nothing written or committed', () => {
    const before = head(repo.dir);
    const cases: [Record<string, string>, string][] = [
      [
        { '--code': 'fgw', '--name': '区发改委', '--leader-phone': '0517-123' },
        '--leader-phone：分管领导联系电话「0517-123」不是有效的电话号码：可填手机号',
      ],
      [{ '--name': '区发改委' }, '--code：单位代码「scj」已被「淮阴区市场监督管理局」使用'],
      // A code is taken in any case: SCJ is scj, and scj is used.
      [{ '--code': 'SCJ', '--name': '区发改委' }, '--code：单位代码「scj」已被「淮阴区市场监督管理局」使用'],
      [
        { '--code': 'fgw', '--name': '淮阴区住房和城乡建设局' },
        '--name：单位名称「淮阴区住房和城乡建设局」已被单位 zjj 使用',
      ],
      [{ '--code': 'fgw', '--name': '区发改委', '--kind': '区办' }, '--kind：台账中已有区办单位 qbb'],
      [{ '--code': 'F-GW', '--name': '区发改委' }, '--code：单位代码「F-GW」不合法：用 2–20 个小写英文字母或数字'],
      [
        { '--code': 'fgw', '--name': '区发改委', '--kind': '乡镇' },
        '--kind：单位类型「乡镇」不合法：可选 区直单位、镇街、区办',
      ],
    ];
    for (const [overrides, message] of cases) {
      const r = runBbcs(['unit', 'add', ...flags(overrides), '--by', '王敏'], repo.dir);
      expect(r.status, message).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(path.join(repo.ledger, 'fgw'))).toBe(false);
    expect(head(repo.dir)).toBe(before);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('A  notes.txt\n');
  });

  it('names every wrong flag of one run at once', () => {
    const r = runBbcs(
      [
        'unit',
        'add',
        ...flags({ '--code': 'F-GW', '--name': '区发改委', '--kind': '乡镇', '--contact-phone': '138' }),
        '--by',
        '王敏',
      ],
      repo.dir,
    );
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  --'))).toEqual([
      expect.stringMatching(/^ {2}--code：单位代码「F-GW」不合法/),
      expect.stringMatching(/^ {2}--kind：单位类型「乡镇」不合法/),
      expect.stringMatching(/^ {2}--contact-phone：联系人联系电话「138」不是有效的电话号码/),
    ]);
    expect(r.stderr).toMatch(/^bbcs: 3 项填写有误，没有写入任何内容：/);
    expect(existsSync(path.join(repo.ledger, 'f-gw'))).toBe(false);
  });

  it('without a terminal, every missing answer is named as its flag', () => {
    const r = runBbcs(['unit', 'add', '--code', 'fgw', '--leader-name', '某', '--by', '王敏'], repo.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      '缺少必填项，且当前不是交互式终端，无法提问：请用 --name（单位名称）、--kind（单位类型）、--leader-title（分管领导职务）、--leader-phone（分管领导联系电话）、--section-name（牵头科室名称）、--section-head（牵头科室负责人）、--section-phone（牵头科室联系电话）、--contact-name（联系人姓名）、--contact-title（联系人职务）、--contact-phone（联系人联系电话） 提供',
    );
    expect(existsSync(path.join(repo.ledger, 'fgw'))).toBe(false);
  });

  it('list shows every unit with its contact and item count; --json gives the same', () => {
    const r = runBbcs(['unit', 'list', '--as-of', '2026-11-20'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/单位代码\s*│\s*单位名称\s*│\s*单位类型\s*│\s*联系人\s*│\s*事项数/);
    expect(r.stdout).toMatch(/│ scj\s*│ 淮阴区市场监督管理局\s*│ 区直单位\s*│ 王敏（科员）13800000301\s*│ 0/);
    expect(r.stdout).toContain('共 4 个单位。');
    const json = JSON.parse(runBbcs(['unit', 'list', '--json', '--as-of', '2026-11-20'], repo.dir).stdout) as {
      count: number;
      units: (Unit & { items: number })[];
    };
    expect(json.count).toBe(4);
    // The 区办 first, then 区直单位, then 镇街, each by code.
    expect(json.units.map((u) => u.code)).toEqual(['qbb', 'scj', 'zjj', 'wangying']);
    expect(json.units.find((u) => u.code === 'zjj')?.items).toBe(2);
  });

  it('show prints form 2; --json the unit; an unknown code is a usage error', () => {
    const r = runBbcs(['unit', 'show', 'scj', '--as-of', '2026-11-20'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '“办不成事”工作联系表（附件2）\n单位名称：淮阴区市场监督管理局\n单位代码：scj    单位类型：区直单位',
    );
    expect(r.stdout).toMatch(/│ 分管领导\s*│ 职务\s*│ 联系电话\s*│/);
    expect(r.stdout).toMatch(/│ 郑国强\s*│ 副局长\s*│ 0517-84901001\s*│/);
    expect(r.stdout).toMatch(/│ 牵头科室\s*│ 负责人\s*│ 联系电话\s*│/);
    expect(r.stdout).toMatch(/│ 王敏\s*│ 科员\s*│ 13800000301\s*│/);
    const json = JSON.parse(runBbcs(['unit', 'show', 'zjj', '--json', '--as-of', '2026-11-20'], repo.dir).stdout);
    expect(json).toMatchObject({ unit: { code: 'zjj', kind: '区直单位' }, file: 'zjj/unit.yaml', items: 2 });
    const bad = runBbcs(['unit', 'show', 'nosuch'], repo.dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('单位「nosuch」不存在：台账中的单位有');
    // Officers name units as they say them: the code they meant comes first.
    for (const command of [
      ['unit', 'show', '住建局'],
      ['weekly', '--unit', '住建局'],
      ['overdue', '--unit', '住建局'],
      ['track', '--unit', '住建局', '--out', 'x.xlsx'],
      ['stats', '--unit', '住建局'],
    ]) {
      const named = runBbcs(command, repo.dir);
      expect(named.status, command.join(' ')).toBe(2);
      expect(named.stderr, command.join(' ')).toMatch(
        /^bbcs: 单位「住建局」不存在：是不是 zjj（淮阴区住房和城乡建设局）？请写单位代码。台账中的单位有 .*zjj（淮阴区住房和城乡建设局）/m,
      );
    }
    // A code in capitals is the code; a mistyped one is answered without the reminder.
    expect(runBbcs(['overdue', '--unit', 'ZJJ', '--as-of', '2026-11-20'], repo.dir).stderr).not.toContain('不存在');
    expect(runBbcs(['stats', '--unit', ' ZJJ ', '--as-of', '2026-11-20'], repo.dir).status).toBe(0);
    expect(runBbcs(['overdue', '--unit', 'zj'], repo.dir).stderr).toMatch(
      /^bbcs: 单位「zj」不存在：是不是 zjj（淮阴区住房和城乡建设局）？台账中的单位有/m,
    );
  });

  it('--no-commit writes the file and leaves it for the officer to commit; a code in capitals is kept in lower case', () => {
    const before = head(repo.dir);
    const r = runBbcs(
      [
        'unit',
        'add',
        ...flags({ '--code': 'MATOU', '--name': '淮阴区码头镇人民政府', '--kind': '镇街' }),
        '--no-commit',
      ],
      repo.dir,
    );
    expect(r.status).toBe(0);
    expect(existsSync(path.join(repo.ledger, 'matou/unit.yaml'))).toBe(true);
    expect(head(repo.dir)).toBe(before);
    expect(git(repo.dir, 'status', '--porcelain', '--untracked-files=all', 'ledger')).toBe(
      '?? ledger/matou/unit.yaml\n',
    );
  });
});

/** A prompter that answers from a script and records each validation message it was shown. */
function scripted(answers: string[]): { prompter: () => Promise<Prompter>; shown: string[]; asked: string[] } {
  const shown: string[] = [];
  const asked: string[] = [];
  const next = () => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more answers');
    return answer;
  };
  const prompter: Prompter = {
    async input(message, options = {}) {
      asked.push(message);
      for (;;) {
        const answer = next();
        const verdict = options.validate ? options.validate(answer) : true;
        if (verdict === true) return answer === '' && options.default !== undefined ? options.default : answer;
        shown.push(verdict);
      }
    },
    async select<T extends string>(message: string, choices: readonly Choice<T>[]) {
      asked.push(`${message}${choices.map((c) => c.value).join('/')}`);
      return next() as T;
    },
    async confirm() {
      return true;
    },
  };
  return { prompter: async () => prompter, shown, asked };
}

describe('unit questions in a terminal', () => {
  const office: Unit = {
    code: 'qbb',
    name: '区办',
    kind: '区办',
    leader: { name: '甲', title: '主任', phone: '0517-80000101' },
    lead_section: { name: '科', head: '乙', phone: '0517-80000102' },
    contact: { name: '丙', title: '科员', phone: '13800000101' },
  };
  const context: UnitContext = { units: new Map([['qbb', office]]), folders: new Set(['qbb', 'calendar']) };

  it('asks only what the flags left out, checks each answer as it is typed, and offers no second 区办', async () => {
    const script = scripted([
      'Q-BB',
      'QBB',
      'FGW', // bad code, used code (in capitals), then a good one, also in capitals
      '镇街',
      '王主任', // 主要领导, which may also be left empty
      '李',
      '副主任',
      '0517-12',
      '0517-84902001',
      '综合科',
      '赵',
      '0517-84902002',
      '钱',
      '科员',
      '1380000030',
      '13800000302',
    ]);
    const unit = await collectUnit(UNIT_FIELDS, { name: '区发展和改革委员会' }, context, { prompter: script.prompter });
    expect(unit).toEqual({
      code: 'fgw',
      name: '区发展和改革委员会',
      kind: '镇街',
      principal: '王主任',
      leader: { name: '李', title: '副主任', phone: '0517-84902001' },
      lead_section: { name: '综合科', head: '赵', phone: '0517-84902002' },
      contact: { name: '钱', title: '科员', phone: '13800000302' },
    });
    expect(script.asked.some((q) => q.startsWith('单位名称'))).toBe(false);
    expect(script.asked).toContain('单位类型：区直单位/镇街');
    expect(script.asked).toContain('主要领导姓名（选填，直接回车跳过）：');
    expect(script.shown).toEqual([
      expect.stringContaining('单位代码「Q-BB」不合法'),
      expect.stringContaining('单位代码「qbb」已被「区办」使用'),
      expect.stringContaining('分管领导联系电话「0517-12」不是有效的电话号码'),
      expect.stringContaining('联系人联系电话「1380000030」不是有效的电话号码'),
    ]);
  });
});
