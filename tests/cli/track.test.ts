import { scalarText } from '../../src/core/text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

describe('bbcs track (附件5)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
  });
  afterAll(() => repo.cleanup());

  it('exports every item with result and closing time, overdue rows marked, and a details sheet', async () => {
    const out = path.join(repo.dir, 'track.xlsx');
    const r = runBbcs(['track', '--out', out, '--as-of', '2026-11-26T12:00:00+08:00', '--json'], repo.dir);
    expect(r.status).toBe(0);
    // Nothing but the answer: no warning from a library reaches the officer.
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 25, overdue: 3 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const [ledger, details] = workbook.worksheets;
    expect(ledger!.name).toBe('跟踪台账');
    expect(ledger!.getCell('A1').value).toBe('附件5');
    expect(ledger!.getCell('A2').value).toBe('“办不成事”事项处理进度跟踪台账');
    expect(ledger!.getRow(4).values).toEqual([
      undefined,
      '工单编号',
      '办理对象',
      '联系电话',
      '反映事项',
      '受理人',
      '受理时间',
      '处理结果',
      '办结时间',
    ]);
    // The header as 附件4's: bold and centred.
    expect(ledger!.getCell('A4').font).toMatchObject({ bold: true });
    expect(ledger!.getCell('A4').alignment).toMatchObject({ horizontal: 'center' });
    expect(ledger!.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2']));
    expect(ledger!.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      horizontalCentered: true,
      printTitlesRow: '4:4',
    });
    expect(ledger!.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ledger!.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const rows = new Map<string, ExcelJS.Row>();
    ledger!.eachRow((row, n) => n > 4 && rows.set(scalarText(row.getCell(1).value), row));
    expect(rows.size).toBe(25);
    const closed = rows.get('SCJ-2026-0001')!;
    expect(scalarText(closed.getCell(7).value)).toMatch(/^办成：/);
    expect(closed.getCell(8).value).toMatch(/^2026-\d\d-\d\d \d\d:\d\d$/);
    const overdue = rows.get('MATOU-2026-0004')!;
    expect(overdue.getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(overdue.getCell(7).value).toBe('已分类待上报');
    expect(overdue.getCell(8).value ?? '').toBe('');
    expect(rows.get('SCJ-2026-0001')!.getCell(1).fill).not.toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(details!.getRow(3).getCell(3).value).toBe('当前状态');
    // Units by name, as officers know them, not by their codes in the ledger.
    const detail = details!.getRow(4);
    expect(detail.getCell(1).value).toBe('MATOU-2026-0001');
    expect(detail.getCell(2).value).toBe('淮阴区码头镇人民政府');
    expect(detail.getCell(7).value).toBe('淮阴区码头镇人民政府');
  });

  it('filters by unit and registration dates', () => {
    const out = path.join(repo.dir, 'zjj.xlsx');
    const r = runBbcs(
      [
        'track',
        '--unit',
        'zjj',
        '--from',
        '2026-01-01',
        '--to',
        '2026-12-31',
        '--out',
        out,
        '--json',
        '--as-of',
        '2026-11-26',
      ],
      repo.dir,
    );
    expect(JSON.parse(r.stdout).rows).toBe(5);
    const bad = runBbcs(['track', '--from', '2026-02-30'], repo.dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from');
  });

  it('names the file when it cannot be written, and leaves nothing behind', () => {
    const missing = path.join(repo.dir, 'no-such-folder', 'track.xlsx');
    const r = runBbcs(['track', '--out', missing], repo.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`bbcs: 无法访问 ${missing}：文件或其所在的文件夹不存在\n`);
    const folder = path.join(repo.dir, 'exports');
    mkdirSync(folder);
    const onFolder = runBbcs(['track', '--out', folder], repo.dir);
    expect(onFolder.status).toBe(2);
    expect(onFolder.stderr).toBe(`bbcs: 无法访问 ${folder}：这是一个文件夹，不是文件\n`);
    expect(readdirSync(repo.dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
