/**
 * How much room text takes on the printed page, in points, so that column widths and row heights
 * are chosen for the text instead of letting the spreadsheet shrink the page to fit (which printed
 * 附件5 at about 7 pt). Spreadsheet programs do not grow rows for wrapped text a file brings, so
 * every row height is set from these measures.
 *
 * The measures err on the wide side: a Chinese character (and full-width punctuation) takes 1 em
 * in 宋体 and in every CJK fallback font; Latin letters and digits take their widths in DejaVu
 * Sans, the font LibreOffice on Linux substitutes for the Latin part of 宋体 cells — wider than
 * 宋体's own 0.5 em, so a column measured here is wide enough in Excel, WPS and LibreOffice alike.
 */

/** Advance widths of U+0020–U+007E in DejaVu Sans, in thousandths of an em. */
const ASCII_WIDTHS = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636,
  636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863,
  748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635,
  615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636,
  337, 636, 838,
];
/** Bold Latin is wider; Chinese characters keep their 1 em. */
const BOLD_LATIN = 1.12;

/** Width of one character in ems. */
function charEms(code: number, bold: boolean): number {
  if (code >= 0x20 && code <= 0x7e) return (ASCII_WIDTHS[code - 0x20]! / 1000) * (bold ? BOLD_LATIN : 1);
  if (code < 0x20) return 0;
  // Latin-1 and other alphabets before the CJK blocks: about as wide as a capital letter.
  if (code < 0x2000) return 0.8;
  return 1;
}

/** Width of `text` on one line, in points, at `size` points. */
export function textPoints(text: string, size: number, bold = false): number {
  let ems = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Both halves of a surrogate pair are one character.
    if (code >= 0xd800 && code <= 0xdbff) i++;
    ems += charEms(code, bold);
  }
  return ems * size;
}

// How characters behave at a line's end, one byte each for the whole Basic Multilingual Plane, so
// that measuring 100,000 rows of 附件5 costs one look-up a character (sets and strings cost twice
// the export's time). Chinese typesetting (and so Excel, WPS and LibreOffice) never starts a line
// with closing punctuation nor ends one with opening punctuation: such a character is measured
// together with its neighbour. A run of Latin letters, digits and signs (a word, an id, a date)
// stays whole.
const WORD = 1;
const NO_LINE_START = 2;
const NO_LINE_END = 4;
const SPACE = 8;
const BREAKS = new Uint8Array(0x10000);
for (let code = 0x21; code <= 0x7e; code++) BREAKS[code] = WORD;
for (const ch of '，。、；：？！）》」』”’】〕〉…—·%,.;:?!)]}') BREAKS[ch.charCodeAt(0)]! |= NO_LINE_START;
for (const ch of '（《「『“‘【〔〈([{') BREAKS[ch.charCodeAt(0)]! |= NO_LINE_END;
BREAKS[0x20] = SPACE;
BREAKS[0x09] = SPACE;

/** Lines `text` takes when wrapped in `width` points at `size` points (explicit line breaks kept). */
export function linesIn(text: string, width: number, size: number, bold = false): number {
  const latin = bold ? BOLD_LATIN : 1;
  // Most cells are short: a text that fits even if every character is 1 em needs no more.
  if (text.length * size * latin <= width && !text.includes('\n')) return 1;
  let lines = 1;
  // Points placed on the current line, and of the piece gathered but not yet placed.
  let used = 0;
  let piece = 0;
  let previous = 0;
  // One pass, with the text's end as a last break; no closure, which costs the 100,000-row export.
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x0a;
    const kind = BREAKS[code]!;
    const prior = BREAKS[previous]!;
    const joined =
      code !== 0x0a && ((kind & prior & WORD) !== 0 || (kind & NO_LINE_START) !== 0 || (prior & NO_LINE_END) !== 0);
    if (!joined && piece > 0) {
      if (used + piece <= width) used += piece;
      else {
        if (used > 0) lines++;
        // A piece wider than the line is broken wherever it must be.
        used = piece;
        while (used > width) {
          lines++;
          used -= width;
        }
      }
      piece = 0;
    }
    if (code === 0x0a) {
      if (i < text.length) lines++;
      used = 0;
      previous = 0;
      continue;
    }
    previous = code;
    let w: number;
    if (code < 0x80) w = code < 0x20 ? 0 : (ASCII_WIDTHS[code - 0x20]! / 1000) * latin * size;
    else {
      // Both halves of a surrogate pair are one character.
      if (code >= 0xd800 && code <= 0xdbff) i++;
      w = code < 0x2000 ? 0.8 * size : size;
    }
    if ((kind & SPACE) !== 0) {
      // A space that does not fit the line's end disappears there.
      if (used + w <= width) used += w;
      continue;
    }
    piece += w;
  }
  return lines;
}

/**
 * A column's width as a spreadsheet stores it, in digits of the workbook's default font (Arial
 * 10, see xlsx-parts.ts), and the points it takes on paper. Excel gives a column of w digits 7w
 * pixels (5.25w pt; the padding is part of the stored width); LibreOffice, with Liberation Sans
 * for Arial, gives it 5.55w pt (measured in its PDFs of these workbooks). The page must hold the
 * wider, the text must fit in the narrower.
 */
const EXCEL_POINTS = 5.25;
const LIBREOFFICE_POINTS = 5.55;
/** Space between the cell's borders and its text, both sides together. */
const CELL_PADDING = 5;

/** Characters of column width that take `points` on the page. */
export function columnCharacters(points: number): number {
  return points / LIBREOFFICE_POINTS;
}

/** The points a column of `characters` takes on the page (the wider of the two programs). */
export function columnPoints(characters: number): number {
  return LIBREOFFICE_POINTS * characters;
}

/** The points a column of `characters` leaves for text (the narrower of the two, less padding). */
export function textRoom(characters: number): number {
  return EXCEL_POINTS * characters - CELL_PADDING;
}

/** Characters of column width whose text room holds `points` of text. */
export function charactersForText(points: number): number {
  return (points + CELL_PADDING) / EXCEL_POINTS;
}

/** Excel's tallest row, in points; a taller one is not a valid file. */
export const MAX_ROW_HEIGHT = 409;

/**
 * Points of a row of `lines` lines at `size` points. Excel sets 宋体 lines 1.3 em apart (its
 * default row for 11 pt is 14.25 pt); LibreOffice's CJK fallback fonts set them closer, so a row
 * measured here is never too short in either.
 */
export function rowPoints(lines: number, size: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.ceil(lines * size * 1.3 + 5));
}
