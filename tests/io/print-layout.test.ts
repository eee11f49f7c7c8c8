import { describe, expect, it } from 'vitest';
import { columnNeed, fitColumns } from '../../src/io/excel/print-columns.js';
import {
  charactersForText,
  columnPoints,
  linesIn,
  MAX_ROW_HEIGHT,
  rowPoints,
  textPoints,
  textRoom,
} from '../../src/io/excel/print-measure.js';
import { printableWidth } from '../../src/io/excel/print-style.js';

describe('text on paper', () => {
  it('a Chinese character is 1 em; Latin letters and digits are narrower, bold ones a little wider', () => {
    expect(textPoints('办不成事', 10)).toBe(40);
    expect(textPoints('😀', 10)).toBe(10);
    expect(textPoints('2026', 10)).toBeCloseTo(25.44, 2);
    expect(textPoints('W', 10, true)).toBeGreaterThan(textPoints('W', 10));
    expect(textPoints('办', 10, true)).toBe(10);
  });

  it('wraps Chinese anywhere, but never inside an id, a date or a number', () => {
    expect(linesIn('字'.repeat(10), 50, 10)).toBe(2);
    expect(linesIn('字'.repeat(11), 50, 10)).toBe(3);
    // The id moves to the next line whole, and takes that line alone.
    const id = 'WANGYING-2026-0001';
    const idWidth = textPoints(id, 10);
    expect(linesIn(`转办 ${id}`, idWidth + 1, 10)).toBe(2);
    expect(linesIn(id, idWidth + 1, 10)).toBe(1);
    // A line break in the text is a line.
    expect(linesIn('甲\n乙', 100, 10)).toBe(2);
  });

  it('keeps closing punctuation with the character before it, as Chinese typesetting does', () => {
    // Four characters fit a line; the comma may not start the next one, so it takes its character along.
    expect(linesIn('一二三四，五', 40, 10)).toBe(2);
    expect(linesIn('一二三四五六七八，', 40, 10)).toBe(3);
  });

  it('gives a row the height of its lines, up to the tallest row Excel allows', () => {
    expect(rowPoints(1, 10.5)).toBe(19);
    expect(rowPoints(3, 10.5)).toBe(46);
    expect(rowPoints(100, 10.5)).toBe(MAX_ROW_HEIGHT);
  });

  it('a column holds the text it was measured for', () => {
    for (const points of [20, 57.5, 130]) expect(textRoom(charactersForText(points))).toBeCloseTo(points, 6);
  });
});

describe('column widths', () => {
  const sum = (widths: number[]) => widths.reduce((total, w) => total + columnPoints(w), 0);

  it('a narrow table is widened to the page, in proportion', () => {
    const widths = fitColumns([columnNeed('序号', [1]), columnNeed('名称', ['淮阴区住房和城乡建设局'])], 'portrait');
    expect(sum(widths)).toBeLessThanOrEqual(printableWidth('portrait'));
    expect(sum(widths)).toBeGreaterThan(printableWidth('portrait') - 2);
    expect(widths[1]!).toBeGreaterThan(widths[0]!);
  });

  it('a wide table keeps its ids whole and lets the long texts wrap', () => {
    const id = 'WANGYING-2026-0001';
    const long = '以自有住宅作为经营场所申办个体工商户营业执照'.repeat(4);
    const widths = fitColumns(
      [columnNeed('工单编号', [id]), columnNeed('反映事项', [long]), columnNeed('处理结果', [long])],
      'landscape',
    );
    expect(sum(widths)).toBeLessThanOrEqual(printableWidth('landscape'));
    expect(linesIn(id, textRoom(widths[0]!), 10.5)).toBe(1);
    expect(linesIn(long, textRoom(widths[1]!), 10.5)).toBeGreaterThan(1);
    // Header cells are bold: the header fits its column too.
    expect(linesIn('工单编号', textRoom(widths[0]!), 10.5, true)).toBe(1);
  });

  it('a time may break between day and minute only when the page has no room for it', () => {
    const roomy = fitColumns([columnNeed('受理时间', ['2026-07-20 10:00'])], 'landscape');
    expect(linesIn('2026-07-20 10:00', textRoom(roomy[0]!), 10.5)).toBe(1);
  });
});
