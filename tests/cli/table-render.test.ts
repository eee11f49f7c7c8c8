import { describe, expect, it } from 'vitest';
import Table from 'cli-table3';
import { fitRow, renderGrid, type GridOptions } from '../../src/cli/format/table.js';
import { displayWidth } from '../../src/cli/format/width.js';

/** What cli-table3 draws for the same table, configured as the commands used to configure it. */
function cliTable3(rows: (string | number)[][], options: GridOptions): string {
  const table = new Table({
    style: { head: [], border: [] },
    colWidths: [...options.colWidths],
    ...(options.head ? { head: [...options.head] } : {}),
    ...(options.wordWrap ? { wordWrap: true } : {}),
  });
  table.push(...rows);
  return table.toString();
}

const lineWidths = (text: string) => [...new Set(text.split('\n').map(displayWidth))];

describe('renderGrid', () => {
  it('draws the box cli-table3 draws, with Chinese cells two columns a character', () => {
    const text = renderGrid(
      [
        ['ZJJ-2026-0001', '住建局'],
        ['MT-2026-0002', '码头镇人民政府'],
      ],
      { head: ['工单编号', '单位'], colWidths: [15, 12] },
    );
    expect(text).toBe(
      [
        '┌───────────────┬────────────┐',
        '│ 工单编号      │ 单位       │',
        '├───────────────┼────────────┤',
        '│ ZJJ-2026-0001 │ 住建局     │',
        '├───────────────┼────────────┤',
        '│ MT-2026-0002  │ 码头镇人…  │',
        '└───────────────┴────────────┘',
      ].join('\n'),
    );
  });

  it('keeps every line equally wide, with wide cells cut to fit and wrapped cells on several lines', () => {
    const rows = [
      fitRow(['淮阴区住房和城乡建设局', '老旧小区加装电梯补贴申请，需要提供全体业主同意的书面材料'], [14, 20]),
    ];
    const text = renderGrid(rows, { head: ['单位', '事项'], colWidths: [14, 20] });
    expect(lineWidths(text)).toEqual([37]);
    expect(text.split('\n').length).toBeGreaterThan(6);
    expect(text).toBe(cliTable3(rows, { head: ['单位', '事项'], colWidths: [14, 20] }));
  });

  it('wraps at spaces with wordWrap, and cuts a run of Chinese without spaces', () => {
    const options = { head: ['期限', '事项'], colWidths: [14, 12], wordWrap: true };
    const rows = [['2026-11-30 前（还有 2 个工作日）', '在自家承包的永久基本农田上建设']];
    const text = renderGrid(rows, options);
    expect(text).toContain('│ 2026-11-30   │ 在自家承…  │');
    expect(text).toContain('│ 前（还有 2   │            │');
    expect(text).toContain('│ 个工作日）   │            │');
    expect(lineWidths(text)).toEqual([29]);
    expect(text).toBe(cliTable3(rows, options));
  });

  it('draws nothing for a table with neither head nor rows, and only the head for one without rows', () => {
    expect(renderGrid([], { colWidths: [6] })).toBe('');
    expect(renderGrid([], { head: [], colWidths: [6] })).toBe('');
    expect(renderGrid([], { head: ['行'], colWidths: [6] })).toBe(['┌──────┐', '│ 行   │', '└──────┘'].join('\n'));
  });

  it('shows control characters in cells harmlessly, every line still equally wide', () => {
    const text = renderGrid(
      [
        ['a\tb', '\u001b[31m红\u001b[0m'],
        ['回车\r覆盖', 'x'],
      ],
      { colWidths: [] },
    );
    expect(text).not.toMatch(/[\t\r\u001b]/);
    expect(lineWidths(text)).toHaveLength(1);
    expect(text).toContain('a b');
  });

  it('draws a single column, blank cells included', () => {
    const text = renderGrid([['甲'], [''], [3]], { colWidths: [5] });
    expect(text).toBe(['┌─────┐', '│ 甲  │', '├─────┤', '│     │', '├─────┤', '│ 3   │', '└─────┘'].join('\n'));
    expect(text).toBe(cliTable3([['甲'], [''], [3]], { colWidths: [5] }));
  });

  it('fits a column without a width to its widest cell', () => {
    const options = { head: ['单位', '登记', '范围一'], colWidths: [8] };
    const rows = [
      ['住建局', 12, 3],
      ['全区合计', 1234, 40],
    ];
    const text = renderGrid(rows, options);
    expect(text.split('\n')[0]).toBe('┌────────┬──────┬────────┐');
    expect(text).toBe(cliTable3(rows, options));
  });

  it('matches cli-table3 on cells with line breaks, blanks, full-width spaces and cuts at every width', () => {
    const cells = [
      '',
      ' ',
      '甲乙丙丁戊己庚辛',
      'a b  c   d',
      '第一行\n第二行很长很长很长',
      '全角　空格　分隔',
      '（一）、“办不成事”',
      '13900001111 转 302',
      '  前导空格',
    ];
    for (const wordWrap of [false, true]) {
      for (let width = 2; width <= 14; width++) {
        const options = { head: ['内容', '宽'], colWidths: [width, 4], wordWrap };
        const rows = cells.map((c) => [c, width]);
        expect(renderGrid(rows, options)).toBe(cliTable3(rows, options));
      }
    }
  });

  it('refuses rows of different lengths rather than drawing them differently', () => {
    expect(() => renderGrid([['a', 'b'], ['c']], { colWidths: [4, 4] })).toThrow(/2 cells|1 cells/);
  });
});
