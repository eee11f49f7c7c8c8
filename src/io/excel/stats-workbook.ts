import { Workbook } from './exceljs.js';
import { saveWorkbook } from './save-workbook.js';
import { BODY_FONT, printSetup, tableRow, titleRow } from './sheet-style.js';

/**
 * Report tables (stats, typical cases, accountability) as a printable workbook: one sheet per
 * table, a merged title, a bordered header repeated on every printed page, A4 landscape, and
 * the notes (definitions, ranking rule) written under the table.
 */
export interface SheetTable {
  /** Sheet name (at most 31 characters, no []:*?/\). */
  name: string;
  title: string;
  head: string[];
  rows: (string | number)[][];
  widths: number[];
  notes?: string[];
  /** Column widths on a terminal (display columns); columns not given fit their content. */
  terminalWidths?: number[];
}

export async function writeTablesWorkbook(file: string, tables: readonly SheetTable[]): Promise<void> {
  const workbook = new Workbook();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    table.widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    titleRow(sheet, 1, table.head.length, table.title);
    tableRow(sheet, 2, table.head, true);
    table.rows.forEach((row, i) => tableRow(sheet, 3 + i, row));
    let next = 3 + table.rows.length + 1;
    for (const note of table.notes ?? []) {
      sheet.mergeCells(next, 1, next, table.head.length);
      const cell = sheet.getCell(next, 1);
      cell.value = note;
      cell.font = BODY_FONT;
      cell.alignment = { wrapText: true, vertical: 'top' };
      const width = table.widths.reduce((a, b) => a + b, 0);
      sheet.getRow(next).height = Math.max(20, Math.ceil((note.length * 2) / Math.max(1, width - 2)) * 15 + 5);
      next++;
    }
    printSetup(sheet, 'landscape', '1:2');
  }
  await saveWorkbook(workbook, file);
}
