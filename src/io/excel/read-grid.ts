import type ExcelJS from 'exceljs';
import { Workbook } from './exceljs.js';
import { scalarText } from '../../core/text.js';
import type { Grid, GridCell } from '../../core/import/table.js';

/** Every sheet of a workbook as a grid of plain values (formulas by their result, rich text as text). */
export async function readGrids(file: string): Promise<{ name: string; grid: Grid }[]> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const grid: Grid = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: GridCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = plain(cell.value);
      });
      grid[number - 1] = cells;
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    return { name: sheet.name, grid };
  });
}

function plain(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return plain(value.result);
    if ('text' in value) return String(value.text);
  }
  return scalarText(value);
}
