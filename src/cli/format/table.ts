import { wrap } from './width.js';

/**
 * A table row whose cells are wrapped to their columns by display width (a CJK character takes
 * two columns), so long Chinese names wrap instead of being cut off. cli-table3's own wrapping
 * counts characters, not columns.
 */
export function fitRow(cells: readonly string[], colWidths: readonly number[]): string[] {
  return cells.map((cell, i) => (colWidths[i] !== undefined ? wrap(cell, colWidths[i] - 2) : cell));
}
