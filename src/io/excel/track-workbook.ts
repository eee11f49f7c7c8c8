import type { TrackRow } from '../../core/reports/track.js';
import { columnNeed, fitColumns, type ColumnNeed } from './print-columns.js';
import { textPoints } from './print-measure.js';
import { TABLE_SIZE } from './print-style.js';
import { writePrintedWorkbook, type PrintedRows } from './print-workbook.js';

/**
 * 附件5 “办不成事”事项处理进度跟踪台账, written row by row (print-workbook.ts) so a ledger of
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
/** The 附件5 label, the title, the line under it, then the header; the details sheet has no label. */
const HEADER_ROW = 4;

/**
 * The rows are not known before they are written, so the columns are measured on what they hold
 * at most: the ids exactly (the caller knows them), times and phones by their form, free text by
 * the room it deserves (it wraps).
 */
function chinese(characters: number): ColumnNeed {
  return { natural: characters * TABLE_SIZE, least: Math.min(characters, 4) * TABLE_SIZE };
}
/** A phone number never breaks; a time may break between its day and its minute. */
const PHONE = whole('0517-80001234');
const MINUTE: ColumnNeed = { natural: whole('2026-12-31 23:59').natural, least: whole('2026-12-31').natural };
function whole(sample: string): ColumnNeed {
  const { natural } = columnNeed('', [sample]);
  return { natural, least: natural };
}

function trackColumns(id: ColumnNeed): number[] {
  return fitColumns([id, chinese(14), PHONE, chinese(30), chinese(4), MINUTE, chinese(30), MINUTE], 'landscape');
}

function detailColumns(id: ColumnNeed): number[] {
  return fitColumns(
    [id, chinese(12), chinese(6), chinese(12), chinese(16), chinese(4), chinese(12), chinese(40), chinese(4)],
    'landscape',
  );
}

export interface TrackWorkbookOptions {
  title: string;
  created: Date;
  /** Every id the export will hold, or the longest; the id column is measured on them. */
  ids?: Iterable<string>;
  /** The name printed for a unit code; the code itself when not given. */
  unitName?: (code: string) => string;
  mask?: (row: TrackRow) => { party: string; phone: string };
}

/** The id column's need: ids never break, so the longest sets the width. */
function idNeed(ids: Iterable<string> | undefined): ColumnNeed {
  let longest = textPoints('ZJJ-2026-0001', TABLE_SIZE);
  for (const id of ids ?? []) longest = Math.max(longest, textPoints(id, TABLE_SIZE));
  return { natural: longest, least: longest };
}

async function heading(rows: PrintedRows, headers: readonly string[], title: string, subtitle: string, annex?: string) {
  if (annex) await rows.line(annex, 'annex');
  await rows.line(title, 'title');
  await rows.line(subtitle, 'label');
  await rows.cells(headers, 'header');
}

export async function writeTrackWorkbook(
  rows: Iterable<TrackRow>,
  file: string,
  options: TrackWorkbookOptions,
): Promise<{ rows: number; overdue: number; overdueOpen: number }> {
  const id = idNeed(options.ids);
  const sheets = [
    { name: '跟踪台账', orientation: 'landscape', widths: trackColumns(id), headerRow: HEADER_ROW },
    { name: '处理进度明细', orientation: 'landscape', widths: detailColumns(id), headerRow: HEADER_ROW - 1 },
  ] as const;
  const mask = options.mask ?? ((r: TrackRow) => ({ party: r.party, phone: r.phone }));
  const unitName = options.unitName ?? ((code: string) => code);
  let count = 0;
  let overdue = 0;
  let overdueOpen = 0;
  await writePrintedWorkbook(file, sheets, { created: options.created }, async ([ledger, details]) => {
    await heading(
      ledger!,
      TRACK_HEADERS,
      TRACK_TITLE,
      `${options.title}\u3000\u3000红色底纹：曾有期限逾期的事项（含仍未完成的红牌）`,
      '附件5',
    );
    await heading(details!, DETAIL_HEADERS, `${TRACK_TITLE}（处理进度明细）`, options.title);
    for (const row of rows) {
      const shown = mask(row);
      const style = row.overdue ? 'marked' : 'body';
      await ledger!.cells(
        [row.id, shown.party, shown.phone, row.title, row.receivedBy, row.receivedAt, row.result, row.closedAt],
        style,
      );
      const deadlines =
        row.deadlines.map((d) => `${d.name}：${d.due}，${d.standing}`).join('；') +
        (row.provisional ? '（含暂定期限）' : '');
      await details!.cells(
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
        style,
      );
      count++;
      if (row.overdue) overdue++;
      if (row.overdueOpen) overdueOpen++;
    }
  });
  return { rows: count, overdue, overdueOpen };
}
