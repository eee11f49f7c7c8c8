import type { WeeklySummary } from '../../core/reports/weekly.js';
import { columnNeed, fitColumns } from './print-columns.js';
import { sheetName, writePrintedWorkbook, type PrintedRows, type PrintedSheet } from './print-workbook.js';

/** 附件4 “办不成事”事项汇总表, cell for cell, one sheet per unit (and a district sheet). */

export const WEEKLY_TITLE = '“办不成事”事项汇总表';
export const WEEKLY_HEADERS = ['序号', '工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间'] as const;
/** The 附件4 label, the title, 填报单位 and 上报时间, then the header. */
const HEADER_ROW = 4;
/** Room for a handwritten signature on the signature lines. */
const SIGNATURE_HEIGHT = 30;

export interface WeeklySheet {
  unitName: string;
  summary: WeeklySummary;
}

type Row = WeeklySummary['rows'][number];
type Mask = (row: Row) => { party: string; phone: string };

export interface WeeklyWorkbookOptions {
  /** Replace personal data for a copy that leaves the office. */
  mask?: Mask;
  /** A district sheet before the unit sheets (for `--all`). */
  district?: boolean;
  /** 填报人: the officer who made the summary. */
  filledBy?: string;
  /** 填报时间, as printed (2026年11月27日). */
  filledOn: string;
  created: Date;
}

function period(summary: WeeklySummary): string {
  return `上报时间：${summary.from} 至 ${summary.to}${summary.unknownYears.length > 0 ? '（暂定）' : ''}`;
}

function tableColumns(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): number[] {
  return fitColumns(
    headers.map((h, i) =>
      columnNeed(
        h,
        rows.map((r) => r[i]!),
      ),
    ),
    'landscape',
  );
}

interface Planned {
  sheet: PrintedSheet;
  write(rows: PrintedRows): Promise<void>;
}

function unitSheet(name: string, sheet: WeeklySheet, mask: Mask, options: WeeklyWorkbookOptions): Planned {
  const body = sheet.summary.rows.map((r) => {
    const shown = mask(r);
    return [r.seq, r.id, shown.party, shown.phone, r.title, r.receivedBy, r.receivedAt];
  });
  const widths = tableColumns(WEEKLY_HEADERS, body);
  return {
    sheet: { name, orientation: 'landscape', widths, headerRow: HEADER_ROW },
    async write(rows) {
      await rows.line('附件4', 'annex');
      await rows.line(WEEKLY_TITLE, 'title');
      await rows.pair(`填报单位：${sheet.unitName}`, period(sheet.summary), 4);
      await rows.cells(WEEKLY_HEADERS, 'header');
      if (body.length === 0) {
        await rows.cells(['本周无', '', '', '', '', '', ''], 'bodyCenter');
        rows.rows.merge(1, WEEKLY_HEADERS.length);
      }
      for (const values of body)
        await rows.cells(values, ['bodyCenter', 'body', 'body', 'body', 'body', 'body', 'body']);
      await rows.gap(12);
      await rows.line('主要领导：', 'label', SIGNATURE_HEIGHT);
      await rows.line(`填报人：${options.filledBy ?? ''}`, 'label', SIGNATURE_HEIGHT);
      await rows.line(`填报时间：${options.filledOn}`, 'label', SIGNATURE_HEIGHT);
    },
  };
}

function districtSheet(name: string, sheets: readonly WeeklySheet[], mask: Mask): Planned {
  const headers = ['序号', '填报单位', ...WEEKLY_HEADERS.slice(1)];
  let seq = 1;
  const body = sheets.flatMap((sheet) =>
    sheet.summary.rows.map((r) => {
      const shown = mask(r);
      return [seq++, sheet.unitName, r.id, shown.party, shown.phone, r.title, r.receivedBy, r.receivedAt];
    }),
  );
  const widths = tableColumns(headers, body);
  const first = sheets[0]?.summary;
  return {
    sheet: { name, orientation: 'landscape', widths, headerRow: HEADER_ROW },
    async write(rows) {
      await rows.line('附件4', 'annex');
      await rows.line(`${WEEKLY_TITLE}（全区）`, 'title');
      await rows.line(first ? `${period(first)}；共 ${body.length} 件` : '', 'label');
      await rows.cells(headers, 'header');
      if (body.length === 0) {
        await rows.cells(['本周无', ...headers.slice(1).map(() => '')], 'bodyCenter');
        rows.rows.merge(1, headers.length);
      }
      for (const values of body)
        await rows.cells(
          values,
          headers.map((_, i) => (i === 0 ? 'bodyCenter' : 'body')),
        );
    },
  };
}

export async function writeWeeklyWorkbook(
  sheets: readonly WeeklySheet[],
  file: string,
  options: WeeklyWorkbookOptions,
): Promise<void> {
  const mask = options.mask ?? ((r) => ({ party: r.party, phone: r.phone }));
  const taken = new Set<string>();
  const planned: Planned[] = [];
  if (options.district) planned.push(districtSheet(sheetName('全区汇总', taken), sheets, mask));
  for (const sheet of sheets) planned.push(unitSheet(sheetName(sheet.unitName, taken), sheet, mask, options));
  await writePrintedWorkbook(
    file,
    planned.map((p) => p.sheet),
    { created: options.created },
    async (rows) => {
      for (const [i, p] of planned.entries()) await p.write(rows[i]!);
    },
  );
}
