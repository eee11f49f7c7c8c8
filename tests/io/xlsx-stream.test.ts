import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { DeflatedEntry } from '../../src/io/excel/deflated-entry.js';
import { SheetRows, XlsxStreamWriter, type XlsxStyle } from '../../src/io/excel/xlsx-stream.js';
import { SHEET_ROW_LIMIT, SheetFull } from '../../src/io/excel/sheet-full.js';
import { CELL_LIMIT, columnName, textElement } from '../../src/io/excel/xlsx-text.js';

/**
 * The archive read back by hand: every entry's local header must agree with the central
 * directory, and its inflated bytes with the CRC and size both record.
 */
function readZip(file: string): { names: string[]; parts: Map<string, string> } {
  const zip = readFileSync(file);
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const names: string[] = [];
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, compressed, size] = [zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24)];
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect([zip.readUInt32LE(local + 14), zip.readUInt32LE(local + 18), zip.readUInt32LE(local + 22)]).toEqual([
      crc,
      compressed,
      size,
    ]);
    expect(zip.toString('utf8', local + 30, local + 30 + nameLength)).toBe(name);
    const start = local + 30 + nameLength + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(start, start + compressed));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    names.push(name);
    parts.set(name, data.toString('utf8'));
    at += 46 + nameLength;
  }
  return { names, parts };
}

