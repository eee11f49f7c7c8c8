import { ZipFileWriter, dosStamp, type EntryWriter } from './zip-file-writer.js';
import { columnName, textElement, xmlEscape } from './xlsx-text.js';
import { CHINA_OFFSET_MINUTES } from '../../core/time.js';
import { SHEET_ROW_LIMIT, SheetFull } from './sheet-full.js';

/**
 * An xlsx written row by row, for exports too large to build in memory. It writes only what
 * the printed forms use — text cells, a fixed set of cell styles, column widths, merged title
 * rows, frozen header rows, A4 page setup with repeated title rows and a page-number footer —
 * as the plain SpreadsheetML parts Excel, WPS and LibreOffice read. Every cell is text: a value
 * starting with = + - @ never becomes a formula.
 */

export interface XlsxFont {
  name: string;
  size: number;
  bold?: boolean;
}

export interface XlsxStyle {
  font: XlsxFont;
  /** Thin black lines on all four sides. */
  bordered?: boolean;
  /** Solid background, as ARGB hex (FFFFC7CE). */
  fill?: string;
  horizontal?: 'left' | 'center';
  vertical?: 'center';
  wrap?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Column widths in characters, as Excel counts them. */
  widths: readonly number[];
  landscape?: boolean;
  /** Rows kept in view when scrolling and printed on every page. */
  headerRows?: number;
}

export interface XlsxWorkbookOptions<S extends string> {
  sheets: readonly XlsxSheet[];
  styles: Record<S, XlsxStyle>;
  creator: string;
  /** When the export was made, for the file's properties; passed in so output is reproducible. */
  created: Date;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// Excel's own default; column widths are counted in this font's digits, as in the other forms.
const DEFAULT_FONT: XlsxFont = { name: 'Calibri', size: 11 };

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
    for (const sheet of options.sheets) if (!validSheetName(sheet.name)) throw new Error(`not a sheet name Excel accepts: ${JSON.stringify(sheet.name)}`);
    const c = chinaCivilTime(options.created);
    this.zip = new ZipFileWriter(file, dosStamp(c.year, c.month, c.day, c.hour, c.minute, c.second));
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
      const entries = this.options.sheets.map((_, i) => this.zip.openEntry(`xl/worksheets/sheet${i + 1}.xml`, { later: i > 0 }));
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
    entry.ascii(height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${height}" customHeight="1">`);
    for (let i = 0; i < values.length; i++) {
      const ref = (this.refs[i] ??= columnName(i + 1)) + r;
      const value = values[i]!;
      if (value === '') {
        entry.ascii(`<c r="${ref}" s="${s}"/>`);
      } else {
        entry.ascii(`<c r="${ref}" s="${s}" t="inlineStr"><is>`);
        entry.text(textElement(value));
        entry.ascii('</is></c>');
      }
    }
    entry.ascii('</row>');
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

function fontXml(font: XlsxFont): string {
  return `<font>${font.bold ? '<b/>' : ''}<sz val="${font.size}"/><name val="${xmlEscape(font.name)}"/></font>`;
}

const THIN = '<color rgb="FF000000"/>';
const ALL_THIN = `<border><left style="thin">${THIN}</left><right style="thin">${THIN}</right><top style="thin">${THIN}</top><bottom style="thin">${THIN}</bottom><diagonal/></border>`;

/** Fonts and fills are listed once each; cell style n + 1 is the n-th style given. */
export function stylesXml(styles: readonly XlsxStyle[]): string {
  const fonts = [fontXml(DEFAULT_FONT)];
  const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  const listed = (list: string[], xml: string): number => {
    const at = list.indexOf(xml);
    return at >= 0 ? at : list.push(xml) - 1;
  };
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  for (const style of styles) {
    const fontId = listed(fonts, fontXml(style.font));
    const fillId = style.fill ? listed(fills, `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const borderId = style.bordered ? 1 : 0;
    const alignment = [style.horizontal && `horizontal="${style.horizontal}"`, style.vertical && `vertical="${style.vertical}"`, style.wrap && 'wrapText="1"'].filter(Boolean).join(' ');
    xfs.push(
      `<xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0" applyFont="1"${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
        (alignment ? ` applyAlignment="1"><alignment ${alignment}/></xf>` : '/>'),
    );
  }
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
    `<fills count="${fills.length}">${fills.join('')}</fills>` +
    `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>${ALL_THIN}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

/** Excel's rule for sheet names: 1–31 characters, none of : \\ / ? * [ ], no quote at either end. */
function validSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]\u0000-\u001f]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

/** A sheet name inside a formula or defined name: quoted, with quotes doubled. */
function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function workbookXml(sheets: readonly XlsxSheet[]): string {
  const list = sheets.map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const titles = sheets
    .map((s, i) => (s.headerRows ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${sheetReference(s.name)}!$1:$${s.headerRows}`)}</definedName>` : ''))
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${list}</sheets>` +
    `${titles ? `<definedNames>${titles}</definedNames>` : ''}</workbook>`
  );
}

function workbookRelationships(count: number): string {
  const sheets = Array.from({ length: count }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.join('')}<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
}

function packageRelationships(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`
  );
}

function contentTypes(sheetCount: number): string {
  const office = 'application/vnd.openxmlformats-officedocument';
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${office}.spreadsheetml.worksheet+xml"/>`);
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${office}.spreadsheetml.sheet.main+xml"/>${sheets.join('')}` +
    `<Override PartName="/xl/styles.xml" ContentType="${office}.spreadsheetml.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${office}.extended-properties+xml"/></Types>`
  );
}

function coreProperties(creator: string, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlEscape(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

function appProperties(sheets: readonly XlsxSheet[]): string {
  const names = sheets.map((s) => `<vt:lpstr>${xmlEscape(s.name)}</vt:lpstr>`).join('');
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>bbcs</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts></Properties>`
  );
}

/** The civil time in China (UTC+8, no daylight saving), which the archive's entries are stamped with. */
function chinaCivilTime(at: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const t = new Date(at.getTime() + CHINA_OFFSET_MINUTES * 60_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds() };
}
