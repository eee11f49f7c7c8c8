import { linesIn, rowPoints, textRoom } from './print-measure.js';
import { PRINT_STYLES, styleBold, styleSize, type Orientation, type PrintStyle } from './print-style.js';
import { XlsxStreamWriter, type SheetRows } from './xlsx-stream.js';

/**
 * The one place a bbcs workbook is written: every export (附件2–5, the overdue list, statistics,
 * accountability, typical cases) declares its sheets here and adds rows through PrintedRows, which
 * measures each row's height from its text, so nothing is cut off on paper; the rows go to the
 * streamed writer (xlsx-stream.ts), which holds no more than the rows in flight — what 附件5 of
 * 100,000 items needs, and what costs the small forms nothing.
 */

export interface PrintedSheet {
  name: string;
  orientation: Orientation;
  /** Column widths in characters (print-columns.ts fitColumns). */
  widths: readonly number[];
  /** The table's header row: kept in view when scrolling and printed on every page. */
  headerRow?: number;
}

/** Sheet names may not contain []:*?/\ and are at most 31 characters. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '工作表';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${n}`;
  taken.add(candidate);
  return candidate;
}

export interface PrintedWorkbookOptions {
  /** When the export was made, for the file's properties. */
  created: Date;
}

/**
 * Writes the declared sheets in one pass: `fill` gets a PrintedRows for each and adds rows to any
 * of them as its data comes; then the file is put in place at once (a failed export leaves no file
 * and keeps an older one).
 */
export async function writePrintedWorkbook(
  file: string,
  sheets: readonly PrintedSheet[],
  options: PrintedWorkbookOptions,
  fill: (sheets: PrintedRows[]) => Promise<void> | void,
): Promise<void> {
  const writer = new XlsxStreamWriter<PrintStyle>(file, {
    sheets: sheets.map((s) => ({
      name: s.name,
      widths: s.widths,
      landscape: s.orientation === 'landscape',
      ...(s.headerRow ? { frozenRows: s.headerRow, repeatRows: { from: s.headerRow, to: s.headerRow } } : {}),
    })),
    styles: PRINT_STYLES,
    creator: 'bbcs',
    created: options.created,
  });
  await writer.write(async (rows) => {
    await fill(rows.map((r, i) => new PrintedRows(r, sheets[i]!.widths)));
  });
}

/** Rows of a printed sheet, each as tall as its text needs in its columns. */
export class PrintedRows {
  private readonly rooms: number[];
  private readonly lastValues: (string | undefined)[] = [];
  private readonly lastSizes: number[] = [];
  private readonly lastLines: number[] = [];
  private readonly spanRoom: number;

  constructor(
    readonly rows: SheetRows<PrintStyle>,
    readonly widths: readonly number[],
  ) {
    this.rooms = widths.map(textRoom);
    this.spanRoom = this.room(1, widths.length);
  }

  get columns(): number {
    return this.widths.length;
  }

  /** Points of text a cell spanning columns `first`…`last` (1-based) holds on one line. */
  room(first: number, last: number): number {
    let characters = 0;
    for (let c = first; c <= last; c++) characters += this.widths[c - 1]!;
    return textRoom(characters);
  }

  /** Lines a value takes in the given room, in a style. */
  static lines(value: string | number, room: number, style: PrintStyle): number {
    return linesIn(String(value), room, styleSize(style), styleBold(style));
  }

  /** One text across the whole width: the 附件N label, the title, a line under it, a note. */
  line(text: string, style: PrintStyle, minHeight = 0): Promise<void> | undefined {
    const lines = PrintedRows.lines(text, this.spanRoom, style);
    const pending = this.rows.add([text], style, Math.max(minHeight, rowPoints(lines, styleSize(style))));
    this.rows.mergeAcross(this.columns);
    return pending;
  }

  /** Two texts on one line: the left one over the first `split` columns, the right one over the rest. */
  pair(left: string, right: string, split: number, styles: [PrintStyle, PrintStyle] = ['label', 'labelRight']) {
    const lines = Math.max(
      PrintedRows.lines(left, this.room(1, split), styles[0]),
      PrintedRows.lines(right, this.room(split + 1, this.columns), styles[1]),
    );
    const values = Array.from({ length: this.columns }, (_, i) => (i === 0 ? left : i === split ? right : ''));
    const cellStyles = values.map((_, i) => (i < split ? styles[0] : styles[1]));
    const height = rowPoints(lines, Math.max(styleSize(styles[0]), styleSize(styles[1])));
    const pending = this.rows.add(values, cellStyles, height);
    this.rows.merge(1, split);
    this.rows.merge(split + 1, this.columns);
    return pending;
  }

  /** A bordered table row (header or body), as tall as its tallest cell. */
  cells(
    values: readonly (string | number)[],
    style: PrintStyle | readonly PrintStyle[],
    minHeight = 0,
  ): Promise<void> | undefined {
    // One style for the whole row (附件5's 200,000 rows) is looked up once.
    const single = typeof style === 'string';
    let size = single ? styleSize(style) : 0;
    const bold = single && styleBold(style);
    let lines = 1;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      if (single) {
        if (typeof value !== 'string') continue;
        // Neighbouring rows often repeat a column's value (unit, state, decision): measured once.
        if (value !== this.lastValues[i] || size !== this.lastSizes[i]) {
          this.lastValues[i] = value;
          this.lastSizes[i] = size;
          this.lastLines[i] = linesIn(value, this.rooms[i]!, size, bold);
        }
        lines = Math.max(lines, this.lastLines[i]!);
        continue;
      }
      const s = style[i]!;
      size = Math.max(size, styleSize(s));
      if (typeof value === 'string') lines = Math.max(lines, PrintedRows.lines(value, this.rooms[i]!, s));
    }
    return this.rows.add(values, style, Math.max(minHeight, rowPoints(lines, size)));
  }

  /** An empty row of the given height (space before the signature lines). */
  gap(height: number): Promise<void> | undefined {
    return this.rows.add([], 'label', height);
  }
}