const STYLES = {
  title: { font: { name: '宋体', size: 18, bold: true }, horizontal: 'center', vertical: 'center' },
  body: { font: { name: '宋体', size: 11 }, bordered: true, vertical: 'center', wrap: true },
  marked: { font: { name: '宋体', size: 11 }, bordered: true, vertical: 'center', wrap: true, fill: 'FFFFC7CE' },
} satisfies Record<string, XlsxStyle>;
type Style = keyof typeof STYLES;
const CREATED = new Date('2026-11-26T04:30:00Z');
const SHEETS = [
  { name: '台账', widths: [18, 40, 12], landscape: true, frozenRows: 2, repeatRows: { from: 1, to: 2 } },
  { name: "明细'二", widths: [10, 10] },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bbcs-xlsx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function writeSample(file: string, rows: number, fill?: (i: number) => void): Promise<void> {
  const workbook = new XlsxStreamWriter<Style>(file, {
    sheets: SHEETS,
    styles: STYLES,
    creator: 'bbcs',
    created: CREATED,
  });
  await workbook.write(async ([first, second]) => {
    await first!.add(['标题'], 'title', 36);
    first!.mergeAcross(3);
    await first!.add(['编号', '事项', '备注'], 'body');
    for (let i = 0; i < rows; i++) {
      fill?.(i);
      await first!.add(
        [
          `ZJJ-2026-${String(i).padStart(4, '0')}`,
          `第 ${i} 件事项：在永久基本农田上新建住房`,
          i % 3 === 0 ? '' : '已办结',
        ],
        i % 7 === 0 ? 'marked' : 'body',
        35,
      );
      await second!.add([String(i), `明细 ${i}`], 'body');
    }
  });
}

describe('xlsx written row by row', () => {
  it('is a zip every reader accepts, with the package parts first and both sheets whole', async () => {
    const file = path.join(dir, 'a.xlsx');
    // Enough rows for many compressed chunks, and for the second sheet to wait in memory.
    await writeSample(file, 20_000);
    const { names, parts } = readZip(file);
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names.slice(-2)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(parts.get('xl/worksheets/sheet1.xml')!.match(/<row /g)).toHaveLength(20_002);
    expect(parts.get('xl/worksheets/sheet2.xml')!.match(/<row /g)).toHaveLength(20_000);
    expect(parts.get('xl/worksheets/sheet2.xml')).toMatch(
      /<c r="B20000" s="2" t="inlineStr"><is><t>明细 19999<\/t><\/is><\/c><\/row><\/sheetData>/,
    );
    expect(readdirSync(dir)).toEqual(['a.xlsx']);
  });

  it('reads back in exceljs with its values, styles, merges, widths, heights and print setup', async () => {
    const file = path.join(dir, 'b.xlsx');
    await writeSample(file, 10);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const [ledger, details] = workbook.worksheets;
    expect(ledger!.name).toBe('台账');
    expect(details!.name).toBe("明细'二");
    expect(ledger!.getCell('A1').value).toBe('标题');
    expect(ledger!.getCell('A1').font).toMatchObject({ name: '宋体', size: 18, bold: true });
    expect(ledger!.getCell('A1').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    expect(ledger!.model.merges).toEqual(['A1:C1']);
    expect(ledger!.getRow(1).height).toBe(36);
    expect(ledger!.getRow(3).height).toBe(35);
    expect(ledger!.getColumn(2).width).toBe(40);
    expect(ledger!.getCell('B3').value).toBe('第 0 件事项：在永久基本农田上新建住房');
    expect(ledger!.getCell('B3').border).toMatchObject({
      left: { style: 'thin' },
      top: { style: 'thin' },
      right: { style: 'thin' },
      bottom: { style: 'thin' },
    });
    expect(ledger!.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
    expect(ledger!.getCell('A3').fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFFFC7CE' },
    });
    expect(ledger!.getCell('A4').fill).not.toMatchObject({ pattern: 'solid' });
    // An empty value keeps its bordered cell, so the table's lines stay closed.
    expect(ledger!.getCell('C3').value).toBeNull();
    expect(ledger!.getCell('C3').border).toMatchObject({ left: { style: 'thin' } });
    expect(ledger!.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: '1:2',
    });
    expect(ledger!.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
    expect(ledger!.views[0]).toMatchObject({ state: 'frozen', ySplit: 2, topLeftCell: 'A3' });
    expect(details!.pageSetup.orientation).toBe('portrait');
    expect(details!.getCell('B10').value).toBe('明细 9');
    expect(workbook.creator).toBe('bbcs');
    expect(workbook.created.toISOString()).toBe('2026-11-26T04:30:00.000Z');
  });

  it('gives back every text as written', async () => {
    const file = path.join(dir, 'texts.xlsx');
    const texts = ['编号_x0041_', 'a\u0001b\u001f', ' 前后 ', '行1\r\n行2', '=SUM(1,2)', '甲 & 乙 <丙>', '😀 表情'];
    const workbook = new XlsxStreamWriter<Style>(file, {
      sheets: [{ name: '文本', widths: [20] }],
      styles: STYLES,
      creator: 'bbcs',
      created: CREATED,
    });
    await workbook.write(async ([sheet]) => {
      for (const text of texts) await sheet!.add([text], 'body');
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const values = texts.map((_, i) => read.worksheets[0]!.getCell(i + 1, 1).value as string);
    // exceljs leaves the _xHHHH_ escapes of inline text as they are; Excel, WPS and LibreOffice
    // decode them, as the format says.
    const decoded = values.map((v) =>
      v.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
    expect(decoded).toEqual(texts);
    expect(values.slice(2)).toEqual(texts.slice(2));
  });

  it('writes the same bytes for the same rows', async () => {
    await writeSample(path.join(dir, '1.xlsx'), 50);
    await writeSample(path.join(dir, '2.xlsx'), 50);
    expect(readFileSync(path.join(dir, '1.xlsx')).equals(readFileSync(path.join(dir, '2.xlsx')))).toBe(true);
  });

  it('stamps the entries with the time in China whatever the machine’s zone', async () => {
    const file = path.join(dir, 'c.xlsx');
    await writeSample(file, 1);
    const zip = readFileSync(file);
    const [time, date] = [zip.readUInt16LE(10), zip.readUInt16LE(12)];
    // 04:30 UTC is 12:30 in China.
    expect({
      hour: time >> 11,
      minute: (time >> 5) & 63,
      year: 1980 + (date >> 9),
      month: (date >> 5) & 15,
      day: date & 31,
    }).toEqual({ hour: 12, minute: 30, year: 2026, month: 11, day: 26 });
  });

  it('leaves an older file and no temporary file behind when the rows fail midway', async () => {
    const file = path.join(dir, 'keep.xlsx');
    writeFileSync(file, 'older export');
    await expect(
      writeSample(file, 30_000, (i) => {
        if (i === 25_000) throw new Error('row failed');
      }),
    ).rejects.toThrow('row failed');
    expect(readFileSync(file, 'utf8')).toBe('older export');
    expect(readdirSync(dir)).toEqual(['keep.xlsx']);
  });

  it('refuses a sheet name Excel would not open, before writing anything', () => {
    for (const name of ['', '台账/2026', 'a'.repeat(32), "'引号'", '问号?']) {
      expect(
        () =>
          new XlsxStreamWriter<Style>(path.join(dir, 'x.xlsx'), {
            sheets: [{ name, widths: [] }],
            styles: STYLES,
            creator: 'bbcs',
            created: CREATED,
          }),
      ).toThrow('not a sheet name');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes no one-cell merge and no empty column list', async () => {
    const file = path.join(dir, 'narrow.xlsx');
    const workbook = new XlsxStreamWriter<Style>(file, {
      sheets: [{ name: '窄', widths: [] }],
      styles: STYLES,
      creator: 'bbcs',
      created: CREATED,
    });
    await workbook.write(async ([sheet]) => {
      await sheet!.add(['标题'], 'title');
      sheet!.mergeAcross(1);
    });
    const xml = readZip(file).parts.get('xl/worksheets/sheet1.xml')!;
    expect(xml).not.toContain('mergeCell');
    expect(xml).not.toContain('<cols>');
  });

  it('names the file asked for when its folder does not exist', () => {
    const file = path.join(dir, 'no-such-folder', 'x.xlsx');
    expect(
      () => new XlsxStreamWriter<Style>(file, { sheets: SHEETS, styles: STYLES, creator: 'bbcs', created: CREATED }),
    ).toThrow(expect.objectContaining({ code: 'ENOENT', path: file }));
  });
});

describe('a sheet', () => {
  it('stops at Excel’s last row with a sentence for the officer', () => {
    const quiet = { ascii: () => {}, text: () => {}, ready: () => undefined, close: async () => {} };
    const sheet = new SheetRows<'body'>('跟踪台账', quiet, new Map([['body', 1]]));
    for (let row = 1; row <= SHEET_ROW_LIMIT; row++) void sheet.add([], 'body');
    expect(() => sheet.add([], 'body')).toThrow(SheetFull);
    expect(() => sheet.add([], 'body')).toThrow(
      '工作表「跟踪台账」超过 Excel 每页 1,048,576 行的上限，没有写出文件；请按单位或受理日期分批导出',
    );
  });
});

describe('a deflated entry', () => {
  it('carries pieces larger than its buffer whole, in order', async () => {
    const out: Buffer[] = [];
    const entry = new DeflatedEntry(6, (chunk) => out.push(chunk));
    const pieces = ['<a>', '字'.repeat(400_000), 'x'.repeat(700_000), '尾', '<b/>'.repeat(100_000)];
    entry.ascii(pieces[0]!);
    entry.text(pieces[1]!);
    entry.ascii(pieces[2]!);
    entry.text(pieces[3]!);
    await entry.ready();
    entry.ascii(pieces[4]!);
    const sizes = await entry.close();
    const data = inflateRawSync(Buffer.concat(out));
    expect(data.toString('utf8')).toBe(pieces.join(''));
    expect(sizes).toEqual({ crc: crc32(data), compressed: Buffer.concat(out).length, size: data.length });
  });
});

describe('cells', () => {
  it('numbers stay numbers, each column may have its style, and any block of cells merges', async () => {
    const file = path.join(dir, 'cells.xlsx');
    const workbook = new XlsxStreamWriter<Style>(file, {
      sheets: [{ name: '表', widths: [10, 10, 10] }],
      styles: STYLES,
      creator: 'bbcs',
      created: CREATED,
    });
    await workbook.write(async ([sheet]) => {
      await sheet!.add(['名称', 12, 0.5], ['title', 'body', 'marked']);
      await sheet!.add(['续', '', ''], 'body');
      sheet!.merge(1, 1, 1);
      sheet!.merge(2, 3);
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(file);
    const ws = read.worksheets[0]!;
    expect([ws.getCell('A1').value, ws.getCell('B1').value, ws.getCell('C1').value]).toEqual(['名称', 12, 0.5]);
    expect(ws.getCell('A1').font).toMatchObject({ size: 18, bold: true });
    expect(ws.getCell('B1').font).toMatchObject({ size: 11 });
    expect(ws.getCell('C1').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.model.merges).toEqual(['A1:A2', 'B2:C2']);
  });
});

describe('cell text', () => {
  it('escapes markup, and control characters the way Excel does', () => {
    expect(textElement('甲 & 乙 <丙> "丁"')).toBe('<t>甲 &amp; 乙 &lt;丙&gt; "丁"</t>');
    expect(textElement('a\u0001b\u001fc\ufffe')).toBe('<t>a_x0001_b_x001F_c_xFFFE_</t>');
    // A literal escape sequence keeps its meaning: its underscore is escaped.
    expect(textElement('编号_x0041_')).toBe('<t>编号_x005F_x0041_</t>');
    expect(textElement('a_b _x12_ _xZZZZ_')).toBe('<t>a_b _x12_ _xZZZZ_</t>');
    expect(textElement('=SUM(A1:A2)')).toBe('<t>=SUM(A1:A2)</t>');
  });

  it('keeps blanks at either end, line breaks and carriage returns', () => {
    expect(textElement(' 前后 ')).toBe('<t xml:space="preserve"> 前后 </t>');
    expect(textElement('第一行\n第二行')).toBe('<t xml:space="preserve">第一行\n第二行</t>');
    expect(textElement('a\r\nb')).toBe('<t xml:space="preserve">a&#13;\nb</t>');
    expect(textElement('a\tb')).toBe('<t>a\tb</t>');
  });

  it('cuts a text beyond Excel’s cell limit with a note, never inside a surrogate pair', () => {
    const long = textElement('字'.repeat(40_000));
    const inner = long.slice(3, -4);
    expect(inner.length).toBe(CELL_LIMIT);
    expect(inner).toMatch(/以下从略，全文见台账文件）$/);
    const emoji = '😀'.repeat(20_000);
    const cut = textElement(emoji).slice(3, -4);
    expect(cut.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(textElement('字'.repeat(CELL_LIMIT))).toBe(`<t>${'字'.repeat(CELL_LIMIT)}</t>`);
  });

  it('names columns as spreadsheets do', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
