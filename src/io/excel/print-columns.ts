import { charactersForText, columnCharacters, columnPoints, textPoints } from './print-measure.js';
import { printableWidth, TABLE_SIZE, type Orientation } from './print-style.js';

/**
 * Column widths chosen for the text and the page, the way a browser lays out a table: every
 * column gets at least the room of its longest unbreakable piece (an id, a date, a phone number,
 * which must never break), and what the page has beyond that goes to the columns whose text
 * would wrap, in proportion to how much more they would like. A table narrower than the page is
 * widened to fill it, as the official forms span the page.
 */

export interface ColumnNeed {
  /** Points of text the column would like on one line: its longest line. */
  natural: number;
  /** Points of text it cannot go below: its longest piece that must not break. */
  least: number;
}

/** Chinese text may break anywhere, but a column narrower than this reads badly. */
const LEAST_CHINESE = 4;

/**
 * The longest run of characters that should not break: Latin letters, digits and signs, with the
 * spaces between them, so that a time (2026-07-20 10:00) stays on one line like an id does.
 */
function longestWord(text: string, size: number, bold: boolean): number {
  let longest = 0;
  for (const word of text.split(/[^\x20-\x7e]+/)) {
    const trimmed = word.trim();
    if (trimmed) longest = Math.max(longest, textPoints(trimmed, size, bold));
  }
  return longest;
}

function lineNeed(text: string, size: number, bold: boolean): ColumnNeed {
  let natural = 0;
  for (const line of text.split('\n')) natural = Math.max(natural, textPoints(line, size, bold));
  return { natural, least: Math.max(longestWord(text, size, bold), Math.min(natural, LEAST_CHINESE * size)) };
}

/** What a column of table cells (五号) needs, from its header and every value it will hold. */
export function columnNeed(header: string, values: Iterable<string | number>, size = TABLE_SIZE): ColumnNeed {
  const need = lineNeed(header, size, true);
  for (const value of values) {
    const cell = lineNeed(String(value), size, false);
    need.natural = Math.max(need.natural, cell.natural);
    need.least = Math.max(need.least, cell.least);
  }
  return need;
}

/** Column widths in characters, as the sheet stores them, for these needs on this page. */
export function fitColumns(needs: readonly ColumnNeed[], orientation: Orientation): number[] {
  const page = printableWidth(orientation);
  // A point to spare, so that rounding the width down never takes a needed point away.
  const natural = needs.map((n) => columnPoints(charactersForText(n.natural + 1)));
  const least = needs.map((n, i) => Math.min(natural[i]!, columnPoints(charactersForText(n.least + 1))));
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  let points: number[];
  if (sum(natural) <= page) {
    const grow = page / sum(natural);
    points = natural.map((p) => p * grow);
  } else if (sum(least) <= page) {
    const spare = page - sum(least);
    const wanted = sum(natural) - sum(least);
    points = least.map((p, i) => p + ((natural[i]! - p) * spare) / wanted);
  } else {
    // Even the pieces that must not break do not fit: every column gives up the same share.
    const shrink = page / sum(least);
    points = least.map((p) => p * shrink);
  }
  // Rounded down, so that the rounding never pushes the table past the page.
  return points.map((p) => Math.floor(columnCharacters(p) * 10) / 10);
}
