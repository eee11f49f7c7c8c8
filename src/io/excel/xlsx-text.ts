/**
 * Text as a SpreadsheetML cell holds it. XML 1.0 cannot carry most control characters, so they
 * are written the way Excel writes them, `_xHHHH_`; a literal `_xHHHH_` in the text gets its
 * underscore escaped so Excel does not decode it. A carriage return is written as a character
 * reference, which XML readers keep (a literal one they would turn into a line feed).
 */

/** Excel refuses a file whose cell holds more than this many UTF-16 units. */
export const CELL_LIMIT = 32767;
const CUT_NOTE = '……（超出 Excel 单元格 32767 字的上限，以下从略，全文见台账文件）';

// Anything that needs escaping, or leading or trailing blanks or a line break, which an XML
// reader keeps only if the element says so. Most cells have none and take one test.
const NEEDS_WORK = /[&<>_\u0000-\u001f\ufffe\uffff]|^\s|\s$/;
const ESCAPES = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;

function escapeOne(ch: string): string {
  if (ch === '&') return '&amp;';
  if (ch === '<') return '&lt;';
  if (ch === '>') return '&gt;';
  if (ch === '_') return '_x005F_';
  if (ch === '\r') return '&#13;';
  return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** The `<t>` element of an inline string cell holding `value`. */
export function textElement(value: string): string {
  let text = value;
  if (text.length > CELL_LIMIT) {
    let cut = CELL_LIMIT - CUT_NOTE.length;
    const last = text.charCodeAt(cut - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut--;
    text = text.slice(0, cut) + CUT_NOTE;
  }
  if (!NEEDS_WORK.test(text)) return `<t>${text}</t>`;
  const open = /^\s|\s$|\n/.test(text) ? '<t xml:space="preserve">' : '<t>';
  return `${open}${text.replace(ESCAPES, escapeOne)}</t>`;
}

/** Attribute values and markup text outside cells (sheet names, titles). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&apos;',
  );
}

/** A, B, …, Z, AA, … for a 1-based column number. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
