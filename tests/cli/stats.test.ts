import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGrids } from '../../src/io/excel/read-grid.js';
import { REPO_ROOT, runBbcs, tempLedger } from '../helpers/temp-ledger.js';

/** bbcs stats / accountability / cases / typical on tests/fixtures/stats-ledger (figures: tests/core/stats.test.ts). */
const LEDGER = path.join(REPO_ROOT, 'tests/fixtures/stats-ledger');
const AS_OF = '2026-03-31T18:00:00+08:00';
const out = mkdtempSync(path.join(tmpdir(), 'bbcs-stats-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const bbcs = (...args: string[]) => runBbcs([...args, '--ledger', LEDGER, '--as-of', AS_OF], REPO_ROOT);

describe('bbcs stats', () => {
  it('--json gives the items behind each number', () => {
    const result = bbcs('stats', '--json');
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.period).toEqual({ from: null, to: '2026-03-31' });
    const zjj = json.units.find((u: { unit: string }) => u.unit === 'zjj');
    expect(zjj.feedbackOnTime).toMatchObject({
      rate: 0.6,
      numerator: { count: 3, items: ['QBB-2026-0002', 'ZJJ-2026-0001', 'ZJJ-2026-0006'] },
    });
    expect(zjj.overdueNow.红牌.items).toEqual(['WANGYING-2026-0001', 'ZJJ-2026-0003']);
    expect(json.district.registered.count).toBe(12);
    expect(json.district.medianDaysToClose).toBe(5);
    expect(json.ranking.map((r: { unit: string; rank: number }) => [r.rank, r.unit])).toEqual([
      [1, 'zjj'],
      [2, 'wangying'],
    ]);
    expect(json.rankingRule).toContain('反馈按时率');
  });

  it('prints Chinese tables with the ranking rule under the ranking, and exports one sheet per table', async () => {
    const file = path.join(out, 'stats.xlsx');
    const result = bbcs('stats', '--xlsx', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      '“办不成事”事项登记与分类统计（登记时间：截至 2026-03-31；数据截至 2026-03-31 18:00）',
    );
    expect(result.stdout).toContain('全区合计');
    expect(result.stdout).toContain('3/5（60.0%）');
    expect(result.stdout).toMatch(/单位排名[\s\S]*排名规则：先比“反馈按时率”/);
    expect(result.stdout).toContain(`已导出：${file}`);
    const sheets = await readGrids(file);
    expect(sheets.map((s) => s.name)).toEqual(['登记与分类', '研判与办结', '时限与满意度', '单位排名']);
    const first = sheets[0]!.grid;
    expect(first[1]![0]).toBe('登记时间：截至 2026-03-31；数据截至 2026-03-31 18:00');
    expect(first[2]![0]).toBe('单位');
    const district = first.find((row) => row[0] === '全区合计')!;
    expect(district.slice(0, 2)).toEqual(['全区合计', 12]);
    const ranking = sheets[3]!.grid;
    expect(ranking[3]!.slice(0, 5)).toEqual([1, '淮阴区住房和城乡建设局', '60.0%', 5, '80.0%']);
    expect(String(ranking[ranking.length - 1]![0])).toContain('排名规则');
  });

  it('--from --to --unit narrow the figures; bad values are usage errors', () => {
    const json = JSON.parse(bbcs('stats', '--from', '2026-03-09', '--unit', 'zjj', '--json').stdout);
    expect(json.units.map((u: { unit: string }) => u.unit)).toEqual(['zjj']);
    expect(json.units[0].registered.items).toEqual(['ZJJ-2026-0003', 'ZJJ-2026-0004', 'ZJJ-2026-0005']);
    const bad = bbcs('stats', '--from', '2026-3-9');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from 的值「2026-3-9」不是有效日期');
    const reversed = bbcs('stats', '--from', '2026-04-01', '--to', '2026-03-01');
    expect(reversed.status).toBe(2);
    expect(bbcs('stats', '--unit', 'nope').stderr).toContain('单位「nope」不存在');
  });
});

describe('bbcs accountability', () => {
  it('--json lists the items behind each count; --xlsx has a summary and a detail sheet', async () => {
    const file = path.join(out, 'acc.xlsx');
    const result = bbcs('accountability', '--json', '--xlsx', file);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    const zjj = json.units.find((u: { unit: string }) => u.unit === 'zjj');
    expect(zjj.total).toBe(6);
    expect(zjj.missingFromWeekly.items).toEqual([
      {
        id: 'ZJJ-2026-0003',
        summaryDay: '2026-03-13',
        classifiedOn: '2026-03-09',
        reportedOn: null,
        provisional: false,
      },
    ]);
    const sheets = await readGrids(file);
    expect(sheets.map((s) => s.name)).toEqual(['问责汇总', '问责明细']);
    expect(sheets[0]!.grid[3]!.slice(0, 6)).toEqual(['淮阴区王营街道办事处', 1, 1, 1, 0, 3]);
    expect(sheets[1]!.grid.filter((r) => r[2] === 'ZJJ-2026-0003').map((r) => r[1])).toEqual([
      '未按时上报区办',
      '未列入当周汇总表',
    ]);
  });
});

describe('bbcs typical and bbcs cases', () => {
  it('the 区办 marks a case; the published export has no personal data', async () => {
    const repo = tempLedger({}, LEDGER);
    try {
      const env = { BBCS_OFFICER: '测试丙', BBCS_UNIT: 'qbb' };
      const marked = runBbcs(
        [
          'typical',
          'WANGYING-2026-0003',
          '--kind',
          '正面',
          '--comment',
          '郑十的投诉当天转 12345',
          '--at',
          '2026-03-20T10:00:00+08:00',
          '--yes',
        ],
        repo.dir,
        env,
      );
      expect(marked.status, marked.stderr).toBe(0);
      const badKind = runBbcs(
        ['typical', 'WANGYING-2026-0003', '--kind', '好', '--comment', 'x', '--yes'],
        repo.dir,
        env,
      );
      expect(badKind.status).toBe(2);
      expect(runBbcs(['validate'], repo.dir).status).toBe(0);

      const listed = runBbcs(['cases'], repo.dir);
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('WANGYING-2026-0003');
      expect(listed.stdout).not.toContain('13900001001');

      const file = path.join(out, 'cases.xlsx');
      const json = JSON.parse(runBbcs(['cases', '--kind', '正面', '--json', '--xlsx', file], repo.dir).stdout);
      expect(json.cases.map((c: { id: string }) => c.id)).toEqual(['WANGYING-2026-0003', 'ZJJ-2026-0001']);
      expect(json.cases[0].comment).toBe('某群众的投诉当天转 12345');
      const [sheet] = await readGrids(file);
      expect(sheet!.name).toBe('典型案例');
      const text = JSON.stringify(sheet!.grid);
      for (const secret of ['郑十', '王小明', '测试己', '测试丙', '139000']) expect(text).not.toContain(secret);
      expect(sheet!.grid[3]!.slice(0, 3)).toEqual([1, '正面典型', '淮阴区王营街道办事处']);
    } finally {
      repo.cleanup();
    }
  });
});
