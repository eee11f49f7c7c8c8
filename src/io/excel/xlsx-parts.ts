import { xmlEscape } from './xlsx-text.js';

/**
 * The parts of an xlsx package besides the sheets' rows: content types, relationships, document
 * properties, the workbook with its sheets and print titles, and the style table. Each is small
 * and written whole (xlsx-stream.ts puts them first in the archive).
 */

export interface XlsxFont {
  name: string;
  size: number;
  bold?: boolean;
  /** ARGB hex (FFC00000); black when not given. */
  color?: string;
}

export interface XlsxStyle {
  font: XlsxFont;
  /** Thin black lines on all four sides. */
  bordered?: boolean;
  /** Solid background, as ARGB hex (FFFFC7CE). */
  fill?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'center' | 'top';
  wrap?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Column widths in characters, as Excel counts them. */
  widths: readonly number[];
  landscape?: boolean;
  /** Rows 1…n kept in view when scrolling. */
  frozenRows?: number;
  /** Rows printed again at the top of every page (the table's header), 1-based and inclusive. */
  repeatRows?: { from: number; to: number };
}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/**
 * Column widths are counted in this font's digits. Arial, not Excel's Calibri: LibreOffice has
 * Liberation Sans with Arial's metrics, so both programs give a column nearly the same width
 * (with Calibri missing, LibreOffice counted in DejaVu Sans digits and printed every column a
 * third wider than Excel does, pushing the last column onto a page of its own).
 */
const DEFAULT_FONT: XlsxFont = { name: 'Arial', size: 10 };

function fontXml(font: XlsxFont): string {
  const color = font.color ? `<color rgb="${font.color}"/>` : '';
  return `<font>${font.bold ? '<b/>' : ''}<sz val="${font.size}"/>${color}<name val="${xmlEscape(font.name)}"/></font>`;
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
    const fillId = style.fill
      ? listed(
          fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const borderId = style.bordered ? 1 : 0;
    const alignment = [
      style.horizontal && `horizontal="${style.horizontal}"`,
      style.vertical && `vertical="${style.vertical}"`,
      style.wrap && 'wrapText="1"',
    ]
      .filter(Boolean)
      .join(' ');
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
export function validSheetName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= 31 &&
    !/[:\\/?*[\]\u0000-\u001f]/.test(name) &&
    !name.startsWith("'") &&
    !name.endsWith("'")
  );
}

/** A sheet name inside a formula or defined name: quoted, with quotes doubled. */
function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function workbookXml(sheets: readonly XlsxSheet[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const titles = sheets
    .map((s, i) =>
      s.repeatRows
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(`${sheetReference(s.name)}!$${s.repeatRows.from}:$${s.repeatRows.to}`)}</definedName>`
        : '',
    )
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${list}</sheets>` +
    `${titles ? `<definedNames>${titles}</definedNames>` : ''}</workbook>`
  );
}

export function workbookRelationships(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.join('')}<Relationship Id="rId${count + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
}

export function packageRelationships(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`
  );
}

export function contentTypes(sheetCount: number): string {
  const office = 'application/vnd.openxmlformats-officedocument';
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${office}.spreadsheetml.worksheet+xml"/>`,
  );
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${office}.spreadsheetml.sheet.main+xml"/>${sheets.join('')}` +
    `<Override PartName="/xl/styles.xml" ContentType="${office}.spreadsheetml.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${office}.extended-properties+xml"/></Types>`
  );
}

export function coreProperties(creator: string, created: Date): string {
  const when = `${created.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlEscape(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

export function appProperties(sheets: readonly XlsxSheet[]): string {
  const names = sheets.map((s) => `<vt:lpstr>${xmlEscape(s.name)}</vt:lpstr>`).join('');
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>bbcs</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts></Properties>`
  );
}
