import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

async function open(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number, columns: number) =>
  Array.from({ length: columns }, (_, i) => sheet.getCell(row, i + 1).value);

describe('bbcs weekly (附件4)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
  });
  afterAll(() => repo.cleanup());

  it('prints the form for one unit and week, cell for cell, ready for A4', async () => {
    const r = runBbcs(
      ['weekly', '--unit', 'scj', '--week', '2026-07-22', '--as-of', '2026-11-26', '--by', '王敏'],
      repo.dir,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('淮阴区市场监督管理局：1 件（SCJ-2026-0004）');
    const file = path.join(repo.dir, '附件4_办不成事事项汇总表_淮阴区市场监督管理局_2026-07-24.xlsx');
    const sheet = (await open(file)).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('附件4');
    expect(sheet.getCell('A1').font).toMatchObject({ name: '黑体' });
    expect(sheet.getCell('A2').value).toBe('“办不成事”事项汇总表');
    expect(sheet.getCell('A2').font).toMatchObject({ name: '宋体', bold: true });
    expect(sheet.getCell('A3').value).toBe('填报单位：淮阴区市场监督管理局');
    expect(rowValues(sheet, 4, 7)).toEqual([
      '序号',
      '工单编号',
      '办理对象',
      '联系电话',
      '反映事项',
      '受理人',
      '受理时间',
    ]);
    // The header as 附件4's: bold, centred, bordered.
    expect(sheet.getCell('B4').font).toMatchObject({ name: '宋体', bold: true });
    expect(sheet.getCell('B4').alignment).toMatchObject({ horizontal: 'center' });
    expect(rowValues(sheet, 5, 7)).toEqual([
      1,
      'SCJ-2026-0004',
      '周婷婷',
      '13900078125',
      '以自有住宅作为经营场所申办个体工商户营业执照（网络直播营销）',
      '王敏',
      '2026-07-20 10:00',
    ]);
    expect(sheet.getCell('B5').border?.top?.style).toBe('thin');
    // The leader signs; who filled it in and when, the tool knows.
    const labels = [7, 8, 9].map((row) => sheet.getCell(row, 1).value);
    expect(labels).toEqual(['主要领导：', '填报人：王敏', '填报时间：2026年11月26日']);
    expect(sheet.model.merges).toEqual(expect.arrayContaining(['A1:G1', 'A2:G2', 'A7:G7', 'A8:G8', 'A9:G9']));
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    });
  });

  it('an empty week still gives the form, with an explicit 本周无 row', async () => {
    const out = path.join(repo.dir, 'empty.xlsx');
    const r = runBbcs(
      ['weekly', '--unit', 'zjj', '--week', '2026-12-02', '--out', out, '--as-of', '2026-12-05'],
      repo.dir,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('本周无');
    const sheet = (await open(out)).worksheets[0]!;
    expect(sheet.getCell('A5').value).toBe('本周无');
    expect(sheet.model.merges).toContain('A5:G5');
    expect(sheet.getCell('A7').value).toBe('主要领导：');
  });

  it('a week whose Friday is a holiday ends on the last working day before it', () => {
    const r = runBbcs(
      ['weekly', '--unit', 'zjj', '--week', '2026-10-02', '--out', path.join(repo.dir, 'holiday.xlsx'), '--json'],
      repo.dir,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ from: '2026-09-25', to: '2026-09-30' });
  });

  it('--all gives the district sheet first and one sheet per unit, masked on request', async () => {
    const out = path.join(repo.dir, 'all.xlsx');
    const r = runBbcs(
      ['weekly', '--all', '--week', '2026-07-22', '--out', out, '--mask', '--as-of', '2026-11-26'],
      repo.dir,
    );
    expect(r.status).toBe(0);
    const workbook = await open(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '全区汇总',
      '淮阴区码头镇人民政府',
      '淮阴区市场监督管理局',
      '淮阴区王营街道办事处',
      '淮阴区住房和城乡建设局',
      '淮阴区自然资源和规划局',
    ]);
    const district = workbook.worksheets[0]!;
    expect(rowValues(district, 5, 8)).toEqual([
      1,
      '淮阴区市场监督管理局',
      'SCJ-2026-0004',
      '周**',
      '139****8125',
      '以自有住宅作为经营场所申办个体工商户营业执照（网络直播营销）',
      '王敏',
      '2026-07-20 10:00',
    ]);
  });

  it('refuses an unknown unit or a bad week date', () => {
    expect(runBbcs(['weekly', '--unit', 'nosuch'], repo.dir)).toMatchObject({ status: 2 });
    // No unit given and none configured: the choice is listed with the units' names.
    const none = runBbcs(['weekly'], repo.dir, {
      BBCS_UNIT: '',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(
      /^bbcs: 请用 --unit 指定填报单位（台账中的单位：.*zjj（淮阴区住房和城乡建设局）.*），或用 --all 生成全区的汇总表$/m,
    );
    const bad = runBbcs(['weekly', '--unit', 'zjj', '--week', '2026-13-01'], repo.dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--week');
  });

  it('replaces an older file only when the new one is whole, and names a folder that does not exist', () => {
    const out = path.join(repo.dir, 'replace.xlsx');
    writeFileSync(out, 'older export');
    expect(runBbcs(['weekly', '--unit', 'zjj', '--out', out, '--as-of', '2026-11-26'], repo.dir).status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const missing = path.join(repo.dir, 'no-such-folder', 'w.xlsx');
    const r = runBbcs(['weekly', '--unit', 'zjj', '--out', missing, '--as-of', '2026-11-26'], repo.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`bbcs: 无法访问 ${missing}：文件或其所在的文件夹不存在\n`);
    expect(readdirSync(repo.dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
