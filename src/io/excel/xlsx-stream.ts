import { ZipFileWriter, dosStamp, type EntryWriter } from './zip-file-writer.js';
import { columnName, textElement, xmlEscape } from './xlsx-text.js';
import { MARGINS, PAGE_FOOTER } from './print-style.js';
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
 * bbcs's one way of writing an xlsx: every workbook (附件2–5, the overdue list, the statistics)
 * is written row by row through this writer. It was written for 附件5, which must export 100,000
 * items in little memory (exceljs's streaming writer spent 2.2 of 2.8 s on style objects, see
 * docs/architecture.md); the small forms go the same way, so one set of styles and one page setup
 * serve all. It writes only what the printed forms use — text and number cells, a fixed set of
 * cell styles, column widths, merged cells, frozen header rows, A4 page setup with repeated
 * header rows and a page-number footer — as the plain SpreadsheetML parts Excel, WPS and
 * LibreOffice read. Text is always text: a value starting with = + - @ never becomes a formula.
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
   * Adds a row: text cells, and numbers where a value is a number. `style` is one style for the
   * row or one per column. A promise comes back now and then, when a chunk went to the
   * compressor; awaiting it keeps memory bounded. An empty value still gets its cell, so the
   * borders of the table stay closed.
   */
  add(values: readonly (string | number)[], style: S | readonly S[], height?: number): Promise<void> | undefined {
    const entry = this.entry;
    const r = this.next++;
    if (r > SHEET_ROW_LIMIT) throw new SheetFull(this.name);
    const styles = typeof style === 'string' ? undefined : style;
    const rowStyle = styles ? 0 : this.styleIndex.get(style as S)!;
    // One write a row: a call into Buffer#write for every piece of markup cost more than
    // encoding the joined row once.
    let xml = height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${height}" customHeight="1">`;
    for (let i = 0; i < values.length; i++) {
      const ref = (this.refs[i] ??= columnName(i + 1)) + r;
      const s = styles ? this.styleIndex.get(styles[i]!)! : rowStyle;
      const value = values[i]!;
      if (typeof value === 'number') xml += `<c r="${ref}" s="${s}"><v>${value}</v></c>`;
      else
        xml +=
          value === ''
            ? `<c r="${ref}" s="${s}"/>`
            : `<c r="${ref}" s="${s}" t="inlineStr"><is>${textElement(value)}</is></c>`;
    }
    entry.text(`${xml}</row>`);
    return entry.ready();
  }

  /** The number of the row added last (1-based). */
  get lastRow(): number {
    return this.next - 1;
  }

  /**
   * Merges cells of the row just added, from column `first` to `last` (1-based), and as many
   * rows above it as `rowsUp` says.
   */
  merge(first: number, last: number, rowsUp = 0): void {
    // A one-cell merge is no merge, and some readers refuse it.
    if (first === last && rowsUp === 0) return;
    const r = this.next - 1;
    this.merges.push(`${columnName(first)}${r - rowsUp}:${columnName(last)}${r}`);
  }

  /** Merges the cells of the row just added, from the first column to `columns`. */
  mergeAcross(columns: number): void {
    this.merge(1, columns);
  }

  mergeXml(): string {
    if (this.merges.length === 0) return '';
    return `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`;
  }
}

function sheetHead(spec: XlsxSheet, first: boolean): string {
  const top = (spec.frozenRows ?? 0) + 1;
  const frozen = spec.frozenRows
    ? `<pane ySplit="${spec.frozenRows}" topLeftCell="A${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${top}" sqref="A${top}"/>`
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

/**
 * A4, centred, the margins and footer of print-style.ts. The columns are measured to fit the
 * page's width at full size (print-layout.ts); fit-to-width stays only as a guard for a program
 * whose fonts run wider than measured, and never shrinks a sheet laid out here.
 */
function sheetTail(spec: XlsxSheet): string {
  const m = MARGINS;
  return (
    '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="9" orientation="${spec.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddFooter>${xmlEscape(PAGE_FOOTER)}</oddFooter></headerFooter></worksheet>`
  );
}
