import { ZipFileWriter, dosStamp, type EntryWriter } from './zip-file-writer.js';
import { columnName, textElement } from './xlsx-text.js';
import {
  appProperties,
  contentTypes,
  coreProperties,
  MAIN_NS,
  packageRelationships,
  REL_NS,
  stylesXml,
  validSheetName,
  workbookRelationships,
  workbookXml,
  XML_HEAD,
  type XlsxSheet,
  type XlsxStyle,
} from './xlsx-parts.js';
import { chinaParts } from '../../core/time.js';
import { SHEET_ROW_LIMIT, SheetFull } from './sheet-full.js';

/**
 * An xlsx written row by row, for exports too large to build in memory. It writes only what
 * the printed forms use — text cells, a fixed set of cell styles, column widths, merged title
 * rows, frozen header rows, A4 page setup with repeated title rows and a page-number footer —
 * as the plain SpreadsheetML parts Excel, WPS and LibreOffice read. Every cell is text: a value
 * starting with = + - @ never becomes a formula.
 */

export type { XlsxFont, XlsxSheet, XlsxStyle } from './xlsx-parts.js';

export interface XlsxWorkbookOptions<S extends string> {
  sheets: readonly XlsxSheet[];
  styles: Record<S, XlsxStyle>;
  creator: string;
  /** When the export was made, for the file's properties; passed in so output is reproducible. */
  created: Date;
}

/**
 * The sheets are declared up front, so the package's small parts go first in the archive, as
 * Office writes them; then the sheets' rows.
 */
export class XlsxStreamWriter<S extends string> {
  private readonly zip: ZipFileWriter;
  private readonly styleIndex = new Map<string, number>();

  constructor(
    file: string,
    private readonly options: XlsxWorkbookOptions<S>,
  ) {
    for (const sheet of options.sheets)
      if (!validSheetName(sheet.name)) throw new Error(`not a sheet name Excel accepts: ${JSON.stringify(sheet.name)}`);
    // Entries are stamped with the civil time in China, whatever the machine's zone.
    this.zip = new ZipFileWriter(file, dosStamp(chinaParts(options.created.getTime())));
    Object.keys(options.styles).forEach((name, i) => this.styleIndex.set(name, i + 1));
    try {
      const sheets = options.sheets;
      this.zip.addText('[Content_Types].xml', contentTypes(sheets.length));
      this.zip.addText('_rels/.rels', packageRelationships());
      this.zip.addText('docProps/core.xml', coreProperties(options.creator, options.created));
      this.zip.addText('docProps/app.xml', appProperties(sheets));
      this.zip.addText('xl/workbook.xml', workbookXml(sheets));
      this.zip.addText('xl/_rels/workbook.xml.rels', workbookRelationships(sheets.length));
      this.zip.addText('xl/styles.xml', stylesXml(Object.values(options.styles)));
    } catch (error) {
      this.zip.abandon();
      throw error;
    }
  }

  /**
   * Writes every declared sheet in one pass: `fill` gets a row writer for each, in declared
   * order, and adds rows to any of them as its data comes. The first sheet streams into the
   * file; the others wait compressed in memory and follow it. Then the file is put in place.
   */
  async write(fill: (sheets: SheetRows<S>[]) => Promise<void>): Promise<void> {
    try {
      const entries = this.options.sheets.map((_, i) =>
        this.zip.openEntry(`xl/worksheets/sheet${i + 1}.xml`, { later: i > 0 }),
      );
      const sheets = entries.map((entry, i) => new SheetRows<S>(this.options.sheets[i]!.name, entry, this.styleIndex));
      for (const [i, spec] of this.options.sheets.entries()) entries[i]!.text(sheetHead(spec, i === 0));
      await fill(sheets);
      for (const [i, spec] of this.options.sheets.entries()) {
        entries[i]!.text(`</sheetData>${sheets[i]!.mergeXml()}${sheetTail(spec)}`);
        await entries[i]!.close();
      }
      this.zip.finish();
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /**
   * Gives up: nothing appears under the file's name, and an older file there stays. `write`
   * does this itself when it fails; a caller that stops before `write` calls it.
   */
  abandon(): void {
    this.zip.abandon();
  }
}

export class SheetRows<S extends string> {
  private next = 1;
  private readonly merges: string[] = [];
  private readonly refs: string[] = [];

  constructor(
    private readonly name: string,
    private readonly entry: EntryWriter,
    private readonly styleIndex: ReadonlyMap<string, number>,
  ) {}

  /**
   * Adds a row of text cells. A promise comes back now and then, when a chunk went to the
   * compressor; awaiting it keeps memory bounded. An empty value still gets its cell, so the
   * borders of the table stay closed.
   */
  add(values: readonly string[], style: S, height?: number): Promise<void> | undefined {
    const entry = this.entry;
    const r = this.next++;
    if (r > SHEET_ROW_LIMIT) throw new SheetFull(this.name);
    const s = this.styleIndex.get(style)!;
    // One write a row: a call into Buffer#write for every piece of markup cost more than
    // encoding the joined row once.
    let xml = height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${height}" customHeight="1">`;
    for (let i = 0; i < values.length; i++) {
      const ref = (this.refs[i] ??= columnName(i + 1)) + r;
      const value = values[i]!;
      xml +=
        value === ''
          ? `<c r="${ref}" s="${s}"/>`
          : `<c r="${ref}" s="${s}" t="inlineStr"><is>${textElement(value)}</is></c>`;
    }
    entry.text(`${xml}</row>`);
    return entry.ready();
  }

  /** Merges the cells of the row just added, from the first column to `columns`. */
  mergeAcross(columns: number): void {
    // A one-cell merge is no merge, and some readers refuse it.
    if (columns < 2) return;
    const r = this.next - 1;
    this.merges.push(`A${r}:${columnName(columns)}${r}`);
  }

  mergeXml(): string {
    if (this.merges.length === 0) return '';
    return `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
  }
}

function sheetHead(spec: XlsxSheet, first: boolean): string {
  const frozen = spec.headerRows
    ? `<pane ySplit="${spec.headerRows}" topLeftCell="A${spec.headerRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${spec.headerRows + 1}" sqref="A${spec.headerRows + 1}"/>`
    : '';
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // The schema wants at least one column in <cols>, so a sheet without widths has none.
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">${frozen}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`
  );
}

function sheetTail(spec: XlsxSheet): string {
  return (
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${spec.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>'
  );
}
