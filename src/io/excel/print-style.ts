import type { XlsxStyle } from './xlsx-parts.js';

/**
 * How every bbcs workbook looks on paper, in one place: the official forms' typefaces and sizes
 * (五号 10.5 pt 宋体 in the tables, as Chinese official tables are set), A4 with the table's
 * header repeated on every page, a page number in the footer, thin black borders.
 */

/** 附件N above the title, as the official forms carry it: 黑体 四号. */
export const ANNEX_SIZE = 14;
/** The title: bold 宋体 小二. */
export const TITLE_SIZE = 18;
/** Lines under the title (填报单位, 上报时间) and the signature lines: 仿宋 小四. */
export const LABEL_SIZE = 12;
/** Header and body cells: 五号. */
export const TABLE_SIZE = 10.5;

const TABLE = { bordered: true, vertical: 'center', wrap: true } as const;

/** The cell styles every workbook chooses from; the names are what the writers refer to. */
export const PRINT_STYLES = {
  annex: { font: { name: '黑体', size: ANNEX_SIZE }, horizontal: 'left', vertical: 'center' },
  title: { font: { name: '宋体', size: TITLE_SIZE, bold: true }, horizontal: 'center', vertical: 'center', wrap: true },
  label: { font: { name: '仿宋', size: LABEL_SIZE }, horizontal: 'left', vertical: 'center', wrap: true },
  labelRight: { font: { name: '仿宋', size: LABEL_SIZE }, horizontal: 'right', vertical: 'center', wrap: true },
  header: { font: { name: '宋体', size: TABLE_SIZE, bold: true }, horizontal: 'center', ...TABLE },
  body: { font: { name: '宋体', size: TABLE_SIZE }, horizontal: 'left', ...TABLE },
  bodyCenter: { font: { name: '宋体', size: TABLE_SIZE }, horizontal: 'center', ...TABLE },
  /** A whole row marked: an item with a missed deadline (附件5). */
  marked: { font: { name: '宋体', size: TABLE_SIZE }, horizontal: 'left', fill: 'FFFFC7CE', ...TABLE },
  /** A red card in a list: bold dark red. */
  alert: { font: { name: '宋体', size: TABLE_SIZE, bold: true, color: 'FFC00000' }, horizontal: 'center', ...TABLE },
  note: { font: { name: '宋体', size: TABLE_SIZE }, horizontal: 'left', vertical: 'top', wrap: true },
} satisfies Record<string, XlsxStyle>;

export type PrintStyle = keyof typeof PRINT_STYLES;

export function styleSize(style: PrintStyle): number {
  return PRINT_STYLES[style].font.size;
}

export function styleBold(style: PrintStyle): boolean {
  return 'bold' in PRINT_STYLES[style].font && PRINT_STYLES[style].font.bold === true;
}

/** A4 in points, and the margins every sheet prints with (inches, as the file stores them). */
const A4 = { short: 595.3, long: 841.9 };
export const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };

export type Orientation = 'portrait' | 'landscape';

/**
 * The width a sheet's columns may take together, in points: the page less its margins, less a
 * twentieth kept free, so that a program measuring a little wider still prints the table at full
 * size on one page's width.
 */
export function printableWidth(orientation: Orientation): number {
  const page = orientation === 'landscape' ? A4.long : A4.short;
  return (page - (MARGINS.left + MARGINS.right) * 72) * 0.95;
}

/** The footer of every page. */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';
