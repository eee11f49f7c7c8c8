import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

async function sheets(file: string): Promise<ExcelJS.Worksheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets;
}

describe('bbcs form', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
  });
  afterAll(() => repo.cleanup());

  it('prints 附件3 for one item on one portrait A4 page', async () => {
    const r = runBbcs(['form', 'SCJ-2026-0004'], repo.dir);
    expect(r.status).toBe(0);
    const [ws] = await sheets(path.join(repo.dir, '附件3_办不成事事项登记表_SCJ-2026-0004.xlsx'));
    // The 附件3 label above the title, as on the official form.
    expect(ws!.getCell('A1').value).toBe('附件3');
    expect(ws!.getCell('A2').value).toBe('“办不成事”事项登记表');
    expect(ws!.getCell('A3').value).toBe('登记单位：淮阴区市场监督管理局');
    expect(ws!.getCell('C3').value).toBe('工单编号：SCJ-2026-0004');
    expect([
      ws!.getCell('A4').value,
      ws!.getCell('B4').value,
      ws!.getCell('C4').value,
      ws!.getCell('D4').value,
    ]).toEqual(['办理对象', '周婷婷（群众）', '联系电话', '13900078125']);
    expect([ws!.getCell('A5').value, ws!.getCell('C5').value, ws!.getCell('D5').value]).toEqual([
      '受理人员',
      '受理时间',
      '2026-07-20 10:00',
    ]);
    expect(ws!.getCell('A6').value).toBe('受理事项名称');
    expect(ws!.getCell('A7').value).toBe('“办不成事”\n原因');
    expect(ws!.getCell('B7').value).toEqual(expect.stringContaining('有利害关系业主的同意证明'));
    expect(ws!.getCell('A8').value).toBe('备注');
    expect(ws!.model.merges).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2', 'B6:D6', 'B7:D7', 'B8:D8']));
    // Laid out for the page at full size: fit-to-width is only a guard, and the form is one page.
    expect(ws!.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
  });

  it('prints 附件2 for every unit, one sheet each, or for one unit', async () => {
    expect(runBbcs(['form', '--contacts'], repo.dir).status).toBe(0);
    const all = await sheets(path.join(repo.dir, '附件2_办不成事工作联系表_全部单位.xlsx'));
    expect(all).toHaveLength(6);
    const out = path.join(repo.dir, 'zjj.xlsx');
    expect(runBbcs(['form', '--contacts', '--unit', 'zjj', '--out', out], repo.dir).status).toBe(0);
    const [ws] = await sheets(out);
    expect(ws!.getCell('A1').value).toBe('附件2');
    expect(ws!.getCell('A2').value).toBe('“办不成事”工作联系表');
    expect(ws!.getCell('A3').value).toBe('单位名称：淮阴区住房和城乡建设局');
    const grid = [4, 5, 6, 7, 8, 9].map((row) => [1, 2, 3].map((c) => ws!.getCell(row, c).value));
    expect(grid).toEqual([
      ['分管领导', '职务', '联系电话'],
      ['张伟', '副局长', '0517-80000201'],
      ['牵头科室', '负责人', '联系电话'],
      ['办公室', '刘芳', '0517-80000202'],
      ['联系人', '职务', '联系电话'],
      ['陈静', '办公室科员', '13800000201'],
    ]);
  });

  it('needs an id or --contacts, and a known item', () => {
    expect(runBbcs(['form'], repo.dir).status).toBe(2);
    const missing = runBbcs(['form', 'ZJJ-2026-9999'], repo.dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('ZJJ-2026-9999');
  });
});
