import { scalarText } from '../../src/core/text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

/** The demo ledger on a fixed day: 2026-11-26 is a Thursday with known overdue items. */
const AS_OF = '2026-11-26T12:00:00+08:00';

describe('bbcs overdue / show / calendar on the demo ledger', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
  });
  afterAll(() => repo.cleanup());

  it('overdue lists the red items by unit, worst first, with masked phones', () => {
    const r = runBbcs(['overdue', '--as-of', AS_OF], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('逾期与临期事项（截至 2026-11-26 12:00');
    expect(r.stdout).toContain('MATOU-2026-0004');
    expect(r.stdout).toMatch(/红牌 逾期 \d+ 个工作日/);
    expect(r.stdout).toMatch(/1\d\d\*\*\*\*\d{4}/);
    expect(r.stdout).not.toMatch(/1[3-9]\d{9}/);
    expect(r.stdout).toMatch(/合计：红牌 \d+ 件，黄牌 \d+ 件。/);
  });

  it('--json gives the same figures, unmasked on request, and --fail exits 1 when anything is red', () => {
    const r = runBbcs(['overdue', '--as-of', AS_OF, '--json', '--unmask', '--fail'], repo.dir);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.red).toBeGreaterThan(0);
    const matou = report.units.find((u: { unit: string }) => u.unit === 'matou');
    expect(matou.items[0]).toMatchObject({ id: 'MATOU-2026-0004', obligation: 'report', standing: '红牌' });
    expect(matou.items[0].phone).toMatch(/^1[3-9]\d{9}$/);
  });

  it('early in the year nothing is overdue and --fail exits 0', () => {
    const r = runBbcs(['overdue', '--as-of', '2026-01-05', '--fail'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('没有逾期或临期的事项');
  });

  it('--unit filters by the unit that owes, and an unknown unit is a usage error', () => {
    const r = runBbcs(['overdue', '--as-of', AS_OF, '--unit', 'zjj', '--json'], repo.dir);
    expect(JSON.parse(r.stdout).units.every((u: { unit: string }) => u.unit === 'zjj')).toBe(true);
    const bad = runBbcs(['overdue', '--unit', 'nosuch'], repo.dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('单位「nosuch」不存在');
    const within = runBbcs(['overdue', '--within', 'abc'], repo.dir);
    expect(within.status).toBe(2);
    expect(within.stderr).toContain('--within');
  });

  it('--xlsx writes a workbook with a title, header and one row per obligation', async () => {
    const file = path.join(repo.dir, '逾期.xlsx');
    const r = runBbcs(['overdue', '--as-of', AS_OF, '--xlsx', file, '--mask'], repo.dir);
    expect(r.status).toBe(0);
    expect(existsSync(file)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('逾期与临期')!;
    expect(scalarText(sheet.getCell(1, 1).value)).toContain('逾期与临期清单');
    expect(sheet.getCell(3, 2).value).toBe('工单编号');
    // Days late and days left each have a column of their own; 暂定 goes with the due day.
    expect([9, 10].map((c) => sheet.getCell(3, c).value)).toEqual(['逾期工作日', '剩余工作日']);
    expect(sheet.getCell(3, 11).value).toBeNull();
    const ids = [];
    for (let row = 4; row <= sheet.rowCount; row++) ids.push(sheet.getCell(row, 2).value);
    expect(ids).toContain('MATOU-2026-0004');
    expect(scalarText(sheet.getCell(4, 5).value)).toContain('*');
    const red = [...Array(sheet.rowCount - 3).keys()]
      .map((i) => sheet.getRow(i + 4))
      .find((row) => row.getCell(8).value === '红牌')!;
    expect(typeof red.getCell(9).value).toBe('number');
    expect(red.getCell(10).value).toBeNull();
    expect(sheet.getCell(4, 1).border?.left?.style).toBe('thin');
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });

  it('show prints the form, the timeline, the next steps and the deadlines', () => {
    const r = runBbcs(['show', 'MATOU-2026-0004', '--as-of', AS_OF], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('“办不成事”事项登记表');
    expect(r.stdout).toContain('当前状态：已分类待上报');
    expect(r.stdout).toContain('上报区办（reported）');
    expect(r.stdout).toMatch(/上报区办（.*）\s+起算 .* 期限 2026-\d\d-\d\d 24:00\s+红牌/);
  });

  it('show --json and an unknown id', () => {
    const json = JSON.parse(runBbcs(['show', 'SCJ-2026-0001', '--json', '--as-of', AS_OF], repo.dir).stdout);
    expect(json.state).toBe('visited');
    expect(json.obligations.map((o: { rule: string }) => o.rule)).toContain('feedback');
    const missing = runBbcs(['show', 'SCJ-2026-9999'], repo.dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到工单编号');
  });
});

describe('bbcs calendar', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
  });
  afterAll(() => repo.cleanup());

  it('says why a day is or is not a working day', () => {
    const r = runBbcs(['calendar', 'day', '2026-10-10', '2026-10-01', '2026-11-28', '2026-11-26'], repo.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2026-10-10 星期六：调休上班日（国庆节调休上班），是工作日');
    expect(r.stdout).toContain('2026-10-01 星期四：节假日（国庆节），不上班');
    expect(r.stdout).toContain('2026-11-28 星期六：周末，不上班');
    expect(r.stdout).toContain('2026-11-26 星期四：工作日');
  });

  it('counts working days forward and between, the same in any time zone', () => {
    for (const TZ of ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      const add = runBbcs(['calendar', 'add', '2026-09-30', '3', '--json'], repo.dir, { TZ });
      expect(JSON.parse(add.stdout)).toEqual({
        from: '2026-09-30',
        days: 3,
        due: '2026-10-10',
        provisional: false,
        provisionalYears: [],
      });
      const between = runBbcs(['calendar', 'between', '2026-09-25', '2026-10-12', '--json'], repo.dir, { TZ });
      expect(JSON.parse(between.stdout).workingDays).toBe(7);
    }
  });

  it('marks a 2027 result provisional and says how to add the year; a complete ledger year removes that', () => {
    const r = runBbcs(['calendar', 'add', '2026-12-30', '3'], repo.dir);
    expect(r.stdout).toContain('（暂定）');
    expect(r.stdout).toContain('calendar/2027.yaml');
    const year2027 = [
      'year: 2027',
      'notice: 测试通知',
      'complete: true',
      'holidays:',
      '  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }',
      '  - { name: 春节, from: 2027-02-05, to: 2027-02-12 }',
      '  - { name: 清明节, from: 2027-04-03, to: 2027-04-05 }',
      '  - { name: 劳动节, from: 2027-05-01, to: 2027-05-05 }',
      '  - { name: 端午节, from: 2027-06-09, to: 2027-06-11 }',
      '  - { name: 中秋节, from: 2027-09-15, to: 2027-09-17 }',
      '  - { name: 国庆节, from: 2027-10-01, to: 2027-10-07 }',
      'workdays: []',
      '',
    ].join('\n');
    const withYear = tempLedger({ 'calendar/2027.yaml': year2027 }, DEMO_LEDGER);
    try {
      const added = runBbcs(['calendar', 'add', '2026-12-30', '3', '--json'], withYear.dir);
      expect(JSON.parse(added.stdout)).toMatchObject({ due: '2027-01-05', provisional: false });
      const years = runBbcs(['calendar', 'years'], withYear.dir);
      expect(years.stdout).toMatch(/2027 {2}台账 calendar\/2027\.yaml（测试通知）\n/);
      expect(runBbcs(['validate'], withYear.dir).status).toBe(0);
    } finally {
      withYear.cleanup();
    }
  });

  it('a broken calendar file is a validate error with its line', () => {
    const broken = tempLedger(
      {
        'calendar/2027.yaml':
          'year: 2027\nnotice: 测试\nholidays:\n  - { name: 元旦, from: 2027-02-30, to: 2027-01-03 }\nworkdays: []\n',
      },
      DEMO_LEDGER,
    );
    try {
      const r = runBbcs(['validate', '--as-of', AS_OF], broken.dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/ledger\/calendar\/2027\.yaml:4:\d+: 错误: .*2027-02-30.* \[invalid-time\]/);
    } finally {
      broken.cleanup();
    }
  });

  it('gives the weekly summary day, moved back when Friday is a holiday', () => {
    const holiday = JSON.parse(runBbcs(['calendar', 'week', '2026-10-01', '--json'], repo.dir).stdout);
    expect(holiday).toMatchObject({
      monday: '2026-09-28',
      sunday: '2026-10-04',
      nominal: '2026-10-02',
      due: '2026-09-30',
      provisional: false,
    });
    const normal = runBbcs(['calendar', 'week', '2026-11-23'], repo.dir);
    expect(normal.stdout).toContain('2026-11-23 至 2026-11-29 这一周的汇总表（附件4）报送日：2026-11-27 星期五');
  });

  it('rejects bad dates and counts with a usage error', () => {
    const r = runBbcs(['calendar', 'add', '2026-02-30', '3'], repo.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不是有效日期');
    expect(runBbcs(['calendar', 'add', '2026-02-03', '-1'], repo.dir).status).toBe(2);
  });

  it('works outside any ledger with the bundled years', () => {
    const r = runBbcs(['calendar', 'day', '2026-02-14'], path.dirname(repo.dir));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('调休上班日');
    expect(readFileSync(path.join(DEMO_LEDGER, 'policy.yaml'), 'utf8')).toContain('version: 1');
  });
});
