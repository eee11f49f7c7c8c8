import type ExcelJS from 'exceljs';
import { Workbook } from './exceljs.js';
import { saveWorkbook } from './save-workbook.js';
import type { WeeklySummary } from '../../core/reports/weekly.js';
import { LABEL_FONT, printSetup, tableRow, titleRow } from './sheet-style.js';

/** 附件4 “办不成事”事项汇总表, cell for cell, one sheet per unit (and a district sheet). */

export const WEEKLY_TITLE = '“办不成事”事项汇总表';
export const WEEKLY_HEADERS = ['序号', '工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间'] as const;
const WIDTHS = [6, 18, 24, 18, 42, 10, 18];

export interface WeeklySheet {
  unitName: string;
  summary: WeeklySummary;
}

/** Sheet names may not contain []:*?/\ and are at most 31 characters. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '工作表';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

function addUnitSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  sheet: WeeklySheet,
  mask: (row: WeeklySummary['rows'][number]) => { party: string; phone: string },
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRow(ws, 1, WIDTHS.length, WEEKLY_TITLE);
  ws.mergeCells(2, 1, 2, 4);
  ws.getCell(2, 1).value = `填报单位：${sheet.unitName}`;
  ws.getCell(2, 1).font = LABEL_FONT;
  ws.mergeCells(2, 5, 2, 7);
  const period = sheet.summary;
  ws.getCell(2, 5).value =
    `上报时间：${period.from} 至 ${period.to}${period.unknownYears.length > 0 ? '（暂定）' : ''}`;
  ws.getCell(2, 5).font = LABEL_FONT;
  ws.getCell(2, 5).alignment = { horizontal: 'right' };
  tableRow(ws, 3, WEEKLY_HEADERS, true);
  let row = 4;
  if (sheet.summary.rows.length === 0) {
    tableRow(ws, row, ['本周无', '', '', '', '', '', '']);
    ws.mergeCells(row, 1, row, WIDTHS.length);
    ws.getCell(row, 1).alignment = { horizontal: 'center', vertical: 'middle' };
    row++;
  }
  for (const r of sheet.summary.rows) {
    const shown = mask(r);
    tableRow(ws, row++, [r.seq, r.id, shown.party, shown.phone, r.title, r.receivedBy, r.receivedAt]);
  }
  row++;
  for (const label of ['主要领导：', '填报人：', '填报时间：']) {
    ws.mergeCells(row, 1, row, WIDTHS.length);
    const cell = ws.getCell(row, 1);
    cell.value = label;
    cell.font = LABEL_FONT;
    ws.getRow(row).height = 28;
    row += 1;
  }
  printSetup(ws, 'landscape', '1:3');
}

export interface WeeklyWorkbookOptions {
  /** Replace personal data for a copy that leaves the office. */
  mask?: (row: WeeklySummary['rows'][number]) => { party: string; phone: string };
  /** A district sheet after the unit sheets (for `--all`). */
  district?: boolean;
}

export async function writeWeeklyWorkbook(
  sheets: readonly WeeklySheet[],
  file: string,
  options: WeeklyWorkbookOptions = {},
): Promise<void> {
  const workbook = new Workbook();
  workbook.creator = 'bbcs';
  const mask = options.mask ?? ((r) => ({ party: r.party, phone: r.phone }));
  const taken = new Set<string>();
  if (options.district) addDistrictSheet(workbook, sheetName('全区汇总', taken), sheets, mask);
  for (const sheet of sheets) addUnitSheet(workbook, sheetName(sheet.unitName, taken), sheet, mask);
  await saveWorkbook(workbook, file);
}

function addDistrictSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  sheets: readonly WeeklySheet[],
  mask: NonNullable<WeeklyWorkbookOptions['mask']>,
): void {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  const headers = ['序号', '填报单位', ...WEEKLY_HEADERS.slice(1)];
  const widths = [6, 24, ...WIDTHS.slice(1)];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRow(ws, 1, widths.length, `${WEEKLY_TITLE}（全区）`);
  const first = sheets[0]?.summary;
  ws.mergeCells(2, 1, 2, widths.length);
  ws.getCell(2, 1).value = first
    ? `上报时间：${first.from} 至 ${first.to}；共 ${sheets.reduce((n, s) => n + s.summary.rows.length, 0)} 件`
    : '';
  ws.getCell(2, 1).font = LABEL_FONT;
  tableRow(ws, 3, headers, true);
  let row = 4;
  let seq = 1;
  for (const sheet of sheets) {
    for (const r of sheet.summary.rows) {
      const shown = mask(r);
      tableRow(ws, row++, [seq++, sheet.unitName, r.id, shown.party, shown.phone, r.title, r.receivedBy, r.receivedAt]);
    }
  }
  if (seq === 1) {
    tableRow(ws, row, ['本周无', ...headers.slice(1).map(() => '')]);
    ws.mergeCells(row, 1, row, widths.length);
    ws.getCell(row, 1).alignment = { horizontal: 'center' };
  }
  printSetup(ws, 'landscape', '1:3');
}
