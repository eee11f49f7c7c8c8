import type { Borders, Font, Worksheet } from 'exceljs';

/**
 * How the official forms look when printed: 宋体 for the body, a larger bold title, thin
 * borders on the table, A4 with the title and header repeated on every page.
 */
export const TITLE_FONT: Partial<Font> = { name: '宋体', size: 18, bold: true };
export const HEADER_FONT: Partial<Font> = { name: '宋体', size: 12, bold: true };
export const BODY_FONT: Partial<Font> = { name: '宋体', size: 11 };
export const LABEL_FONT: Partial<Font> = { name: '仿宋', size: 12 };

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const ALL_BORDERS: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A4 (paper size 9), fit to one page wide, title and header rows repeated. */
export function printSetup(sheet: Worksheet, orientation: 'portrait' | 'landscape', repeatRows?: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(repeatRows ? { printTitlesRow: repeatRows } : {}),
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: '第 &P 页，共 &N 页' };
}

/** A merged title row across the given columns. */
export function titleRow(sheet: Worksheet, row: number, columns: number, text: string): void {
  sheet.mergeCells(row, 1, row, columns);
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = TITLE_FONT;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(row).height = 36;
}

/**
 * Columns a text takes in a spreadsheet: a column width counts narrow characters, and a
 * Chinese character (or any beyond U+2E80) takes two.
 */
export function textColumns(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x2e80) {
      width += 1;
    } else {
      width += 2;
      // Both halves of a surrogate pair are one character.
      if (code >= 0xd800 && code <= 0xdbff) i++;
    }
  }
  return width;
}

/**
 * Printed lines a value needs in a column. Spreadsheet programs do not grow rows for wrapped
 * text written by a library, so the height is set from this.
 */
export function linesNeeded(value: string | number, columnWidth: number): number {
  return Math.max(1, Math.ceil(textColumns(String(value)) / Math.max(1, columnWidth - 1)));
}

/** Excel's tallest row, in points; a taller one is not a valid file. */
export const MAX_ROW_HEIGHT = 409;

/** Points for a row of wrapped text: at least 20, at most what Excel allows (the cell then scrolls). */
export function rowHeight(lines: number, lineHeight = 15): number {
  return Math.min(MAX_ROW_HEIGHT, Math.max(20, lines * lineHeight + 5));
}

/** Printed lines of a row's tallest cell, in columns of these widths (10 where none is given). */
function rowLines(values: readonly (string | number)[], widthOf: (column: number) => number | undefined): number {
  let lines = 1;
  for (let i = 0; i < values.length; i++) {
    const value = String(values[i]);
    const width = widthOf(i) ?? 10;
    // No character takes more than two columns: a value that fits even if all its characters are
    // wide needs one line, without measuring.
    if (value.length * 2 <= width - 1) continue;
    lines = Math.max(lines, linesNeeded(value, width));
  }
  return lines;
}

/** The height of a row of text cells in columns of these widths (10 where none is given). */
export function wrappedRowHeight(values: readonly string[], widths: readonly number[]): number {
  return rowHeight(rowLines(values, (i) => widths[i]));
}

export function fitHeight(sheet: Worksheet, row: number, values: readonly (string | number)[], lineHeight = 15): void {
  sheet.getRow(row).height = rowHeight(
    rowLines(values, (i) => sheet.getColumn(i + 1).width),
    lineHeight,
  );
}

/** A bordered table row; text wraps so long Chinese matters stay readable. */
export function tableRow(sheet: Worksheet, row: number, values: readonly (string | number)[], header = false): void {
  const r = sheet.getRow(row);
  values.forEach((value, i) => {
    const cell = r.getCell(i + 1);
    // Text is stored as text: a value starting with = + - @ never becomes a formula.
    cell.value = value;
    cell.font = header ? HEADER_FONT : BODY_FONT;
    cell.border = ALL_BORDERS;
    cell.alignment = {
      vertical: 'middle',
      horizontal: header || typeof value === 'number' ? 'center' : 'left',
      wrapText: true,
    };
  });
  if (header) r.height = 24;
  else fitHeight(sheet, row, values);
}
