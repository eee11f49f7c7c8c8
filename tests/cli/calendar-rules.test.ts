import { existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { itemFile } from '../fixtures/diagnostics.js';
import { runBbcs, tempLedger, type FileSpec, type TempRepo } from '../helpers/temp-ledger.js';

/**
 * Provisional years, checked calendar files and no silent defaults, as an officer meets them:
 * the built program in temporary Git repositories holding the small test ledger.
 */

/** Classified in 2027 (no notice yet) and never reported: its report to the 区办 was due 2027-01-05, provisionally. */
const ITEM_2027 = itemFile('ZJJ-2027-0001', {
  events: [
    { type: 'registered', at: '2027-01-04T09:00:00+08:00', by: '测试己' },
    {
      type: 'confirmed',
      at: '2027-01-04T10:00:00+08:00',
      by: '测试己',
      section: '办公室',
      consent_by: '测试丁',
    },
    { type: 'classified', at: '2027-01-04T15:00:00+08:00', by: '测试戊', class: 2 },
  ],
});
const AS_OF_2027 = '2027-01-20T12:00:00+08:00';

/** A 2027 notice as a ledger would hold it, complete: 1–3 January off, 春节 5–12 February, 调休 on 20 February. */
const YEAR_2027 = [
  'year: 2027',
  'notice: 国务院办公厅关于2027年部分节假日安排的通知（测试用）',
  'complete: true',
  'holidays:',
  '  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }',
  '  - { name: 春节, from: 2027-02-05, to: 2027-02-12 }',
  '  - { name: 清明节, from: 2027-04-03, to: 2027-04-05 }',
  '  - { name: 劳动节, from: 2027-05-01, to: 2027-05-05 }',
  '  - { name: 端午节, from: 2027-06-09, to: 2027-06-11 }',
  '  - { name: 中秋节, from: 2027-09-15, to: 2027-09-17 }',
  '  - { name: 国庆节, from: 2027-10-01, to: 2027-10-07 }',
  'workdays:',
  '  - { name: 春节调休上班, date: 2027-02-20 }',
  '',
].join('\n');

interface OverdueJson {
  units: { unit: string; red: number; provisionalRed: number; items: { id: string }[] }[];
}

interface AccountabilityJson {
  units: {
    unit: string;
    notReportedInTime: { items: unknown[] };
    missingFromWeekly: { items: unknown[] };
    feedbackLate: { items: unknown[] };
  }[];
  provisionalYears: number[];
}

/** What a command printed as JSON, read as the shape the test expects of it. */
const parsed = <T>(text: string): T => JSON.parse(text) as T;

function withLedger(files: Record<string, FileSpec>, body: (repo: TempRepo) => void): void {
  const repo = tempLedger(files);
  try {
    body(repo);
  } finally {
    repo.cleanup();
  }
}

/** The validate text of every error, each block as `bbcs validate` prints it. */
function validateBlocks(repo: TempRepo): string[] {
  const r = runBbcs(['validate'], repo.dir);
  return r.stdout
    .split('\n\n')
    .filter((block) => block.includes(': 错误: '))
    .map((block) => block.trim());
}

const DEADLINE_COMMANDS: string[][] = [
  ['overdue'],
  ['overdue', '--fail'],
  ['show', 'ZJJ-2026-0001'],
  ['stats'],
  ['accountability'],
  ['weekly', '--unit', 'zjj'],
  ['track', '--out', '附件5.xlsx'],
  ['calendar', 'week', '2026-11-26'],
];

describe('a broken policy.yaml or calendar file stops every command that computes deadlines', () => {
  const brokenPolicy =
    'version: 1\nwarn_within: 1\nrules:\n  - id: report\n    name: 上报区办\n    owner: unit\n    days: 1\n';

  it.each(DEADLINE_COMMANDS.map((args) => [args.join(' '), args] as const))(
    'policy.yaml: %s refuses with exit 2 and the diagnostics validate gives',
    (_name, args) => {
      withLedger({ 'policy.yaml': brokenPolicy }, (repo) => {
        const blocks = validateBlocks(repo);
        expect(blocks.length).toBeGreaterThan(0);
        const r = runBbcs([...args, '--as-of', '2026-11-26'], repo.dir);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain('台账中 policy.yaml 有 2 个错误');
        expect(r.stderr).toMatch(/ledger\/policy\.yaml:4:5: 错误: 缺少必填字段/);
        for (const block of blocks) expect(r.stderr).toContain(block);
        // Nothing was exported on rules nobody set.
        expect(readdirSync(repo.dir).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
      });
    },
  );

  it.each(DEADLINE_COMMANDS.map((args) => [args.join(' '), args] as const))(
    'calendar file: %s refuses with exit 2 and the diagnostics validate gives',
    (_name, args) => {
      const broken =
        'year: 2026\nnotice: 测试\ncomplete: true\nholidays:\n  - { name: 国庆节, from: 2026-10-01, to: 2026-10-32 }\nworkdays: []\n';
      withLedger({ 'calendar/2026.yaml': broken }, (repo) => {
        const blocks = validateBlocks(repo);
        const r = runBbcs([...args, '--as-of', '2026-11-26'], repo.dir);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/ledger\/calendar\/2026\.yaml:5:\d+: 错误: .*2026-10-32.* \[invalid-time\]/);
        for (const block of blocks) expect(r.stderr).toContain(block);
      });
    },
  );

  it('a calendar file contradicting the bundled data stops them too, until it says what it corrects', () => {
    const contradicting = (corrects: string) =>
      `year: 2026\nnotice: 测试\ncomplete: false\n${corrects}holidays:\n  - { name: 国庆节, from: 2026-10-08, to: 2026-10-08 }\nworkdays: []\n`;
    withLedger({ 'calendar/2026.yaml': contradicting('') }, (repo) => {
      const r = runBbcs(['overdue', '--as-of', '2026-11-26'], repo.dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        '2026-10-08 星期四：内置数据（chinese-days 1.5.7）为工作日，本文件为节假日（国庆节） [calendar-differs]',
      );
      expect(runBbcs(['calendar', 'add', '2026-09-30', '1'], repo.dir).status).toBe(2);
    });
    withLedger({ 'calendar/2026.yaml': contradicting('corrects: 测试用更正通知\n') }, (repo) => {
      const v = runBbcs(['validate'], repo.dir);
      expect(v.status).toBe(0);
      expect(v.stdout).toContain('警告: 2026-10-08 星期四');
      const r = runBbcs(['calendar', 'add', '2026-09-30', '1', '--json'], repo.dir);
      expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-10-09', provisional: false });
    });
  });

  it.each([
    ['empty', ''],
    ['YAML that does not parse', 'version: 1\nrules: [\n'],
    ['a symlink to a policy outside the ledger', { symlink: '../outside.yaml' }],
  ] as [string, string | { symlink: string }][])('policy.yaml %s: refused, with its code', (_kind, content) => {
    withLedger({ '../outside.yaml': 'version: 1\n' }, (repo) => {
      const policy = path.join(repo.ledger, 'policy.yaml');
      rmSync(policy);
      if (typeof content === 'string') writeFileSync(policy, content);
      else symlinkSync(content.symlink, policy);
      const blocks = validateBlocks(repo);
      expect(blocks.length).toBe(1);
      const r = runBbcs(['overdue', '--as-of', '2026-11-26'], repo.dir);
      expect(r.status, r.stdout).toBe(2);
      expect(r.stderr).toMatch(/ledger\/policy\.yaml:\d+:\d+: 错误:/);
      expect(r.stderr).toContain(blocks[0]);
    });
  });

  it('calendar day and between need no policy: a broken policy.yaml does not stop them', () => {
    withLedger({ 'policy.yaml': brokenPolicy }, (repo) => {
      expect(runBbcs(['calendar', 'day', '2026-10-01'], repo.dir).status).toBe(0);
      expect(runBbcs(['calendar', 'between', '2026-09-30', '2026-10-09'], repo.dir).status).toBe(0);
    });
  });
});

describe('without policy.yaml the built-in rules are in force, and reports say so once', () => {
  const NOTE = '※ 台账中没有 policy.yaml，期限按管理办法第五条的默认规则计算';
  const count = (text: string) => text.split(NOTE).length - 1;

  it.each([
    ['overdue'],
    ['show', 'ZJJ-2026-0001'],
    ['stats'],
    ['accountability'],
    ['weekly', '--unit', 'zjj'],
    ['track', '--out', '附件5.xlsx'],
  ])('%s', (...args) => {
    withLedger({ 'policy.yaml': { remove: true } }, (repo) => {
      const r = runBbcs([...args, '--as-of', '2026-11-26'], repo.dir);
      expect(r.status, r.stderr).toBe(0);
      expect(count(r.stdout)).toBe(1);
      expect(r.stdout).toContain('向当事方反馈 简单 3、复杂 5、特别复杂 10 个工作日');
      const json = runBbcs([...args, '--as-of', '2026-11-26', '--json'], repo.dir);
      expect(JSON.parse(json.stdout)).toMatchObject({ builtInRules: true });
    });
  });

  it('with a policy.yaml there is no such line', () => {
    withLedger({}, (repo) => {
      const r = runBbcs(['overdue', '--as-of', '2026-11-26'], repo.dir);
      expect(count(r.stdout)).toBe(0);
      expect(JSON.parse(runBbcs(['overdue', '--as-of', '2026-11-26', '--json'], repo.dir).stdout)).toMatchObject({
        builtInRules: false,
      });
    });
  });
});

describe('provisional red cards', () => {
  it('overdue --fail does not fail on a red card that is only provisional, and lists it apart', () => {
    withLedger({ 'zjj/ZJJ-2026-0001.yaml': { remove: true }, 'zjj/ZJJ-2027-0001.yaml': ITEM_2027 }, (repo) => {
      const r = runBbcs(['overdue', '--as-of', AS_OF_2027, '--fail'], repo.dir);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('暂定红牌：期限所在年份的节假日安排尚未公布');
      expect(r.stdout).toContain('ZJJ-2027-0001');
      expect(r.stdout).toContain('合计：红牌 0 件，黄牌 0 件；另有暂定红牌 1 件。');
      expect(r.stdout).toContain('calendar/2027.yaml');
      const json = parsed<OverdueJson>(runBbcs(['overdue', '--as-of', AS_OF_2027, '--json'], repo.dir).stdout);
      expect(json).toMatchObject({ red: 1, provisionalRed: 1, provisionalYears: [2027] });
      expect(json.units[0]!.items[0]).toMatchObject({
        id: 'ZJJ-2027-0001',
        due: '2027-01-05',
        standing: '红牌',
        provisional: true,
        provisionallyRed: true,
      });
    });
  });

  it('a red card whose due day is final still fails, even when its days late are counted into 2027', () => {
    withLedger({ 'zjj/ZJJ-2027-0001.yaml': ITEM_2027 }, (repo) => {
      const r = runBbcs(['overdue', '--as-of', AS_OF_2027, '--fail', '--json'], repo.dir);
      expect(r.status).toBe(1);
      const zjj = parsed<OverdueJson>(r.stdout).units.find((u) => u.unit === 'zjj')!;
      expect(zjj).toMatchObject({ red: 2, provisionalRed: 1 });
      const certain = zjj.items.find((i) => i.id === 'ZJJ-2026-0001');
      expect(certain).toMatchObject({ due: '2026-03-13', provisional: true, provisionallyRed: false });
    });
  });

  it('once the 2027 notice is in the ledger, the same card is red for certain', () => {
    withLedger(
      {
        'zjj/ZJJ-2026-0001.yaml': { remove: true },
        'zjj/ZJJ-2027-0001.yaml': ITEM_2027,
        'calendar/2027.yaml': YEAR_2027,
      },
      (repo) => {
        const r = runBbcs(['overdue', '--as-of', AS_OF_2027, '--fail'], repo.dir);
        expect(r.status).toBe(1);
        expect(r.stdout).not.toContain('暂定');
        expect(r.stdout).toContain('合计：红牌 1 件，黄牌 0 件。');
      },
    );
  });
});

describe('暂定 on every row and line that depends on a provisional year', () => {
  it('accountability marks each provisional row, in text and JSON', () => {
    withLedger({ 'zjj/ZJJ-2027-0001.yaml': ITEM_2027 }, (repo) => {
      const json = parsed<AccountabilityJson>(
        runBbcs(['accountability', '--as-of', AS_OF_2027, '--json'], repo.dir).stdout,
      );
      const zjj = json.units.find((u) => u.unit === 'zjj')!;
      expect(zjj.notReportedInTime.items).toEqual([
        { id: 'ZJJ-2027-0001', rule: 'report', due: '2027-01-05', doneOn: null, daysLate: 11, provisional: true },
      ]);
      expect(zjj.missingFromWeekly.items).toEqual([
        {
          id: 'ZJJ-2027-0001',
          summaryDay: '2027-01-08',
          classifiedOn: '2027-01-04',
          reportedOn: null,
          provisional: true,
        },
      ]);
      // Due in 2026, days late counted into 2027: the row is provisional too.
      expect(zjj.feedbackLate.items).toEqual([
        expect.objectContaining({ id: 'ZJJ-2026-0001', due: '2026-03-13', provisional: true }),
      ]);
      expect(json.provisionalYears).toEqual([2027]);
      const text = runBbcs(['accountability', '--as-of', AS_OF_2027], repo.dir).stdout;
      const rows = text.split('\n').filter((l) => l.includes('ZJJ-2027-0001'));
      expect(rows.length).toBe(2);
      for (const row of rows) expect(row).toContain('暂定');
    });
  });

  it('calendar week and weekly say 暂定 on their line', () => {
    withLedger({}, (repo) => {
      const week = runBbcs(['calendar', 'week', '2027-01-06'], repo.dir);
      expect(week.stdout).toContain(
        '2027-01-04 至 2027-01-10 这一周的汇总表（附件4）报送日：2027-01-08 星期五（暂定）',
      );
      const weekly = runBbcs(['weekly', '--unit', 'zjj', '--week', '2027-01-06', '--as-of', AS_OF_2027], repo.dir);
      expect(weekly.status, weekly.stderr).toBe(0);
      expect(weekly.stdout).toContain('汇总表（附件4）：上报时间 2027-01-01 至 2027-01-08（报送日 2027-01-08，暂定）');
      const final = runBbcs(['calendar', 'week', '2026-11-23'], repo.dir);
      expect(final.stdout).not.toContain('暂定');
    });
  });
});

describe('bbcs calendar refuses years it does not support', () => {
  it.each([
    [['add', '0050-01-01', '1'], '起始日期 0050-01-01 超出 bbcs 支持的年份范围（2000–2099 年）'],
    [['add', '9999-12-31', '1'], '起始日期 9999-12-31 超出 bbcs 支持的年份范围（2000–2099 年）'],
    [['add', '2099-12-30', '5'], '2099-12-30 之后第 5 个工作日落在 2099 年之后，超出 bbcs 支持的年份范围'],
    [['day', '1999-12-31'], '日期 1999-12-31 超出 bbcs 支持的年份范围'],
    [['between', '2026-01-01', '2100-01-01'], '截止日期 2100-01-01 超出 bbcs 支持的年份范围'],
    [['week', '2000-01-01'], '2000-01-01 所在的一周（1999-12-27 至 2000-01-02）超出 bbcs 支持的年份范围'],
    [['diff', '1999'], '年份 1999 超出 bbcs 支持的年份范围'],
    [['diff', '2100'], '年份 2100 超出 bbcs 支持的年份范围'],
  ])('calendar %j', (args, message) => {
    withLedger({}, (repo) => {
      const r = runBbcs(['calendar', ...args], repo.dir);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('undefined');
    });
  });

  it('the first and last supported days still work', () => {
    withLedger({}, (repo) => {
      expect(runBbcs(['calendar', 'add', '2000-01-03', '1'], repo.dir).stdout).toContain('2000-01-04');
      expect(runBbcs(['calendar', 'day', '2099-12-31'], repo.dir).status).toBe(0);
    });
  });
});

describe('provisional years know the statutory holidays, in any time zone', () => {
  it('2027: 元旦, 春节 from 除夕, 清明, 劳动节, 端午, 中秋 and 国庆 are days off; the same under every TZ', () => {
    withLedger({}, (repo) => {
      const days = ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-05-03', '2027-06-09', '2027-09-15'];
      const outputs = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'].map(
        (TZ) => runBbcs(['calendar', 'day', ...days, '2027-10-04', '--json'], repo.dir, { TZ }).stdout,
      );
      for (const output of outputs) expect(output).toBe(outputs[0]);
      const infos = parsed<{ date: string; working: boolean; name?: string; provisional: boolean }[]>(outputs[0]!);
      expect(infos.map((i) => [i.date, i.working, i.name ?? null, i.provisional])).toEqual([
        ['2027-01-01', false, '元旦', true],
        ['2027-02-05', false, '春节', true],
        ['2027-02-08', false, '春节', true],
        ['2027-04-05', false, '清明节', true],
        ['2027-05-03', true, null, true],
        ['2027-06-09', false, '端午节', true],
        ['2027-09-15', false, '中秋节', true],
        ['2027-10-04', true, null, true],
      ]);
      const add = runBbcs(['calendar', 'add', '2026-12-31', '1'], repo.dir);
      expect(add.stdout).toContain('2026-12-31 之后第 1 个工作日是 2027-01-04 星期一');
      expect(add.stdout).toContain('按《全国年节及纪念日放假办法》的法定节假日和周末推算');
    });
  });

  it('when the 2027 notice is added, calendar diff and years show what it changed', () => {
    withLedger({ 'calendar/2027.yaml': YEAR_2027 }, (repo) => {
      const r = runBbcs(['calendar', 'diff', '2027'], repo.dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        '2027 年现行安排：台账 calendar/2027.yaml（国务院办公厅关于2027年部分节假日安排的通知（测试用））',
      );
      expect(r.stdout).toContain('与按法定节假日推算的暂定日历（通知发布前的计算依据）相比，有 16 天不同：');
      expect(r.stdout).toContain('  2027-02-09 星期二  工作日，上班  →  节假日（春节），不上班');
      expect(r.stdout).toContain('  2027-02-20 星期六  周末，不上班  →  调休上班日（春节调休上班），上班');
      const json = parsed<{ againstProvisional: unknown[] }>(
        runBbcs(['calendar', 'diff', '2027', '--json'], repo.dir).stdout,
      );
      expect(json).toMatchObject({ year: 2027, provisional: false });
      expect(json.againstProvisional).toHaveLength(16);
      const years = runBbcs(['calendar', 'years'], repo.dir);
      expect(years.stdout).toContain('与按法定节假日推算的暂定日历相比有 16 天不同（bbcs calendar diff 2027 查看）');
      expect(years.stdout).toContain('calendar/2028.yaml');
    });
  });

  it('calendar diff of a year still without a notice says it is provisional', () => {
    withLedger({}, (repo) => {
      const r = runBbcs(['calendar', 'diff', '2028'], repo.dir);
      expect(r.stdout).toContain('2028 年现行安排：尚无官方安排，按法定节假日和周末推算（暂定）');
      expect(r.stdout).toContain('与按法定节假日推算的暂定日历相同。');
    });
  });
});

describe('the weekly workbook is not written when the rules are broken', () => {
  it('no file, exit 2', () => {
    withLedger({ 'calendar/2027.yaml': 'year: 2027\n' }, (repo) => {
      const r = runBbcs(['weekly', '--unit', 'zjj', '--out', 'w.xlsx'], repo.dir);
      expect(r.status).toBe(2);
      expect(existsSync(path.join(repo.dir, 'w.xlsx'))).toBe(false);
    });
  });
});
