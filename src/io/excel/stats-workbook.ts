import { columnNeed, fitColumns } from './print-columns.js';
import { writePrintedWorkbook } from './print-workbook.js';

/**
 * Report tables (stats, typical cases, accountability) as a printable workbook: one sheet per
 * table, the title and the period under it, a bordered header repeated on every printed page,
 * A4 landscape, and the notes (definitions, ranking rule) written under the table.
 */
export interface SheetTable {
  /** Sheet name (at most 31 characters, no []:*?/\). */
  name: string;
  title: string;
  /** The period and the time of the data, printed under the title. */
  subtitle?: string;
  head: string[];
  rows: (string | number)[][];
  notes?: string[];
  /** Column widths on a terminal (display columns); columns not given fit their content. */
  terminalWidths?: number[];
}

/** The title, the line under it, then the header. */
const HEADER_ROW = 3;

export async function writeTablesWorkbook(
  file: string,
  tables: readonly SheetTable[],
  created: Date = new Date(),
): Promise<void> {
  const sheets = tables.map((table) => ({
    name: table.name.slice(0, 31),
    orientation: 'landscape' as const,
    widths: fitColumns(
      table.head.map((h, i) =>
        columnNeed(
          h,
          table.rows.map((r) => r[i] ?? ''),
        ),
      ),
      'landscape',
    ),
    headerRow: HEADER_ROW,
  }));
  await writePrintedWorkbook(file, sheets, { created }, async (all) => {
    for (const [i, table] of tables.entries()) {
      const rows = all[i]!;
      await rows.line(table.title, 'title');
      await rows.line(table.subtitle ?? '', 'label');
      await rows.cells(table.head, 'header');
      // Names and texts read from the left, counts and rates line up in the middle.
      for (const row of table.rows)
        await rows.cells(
          row,
          row.map((value, c) => (typeof value === 'number' || (c > 0 && value.length <= 12) ? 'bodyCenter' : 'body')),
        );
      if (table.notes?.length) await rows.gap(8);
      for (const note of table.notes ?? []) await rows.line(note, 'note');
    }
  });
}
