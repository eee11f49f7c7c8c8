import type { Font } from 'exceljs';
import type { TrackRow } from '../../core/reports/track.js';
import { BODY_FONT, HEADER_FONT, LABEL_FONT, TITLE_FONT, wrappedRowHeight } from './sheet-style.js';
import { XlsxStreamWriter, type SheetRows, type XlsxFont, type XlsxStyle } from './xlsx-stream.js';

/**
 * 附件5 “办不成事”事项处理进度跟踪台账, written row by row (xlsx-stream.ts) so a ledger of
 * 100,000 items exports in little memory: rows are produced, written and forgotten one by one;
 * only the second sheet waits, compressed, until the first is in the file.
 */
export const TRACK_TITLE = '“办不成事”事项处理进度跟踪台账';
export const TRACK_HEADERS = [
  '工单编号',
  '办理对象',
  '联系电话',
  '反映事项',
  '受理人',
  '受理时间',
  '处理结果',
  '办结时间',
] as const;
const TRACK_WIDTHS = [18, 24, 18, 40, 10, 18, 44, 18];
const DETAIL_HEADERS = [
  '工单编号',
  '登记单位',
  '当前状态',
  '研判分类',
  '办理意见',
  '难易程度',
  '责任单位',
  '期限与完成情况',
  '是否逾期',
] as const;
const DETAIL_WIDTHS = [18, 22, 18, 28, 34, 10, 22, 60, 10];
const OVERDUE_FILL = 'FFFFC7CE';
const HEADING_ROWS = 3;

function font(f: Partial<Font>): XlsxFont {
  return { name: f.name!, size: f.size!, ...(f.bold ? { bold: true } : {}) };
}

const TABLE: Omit<XlsxStyle, 'font'> = { bordered: true, vertical: 'center', wrap: true };
const STYLES = {
  title: { font: font(TITLE_FONT), horizontal: 'center', vertical: 'center' },
  label: { font: font(LABEL_FONT) },
  header: { font: font(HEADER_FONT), ...TABLE },
  body: { font: font(BODY_FONT), ...TABLE },
  overdue: { font: font(BODY_FONT), ...TABLE, fill: OVERDUE_FILL },
} satisfies Record<string, XlsxStyle>;
type Style = keyof typeof STYLES;

export interface TrackWorkbookOptions {
  title: string;
  created: Date;
  /** The name printed for a unit code; the code itself when not given. */
  unitName?: (code: string) => string;
  mask?: (row: TrackRow) => { party: string; phone: string };
}

async function heading(
  rows: SheetRows<Style>,
  headers: readonly string[],
  title: string,
  subtitle: string,
): Promise<void> {
  await rows.add([title], 'title', 36);
  rows.mergeAcross(headers.length);
  await rows.add([subtitle], 'label');
  rows.mergeAcross(headers.length);
  await rows.add(headers, 'header');
}

function body(
  rows: SheetRows<Style>,
  values: readonly string[],
  overdue: boolean,
  widths: readonly number[],
): Promise<void> | undefined {
  return rows.add(values, overdue ? 'overdue' : 'body', wrappedRowHeight(values, widths));
}

export async function writeTrackWorkbook(
  rows: Iterable<TrackRow>,
  file: string,
  options: TrackWorkbookOptions,
): Promise<{ rows: number; overdue: number; overdueOpen: number }> {
  const sheets = [
    { name: '跟踪台账', widths: TRACK_WIDTHS, landscape: true, headerRows: HEADING_ROWS },
    { name: '处理进度明细', widths: DETAIL_WIDTHS, landscape: true, headerRows: HEADING_ROWS },
  ];
  const workbook = new XlsxStreamWriter<Style>(file, {
    sheets,
    styles: STYLES,
    creator: 'bbcs',
    created: options.created,
  });
  const mask = options.mask ?? ((r: TrackRow) => ({ party: r.party, phone: r.phone }));
  const unitName = options.unitName ?? ((code: string) => code);
  let count = 0;
  let overdue = 0;
  let overdueOpen = 0;
  await workbook.write(async ([ledger, details]) => {
    await heading(
      ledger!,
      TRACK_HEADERS,
      TRACK_TITLE,
      `${options.title}\u3000\u3000红色底纹：曾有期限逾期的事项（含仍未完成的红牌）`,
    );
    await heading(details!, DETAIL_HEADERS, `${TRACK_TITLE}（处理进度明细）`, options.title);
    for (const row of rows) {
      const shown = mask(row);
      await body(
        ledger!,
        [row.id, shown.party, shown.phone, row.title, row.receivedBy, row.receivedAt, row.result, row.closedAt],
        row.overdue,
        TRACK_WIDTHS,
      );
      const deadlines =
        row.deadlines.map((d) => `${d.name}：${d.due}，${d.standing}`).join('；') +
        (row.provisional ? '（含暂定期限）' : '');
      await body(
        details!,
        [
          row.id,
          unitName(row.unit),
          row.stateName,
          row.itemClass,
          row.decision,
          row.difficulty,
          unitName(row.responsibleUnit),
          deadlines,
          row.overdueOpen ? '逾期（红牌，仍未完成）' : row.overdue ? '逾期' : '',
        ],
        row.overdue,
        DETAIL_WIDTHS,
      );
      count++;
      if (row.overdue) overdue++;
      if (row.overdueOpen) overdueOpen++;
    }
  });
  return { rows: count, overdue, overdueOpen };
}
