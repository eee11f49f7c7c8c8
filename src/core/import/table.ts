/**
 * Reading an existing Excel 台账 as officers keep it today: columns found by their header text
 * (in any order, the header on any of the first rows, titles and blank lines around it), one
 * candidate per data row, each problem tied to its row number. Pure: the grid comes from io.
 */

/** A cell as read from the workbook: text, a number, or a date whose UTC fields are the wall clock. */
export type GridCell = string | number | Date | null | undefined;
export type Grid = GridCell[][];

export const COLUMNS = {
  id: ['工单编号', '编号', '工单号'],
  party: ['办理对象', '当事人', '申请人', '当事方'],
  phone: ['联系电话', '电话', '联系方式'],
  title: ['反映事项', '受理事项名称', '事项名称', '诉求事项', '受理事项'],
  receivedBy: ['受理人', '受理人员'],
  receivedAt: ['受理时间', '登记时间'],
  reason: ['办不成事原因', '原因'],
  remark: ['备注'],
  result: ['处理结果', '办理结果'],
  closedAt: ['办结时间'],
} as const;

export type Column = keyof typeof COLUMNS;
export const REQUIRED_COLUMNS: Column[] = ['party', 'phone', 'title', 'receivedBy', 'receivedAt'];
const COLUMN_NAMES: Record<Column, string> = {
  id: '工单编号',
  party: '办理对象',
  phone: '联系电话',
  title: '反映事项',
  receivedBy: '受理人',
  receivedAt: '受理时间',
  reason: '“办不成事”原因',
  remark: '备注',
  result: '处理结果',
  closedAt: '办结时间',
};

function normalise(text: string): string {
  return text.replace(/[\s\u3000“”"'‘’《》]/g, '');
}

export function cellText(cell: GridCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    const time =
      cell.getUTCHours() || cell.getUTCMinutes() ? ` ${p(cell.getUTCHours())}:${p(cell.getUTCMinutes())}` : '';
    return `${cell.getUTCFullYear()}-${p(cell.getUTCMonth() + 1)}-${p(cell.getUTCDate())}${time}`;
  }
  return String(cell).trim();
}

function columnOf(header: string): Column | undefined {
  const text = normalise(header);
  return (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(text));
}

export interface HeaderFound {
  /** 0-based index into the grid. */
  row: number;
  columns: Partial<Record<Column, number>>;
}

/** The first row (of the first 30) that names at least the required columns. */
export function findHeader(grid: Grid): HeaderFound | { missing: string[] } {
  let best: { row: number; columns: Partial<Record<Column, number>> } | undefined;
  for (let r = 0; r < Math.min(grid.length, 30); r++) {
    const columns: Partial<Record<Column, number>> = {};
    (grid[r] ?? []).forEach((cell, c) => {
      const column = columnOf(cellText(cell));
      if (column && columns[column] === undefined) columns[column] = c;
    });
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { row: r, columns };
    if (REQUIRED_COLUMNS.every((c) => columns[c] !== undefined)) return { row: r, columns };
  }
  return { missing: REQUIRED_COLUMNS.filter((c) => best?.columns[c] === undefined).map((c) => COLUMN_NAMES[c]) };
}

/** "填报单位：淮阴区住房和城乡建设局" above the header, as the forms print it. */
export function unitNameAbove(grid: Grid, headerRow: number): string | undefined {
  for (let r = 0; r < headerRow; r++) {
    for (const cell of grid[r] ?? []) {
      const m = /(?:填报|登记)单位[：:]\s*(\S+)/.exec(cellText(cell));
      if (m) return m[1];
    }
  }
  return undefined;
}

export interface RawRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  values: Partial<Record<Column, string>>;
}

const NOT_DATA = /^(本周无|主要领导|填报人|填报时间|合计|小计|说明|注[：:])/;

/** The data rows under the header: blank lines, 本周无 and signature lines left out. */
export function dataRows(grid: Grid, header: HeaderFound): RawRow[] {
  const rows: RawRow[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    const texts = cells.map(cellText);
    const first = texts.find((t) => t !== '') ?? '';
    if (first === '' || NOT_DATA.test(first)) continue;
    const values: Partial<Record<Column, string>> = {};
    for (const [column, index] of Object.entries(header.columns) as [Column, number][]) {
      const text = texts[index] ?? '';
      if (text !== '') values[column] = text;
    }
    rows.push({ row: r + 1, values });
  }
  return rows;
}

/** A China wall-clock time as the sheets write it: 2026-07-20 10:00, 2026/7/20 10:00, 2026年7月20日 10时00分, or a date alone. */
export function importedTime(text: string): string | undefined {
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?(?:\s*[:：]\s*(\d{1,2})\s*秒?)?)?$/.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const p = (s: string | undefined) => String(Number(s ?? 0)).padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}+08:00`;
}
