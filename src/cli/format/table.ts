import { displayWidth, printable, wrap } from './width.js';

/**
 * A table row whose cells are wrapped to their columns by display width (a CJK character takes
 * two columns), so long Chinese names wrap instead of being cut off. cli-table3's own wrapping
 * counts characters, not columns.
 */
export function fitRow(cells: readonly string[], colWidths: readonly number[]): string[] {
  return cells.map((cell, i) =>
    colWidths[i] !== undefined ? wrap(printable(cell), colWidths[i] - 2) : printable(cell),
  );
}

export interface GridOptions {
  /** The header row; none when absent or empty. */
  head?: readonly string[];
  /** Column widths including one space of padding each side; a column without one fits its widest cell. */
  colWidths: readonly number[];
  /** Wrap cells to their fixed widths at whitespace, the way cli-table3's wordWrap does. */
  wordWrap?: boolean;
}

/**
 * A boxed grid drawn exactly as cli-table3 0.6 draws a plain table (no colours, padding 1, no
 * spans) — bbcs's tables have always looked like that — at a fraction of its cost: cli-table3
 * rebuilds a large emoji RegExp on every width it measures, and a table of a thousand rows spent
 * over half a second there. Cells are plain text (no ANSI colours). Kept byte-for-byte the same,
 * quirks included: a line too wide for its column is cut and ends in “…”; wordWrap breaks only at
 * whitespace, so a long run of Chinese without spaces is cut rather than wrapped (callers that
 * want Chinese wrapped pass rows through fitRow instead).
 */
export function renderGrid(rows: readonly (readonly (string | number)[])[], options: GridOptions): string {
  const all = options.head && options.head.length > 0 ? [options.head, ...rows] : rows;
  if (all.length === 0) return '';
  const columns = all[0]!.length;
  for (const row of all) {
    // cli-table3 fills a short row with a cell spanning the rows below; none of our tables needs that.
    if (row.length !== columns) throw new Error(`renderGrid: a row has ${row.length} cells, the table ${columns}`);
  }
  const cells = all.map((row) => row.map((cell) => printable(String(cell))));
  const widths = Array.from({ length: columns }, (_, x) => {
    const fixed = options.colWidths[x];
    if (fixed !== undefined) return Math.max(1, fixed);
    return cells.reduce((widest, row) => Math.max(widest, textWidth(row[x]!) + 2), 1);
  });
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w)).join(mid) + right;
  const between = rule('├', '┼', '┤');
  // A column's cells repeat (dates, states, masked phones, the same matter's name): each distinct
  // text is wrapped and padded once. A long overdue list measured every cell of thousands of rows.
  const laidOut = widths.map(() => new Map<string, string[]>());
  const layOut = (cell: string, x: number): string[] => {
    let lines = laidOut[x]!.get(cell);
    if (!lines) {
      const width = widths[x]! - 2;
      lines = (options.wordWrap && options.colWidths[x] ? wordWrap(cell, width) : cell.split('\n')).map(
        (line) => ` ${fit(line, width)} `,
      );
      laidOut[x]!.set(cell, lines);
    }
    return lines;
  };
  const blanks = widths.map((w) => ' '.repeat(w));
  const out: string[] = [];
  cells.forEach((row, y) => {
    out.push(y === 0 ? rule('┌', '┬', '┐') : between);
    const lines = row.map(layOut);
    let height = 1;
    for (const l of lines) height = Math.max(height, l.length);
    for (let n = 0; n < height; n++) {
      let text = '│';
      for (let x = 0; x < columns; x++) text += `${lines[x]![n] ?? blanks[x]!}│`;
      out.push(text);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** The width of the widest line. */
function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/** The line padded to the width, or cut to one column less and ended with “…”. */
function fit(line: string, width: number): string {
  const used = displayWidth(line);
  if (used <= width) return line + ' '.repeat(width - used);
  let kept = '';
  let keptWidth = 0;
  for (const ch of line) {
    const w = displayWidth(ch);
    if (keptWidth + w > width - 1) break;
    kept += ch;
    keptWidth += w;
  }
  return `${kept}…${' '.repeat(Math.max(0, width - keptWidth - 1))}`;
}

/** cli-table3's word wrap: words joined by their whitespace while they fit; a word too long stays whole. */
function wordWrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const input of text.split('\n')) {
    // What fits is kept as it is (an all-blank line vanishes), as the loop below would keep it.
    if (displayWidth(input) <= width) {
      if (input.trim() !== '') lines.push(input);
      continue;
    }
    const parts = input.split(/(\s+)/g);
    let line: string[] = [];
    let lineWidth = 0;
    let space: string | undefined;
    for (let i = 0; i < parts.length; i += 2) {
      const word = parts[i]!;
      let next = lineWidth + displayWidth(word);
      if (lineWidth > 0 && space) next += space.length;
      if (next > width) {
        if (lineWidth !== 0) lines.push(line.join(''));
        line = [word];
        lineWidth = displayWidth(word);
      } else {
        line.push(space ?? '', word);
        lineWidth = next;
      }
      space = parts[i + 1];
    }
    if (lineWidth) lines.push(line.join(''));
  }
  return lines;
}
