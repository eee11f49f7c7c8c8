import type { Unit } from '../../core/schema/unit.js';
import { printableWidth } from './print-style.js';
import { columnCharacters, MAX_ROW_HEIGHT, rowPoints } from './print-measure.js';
import { sheetName, writePrintedWorkbook, PrintedRows } from './print-workbook.js';

/** 附件3 事项登记表 (one item, one A4 page) and 附件2 工作联系表 (one sheet per unit). */

export interface RegistrationForm {
  unitName: string;
  id: string;
  party: string;
  phone: string;
  receivedBy: string;
  receivedAt: string;
  title: string;
  reason: string;
  remark: string;
}

/** The page's width shared out in these proportions: label, value, label, value. */
const REGISTRATION_SHARES = [18, 32, 16, 34];

function shares(parts: readonly number[]): number[] {
  const page = printableWidth('portrait');
  const total = parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => Math.floor(columnCharacters((page * p) / total) * 10) / 10);
}

/**
 * A label and its value over the remaining three columns, at least `minHeight` points tall. A value
 * longer than the tallest row Excel allows goes on over further rows, so that nothing of a long
 * reason is cut off.
 */
async function wideRow(rows: PrintedRows, label: string, value: string, minHeight: number): Promise<void> {
  const room = rows.room(2, 4);
  const lineHeight = rowPoints(2, 10.5) - rowPoints(1, 10.5);
  const perRow = Math.max(1, Math.floor((MAX_ROW_HEIGHT - rowPoints(1, 10.5)) / lineHeight));
  const parts = splitLines(value, room, perRow);
  for (const [i, part] of parts.entries()) {
    const lines = PrintedRows.lines(part, room, 'body');
    const height = Math.max(i === parts.length - 1 ? minHeight / parts.length : 0, rowPoints(lines, 10.5));
    // Each part carries its label: a label merged down beside the parts would be printed across
    // the page break, cut in two.
    await rows.rows.add(
      [i === 0 ? label : `${label}\n（续）`, part, '', ''],
      ['header', 'body', 'body', 'body'],
      Math.ceil(height),
    );
    rows.rows.merge(2, 4);
  }
}

/** A text cut into parts of at most `perRow` printed lines each, at paragraph or character bounds. */
function splitLines(text: string, room: number, perRow: number): string[] {
  if (PrintedRows.lines(text, room, 'body') <= perRow) return [text];
  const parts: string[] = [];
  let rest = text;
  while (PrintedRows.lines(rest, room, 'body') > perRow) {
    // The longest head that still fits, found by halving.
    let low = 1;
    let high = rest.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (PrintedRows.lines(rest.slice(0, mid), room, 'body') <= perRow) low = mid;
      else high = mid - 1;
    }
    parts.push(rest.slice(0, low));
    rest = rest.slice(low).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts;
}

export async function writeRegistrationForm(form: RegistrationForm, file: string, created = new Date()): Promise<void> {
  const widths = shares(REGISTRATION_SHARES);
  await writePrintedWorkbook(
    file,
    [{ name: '事项登记表', orientation: 'portrait', widths }],
    { created },
    async ([rows]) => {
      const r = rows!;
      await r.line('附件3', 'annex');
      await r.line('“办不成事”事项登记表', 'title');
      await r.pair(`登记单位：${form.unitName}`, `工单编号：${form.id}`, 2, ['label', 'label']);
      const pairs: [string, string, string, string][] = [
        ['办理对象', form.party, '联系电话', form.phone],
        ['受理人员', form.receivedBy, '受理时间', form.receivedAt],
      ];
      for (const values of pairs) await r.cells(values, ['header', 'body', 'header', 'body'], 30);
      await wideRow(r, '受理事项名称', form.title, 36);
      await wideRow(r, '“办不成事”\n原因', form.reason, 300);
      await wideRow(r, '备注', form.remark, 110);
    },
  );
}

export async function writeContactForms(units: readonly Unit[], file: string, created = new Date()): Promise<void> {
  const widths = shares([1, 1, 1]);
  const taken = new Set<string>();
  const sheets = units.map((unit) => ({
    name: sheetName(unit.name, taken),
    orientation: 'portrait' as const,
    widths,
  }));
  await writePrintedWorkbook(file, sheets, { created }, async (all) => {
    for (const [i, unit] of units.entries()) {
      const rows = all[i]!;
      await rows.line('附件2', 'annex');
      await rows.line('“办不成事”工作联系表', 'title');
      if (unit.principal) await rows.pair(`单位名称：${unit.name}`, `主要领导：${unit.principal}`, 2);
      else await rows.line(`单位名称：${unit.name}`, 'label');
      const blocks: [string[], string[]][] = [
        [
          ['分管领导', '职务', '联系电话'],
          [unit.leader.name, unit.leader.title, unit.leader.phone],
        ],
        [
          ['牵头科室', '负责人', '联系电话'],
          [unit.lead_section.name, unit.lead_section.head, unit.lead_section.phone],
        ],
        [
          ['联系人', '职务', '联系电话'],
          [unit.contact.name, unit.contact.title, unit.contact.phone],
        ],
      ];
      for (const [labels, values] of blocks) {
        await rows.cells(labels, 'header', 30);
        await rows.cells(values, 'bodyCenter', 36);
      }
    }
  });
}
