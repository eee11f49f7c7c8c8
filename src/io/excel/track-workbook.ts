import type ExcelJS from 'exceljs';
import { streamingWorkbookWriter } from './exceljs.js';
import type { TrackRow } from '../../core/reports/track.js';
import { ALL_BORDERS, BODY_FONT, HEADER_FONT, LABEL_FONT, linesNeeded, TITLE_FONT } from './sheet-style.js';

/**
 * 附件5 “办不成事”事项处理进度跟踪台账, written with exceljs's streaming writer so a ledger of
 * 100,000 items exports in bounded memory: rows are produced, written and forgotten one by one.
 */
export const TRACK_TITLE = '“办不成事”事项处理进度跟踪台账';
export const TRACK_HEADERS = ['工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间', '处理结果', '办结时间'] as const;
const TRACK_WIDTHS = [18, 24, 18, 40, 10, 18, 44, 18];
const DETAIL_HEADERS = ['工单编号', '登记单位', '当前状态', '研判分类', '办理意见', '难易程度', '责任单位', '期限与完成情况', '是否逾期'] as const;
const DETAIL_WIDTHS = [18, 12, 18, 28, 34, 10, 12, 60, 10];
const OVERDUE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

type Rows = () => Iterable<TrackRow>;

export interface TrackWorkbookOptions {
  title: string;
  mask?: (row: TrackRow) => { party: string; phone: string };
}

function pageSetup(): Partial<ExcelJS.PageSetup> {
  return { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '1:3' };
}

function styled(row: ExcelJS.Row, font: Partial<ExcelJS.Font>, fill?: ExcelJS.Fill, widths?: readonly number[]): void {
  if (widths) {
    let lines = 1;
    row.eachCell({ includeEmpty: true }, (cell, column) => (lines = Math.max(lines, linesNeeded(String(cell.value ?? ''), widths[column - 1] ?? 10))));
    row.height = Math.max(20, lines * 15 + 5);
  }
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = font;
    cell.border = ALL_BORDERS;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (fill) cell.fill = fill;
  });
}

function heading(sheet: ExcelJS.Worksheet, columns: number, title: string, subtitle: string): void {
  const top = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns);
  top.getCell(1).font = TITLE_FONT;
  top.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  top.height = 36;
  top.commit();
  const sub = sheet.addRow([subtitle]);
  sheet.mergeCells(2, 1, 2, columns);
  sub.getCell(1).font = LABEL_FONT;
  sub.commit();
}

export async function writeTrackWorkbook(rows: Rows, file: string, options: TrackWorkbookOptions): Promise<{ rows: number; overdue: number }> {
  const workbook = new (streamingWorkbookWriter())({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'bbcs';
  const mask = options.mask ?? ((r: TrackRow) => ({ party: r.party, phone: r.phone }));

  const ledger = workbook.addWorksheet('跟踪台账', { pageSetup: pageSetup(), views: [{ state: 'frozen', ySplit: 3 }] });
  ledger.columns = TRACK_WIDTHS.map((width) => ({ width }));
  heading(ledger, TRACK_HEADERS.length, TRACK_TITLE, `${options.title}　　红色底纹：有逾期（红牌）的事项`);
  const header = ledger.addRow([...TRACK_HEADERS]);
  styled(header, HEADER_FONT);
  header.commit();
  let count = 0;
  let overdue = 0;
  for (const row of rows()) {
    const shown = mask(row);
    const added = ledger.addRow([row.id, shown.party, shown.phone, row.title, row.receivedBy, row.receivedAt, row.result, row.closedAt]);
    styled(added, BODY_FONT, row.overdue ? OVERDUE_FILL : undefined, TRACK_WIDTHS);
    added.commit();
    count++;
    if (row.overdue) overdue++;
  }
  ledger.commit();

  const details = workbook.addWorksheet('处理进度明细', { pageSetup: pageSetup(), views: [{ state: 'frozen', ySplit: 3 }] });
  details.columns = DETAIL_WIDTHS.map((width) => ({ width }));
  heading(details, DETAIL_HEADERS.length, `${TRACK_TITLE}（处理进度明细）`, options.title);
  const detailHeader = details.addRow([...DETAIL_HEADERS]);
  styled(detailHeader, HEADER_FONT);
  detailHeader.commit();
  for (const row of rows()) {
    const deadlines = row.deadlines.map((d) => `${d.name}：${d.due}，${d.standing}`).join('；');
    const added = details.addRow([row.id, row.unit, row.stateName, row.itemClass, row.decision, row.difficulty, row.responsibleUnit, deadlines + (row.provisional ? '（含暂定期限）' : ''), row.overdue ? '逾期' : '']);
    styled(added, BODY_FONT, row.overdue ? OVERDUE_FILL : undefined, DETAIL_WIDTHS);
    added.commit();
  }
  details.commit();
  await workbook.commit();
  return { rows: count, overdue };
}
