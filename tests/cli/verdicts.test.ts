import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

/*
 * Issue 18, part 9, as it was found: ZJJ-2026-0001 of the test ledger was decided 03-06 as 复杂
 * (feedback due 03-13). It is closed as 不能办理 on 03-30 without an answer to the party, eleven
 * working days late, and then restarted. The red card must not vanish from any report.
 */

const ID = 'ZJJ-2026-0001';
const AS_OF = '2026-04-01T09:00:00+08:00';

describe('a restart keeps the red card (show, stats, accountability, track)', () => {
  let repo: TempRepo;
  const bbcs = (...args: string[]) => runBbcs(args, repo.dir);
  const json = (...args: string[]) => {
    const r = bbcs(...args, '--as-of', AS_OF, '--json');
    expect(r.stderr.replace(/注意：台账中.*\n/g, '')).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };

  beforeAll(() => {
    repo = tempLedger();
    const close = bbcs(
      ...['close', ID, '--outcome', '不能办理', '--result', '经研究不能办理', '--refusal-reason', '现行政策不允许'],
      ...['--by', '测试己', '--at', '2026-03-30 10:00', '-y'],
    );
    expect(close.stderr).toBe('');
    const restart = bbcs(
      ...['restart', ID, '--basis', '政策调整', '--reference', '淮政发〔2026〕9号'],
      ...['--by', '测试丙', '--at', '2026-03-30 11:00', '-y'],
    );
    expect(restart.stderr).toBe('');
  });
  afterAll(() => repo.cleanup());

  it('show: the feedback deadline is 逾期后停止, 11 working days, stopped by the restart', () => {
    const shown = json('show', ID) as { obligations: Record<string, unknown>[] };
    expect(shown.obligations.find((o) => o.rule === 'feedback')).toMatchObject({
      due: '2026-03-13',
      standing: '逾期后停止',
      daysLate: 11,
      endedAt: '2026-03-30T11:00:00+08:00',
      endedBy: 'restarted',
    });
    const text = bbcs('show', ID, '--as-of', AS_OF).stdout;
    expect(text).toContain('逾期后停止（2026-03-30 重启办理，停止计时时已逾期 11 个工作日）');
  });

  it('stats: still 曾逾期, and the feedback rate counts it as not on time', () => {
    const stats = json('stats', '--unit', 'zjj') as { units: Record<string, unknown>[] };
    expect(stats.units[0]).toMatchObject({
      unit: 'zjj',
      overdueEver: { count: 1, items: [ID] },
      feedbackOnTime: { numerator: { count: 0 }, denominator: { count: 1, items: [ID] } },
    });
  });

  it('accountability: 反馈逾期 for the unit, with the day and step that stopped the clock', () => {
    const report = json('accountability', '--unit', 'zjj') as { units: Record<string, unknown>[] };
    expect(report.units[0]).toMatchObject({
      unit: 'zjj',
      total: 1,
      feedbackLate: {
        count: 1,
        items: [
          {
            id: ID,
            rule: 'feedback',
            due: '2026-03-13',
            doneOn: null,
            daysLate: 11,
            stopped: { on: '2026-03-30', by: 'restarted' },
          },
        ],
      },
    });
    const text = bbcs('accountability', '--unit', 'zjj', '--as-of', AS_OF).stdout;
    // The table wraps the explanation over two lines of the terminal.
    expect(text).toContain('应于 2026-03-13 前完成，未完成；2026-03-30');
    expect(text).toContain('重启办理停止计时时已逾期 11 个工作日');
  });

  it('track (附件5): the item is counted and marked as overdue, though nothing is owed any more', async () => {
    const out = path.join(repo.dir, 'track.xlsx');
    expect(json('track', '--unit', 'zjj', '--out', out)).toMatchObject({ rows: 2, overdue: 1, overdueOpen: 0 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const [form, details] = workbook.worksheets;
    const rowOf = (sheet: ExcelJS.Worksheet) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => void (row.getCell(1).value === ID && (found = row)));
      return found!;
    };
    expect(rowOf(form!).getCell(1).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    const detail = rowOf(details!);
    expect(detail.getCell(8).text).toContain(
      '向当事方反馈：2026-03-13，逾期后停止（2026-03-30 重启办理时已逾期 11 个工作日）',
    );
    expect(detail.getCell(9).value).toBe('逾期');
  });
});
