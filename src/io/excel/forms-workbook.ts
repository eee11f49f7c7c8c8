import type ExcelJS from 'exceljs';
import { Workbook } from './exceljs.js';
import { saveWorkbook } from './save-workbook.js';
import type { Unit } from '../../core/schema/unit.js';
import {
  ALL_BORDERS,
  BODY_FONT,
  fitHeight,
  HEADER_FONT,
  LABEL_FONT,
  MAX_ROW_HEIGHT,
  printSetup,
  textColumns,
  titleRow,
} from './sheet-style.js';

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

const REGISTRATION_WIDTHS = [18, 30, 14, 30];

function cell(ws: ExcelJS.Worksheet, row: number, column: number, value: string, label: boolean): void {
  const c = ws.getCell(row, column);
  c.value = value;
  c.font = label ? HEADER_FONT : BODY_FONT;
  c.border = ALL_BORDERS;
  c.alignment = { vertical: 'middle', horizontal: label ? 'center' : 'left', wrapText: true };
}

/** A label and its value over the remaining three columns, at least `minHeight` points tall. */
function wideRow(ws: ExcelJS.Worksheet, row: number, label: string, value: string, minHeight: number): void {
  cell(ws, row, 1, label, true);
  ws.mergeCells(row, 2, row, 4);
  cell(ws, row, 2, value, false);
  for (const column of [3, 4]) ws.getCell(row, column).border = ALL_BORDERS;
  const lines = Math.ceil(textColumns(value) / 72);
  ws.getRow(row).height = Math.min(MAX_ROW_HEIGHT, Math.max(minHeight, lines * 16 + 8));
}

export async function writeRegistrationForm(form: RegistrationForm, file: string): Promise<void> {
  const workbook = new Workbook();
  workbook.creator = 'bbcs';
  const ws = workbook.addWorksheet('事项登记表');
  REGISTRATION_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRow(ws, 1, 4, '“办不成事”事项登记表');
  ws.mergeCells(2, 1, 2, 2);
  ws.getCell(2, 1).value = `登记单位：${form.unitName}`;
  ws.mergeCells(2, 3, 2, 4);
  ws.getCell(2, 3).value = `工单编号：${form.id}`;
  for (const c of [1, 3]) ws.getCell(2, c).font = LABEL_FONT;
  ws.getRow(2).height = 24;
  const pairs: [string, string, string, string][] = [
    ['办理对象', form.party, '联系电话', form.phone],
    ['受理人员', form.receivedBy, '受理时间', form.receivedAt],
  ];
  pairs.forEach(([l1, v1, l2, v2], i) => {
    const row = 3 + i;
    cell(ws, row, 1, l1, true);
    cell(ws, row, 2, v1, false);
    cell(ws, row, 3, l2, true);
    cell(ws, row, 4, v2, false);
    fitHeight(ws, row, [l1, v1, l2, v2], 16);
  });
  wideRow(ws, 5, '受理事项名称', form.title, 32);
  wideRow(ws, 6, '“办不成事”\n原因', form.reason, 260);
  wideRow(ws, 7, '备注', form.remark, 90);
  printSetup(ws, 'portrait');
  ws.pageSetup.fitToHeight = 1;
  await saveWorkbook(workbook, file);
}

export async function writeContactForms(units: readonly Unit[], file: string): Promise<void> {
  const workbook = new Workbook();
  workbook.creator = 'bbcs';
  const taken = new Set<string>();
  for (const unit of units) {
    let name = unit.name.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || unit.code;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    const ws = workbook.addWorksheet(name);
    [22, 22, 22].forEach((w, i) => (ws.getColumn(i + 1).width = w));
    titleRow(ws, 1, 3, '“办不成事”工作联系表');
    ws.mergeCells(2, 1, 2, 3);
    ws.getCell(2, 1).value = `单位名称：${unit.name}`;
    ws.getCell(2, 1).font = LABEL_FONT;
    ws.getRow(2).height = 24;
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
    let row = 3;
    for (const [labels, values] of blocks) {
      labels.forEach((l, i) => cell(ws, row, i + 1, l, true));
      values.forEach((v, i) => cell(ws, row + 1, i + 1, v, false));
      ws.getRow(row).height = 28;
      ws.getRow(row + 1).height = 32;
      for (let c = 1; c <= 3; c++)
        ws.getCell(row + 1, c).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      row += 2;
    }
    printSetup(ws, 'portrait');
  }
  await saveWorkbook(workbook, file);
}
