/**
 * Terminal width of text: CJK characters and full-width punctuation take two columns. Tables,
 * help and carets under excerpts line up only when this is counted right. The supplementary
 * ideographs (U+20000 on) count too: rare characters in personal names such as 𠮷 live there.
 */

const ANSI = /\u001b\[[0-9;]*m/g;

function isWide(c: number): boolean {
  if (c < 0x1100) return false;
  if (c >= 0x4e00) {
    return (
      c <= 0x9fff ||
      (c >= 0xa000 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
    );
  }
  return c <= 0x115f || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf);
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const CONTROLS = /\r\n?|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Ledger text as a terminal can show it. Text may come from an Excel import or a quoted escape:
 * a tab would take up to eight columns a table did not count, a carriage return would overwrite
 * the line, an escape could recolour or clear the officer's screen, and a direction mark could
 * show characters in another order than they are. A tab becomes a space, a carriage return or a
 * line/paragraph separator a line break, any other control or direction character �.
 */
export function printable(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) =>
    c === '\t' ? ' ' : c[0] === '\r' || c === '\u2028' || c === '\u2029' ? '\n' : '\uFFFD',
  );
}

export function charWidth(ch: string): number {
  return isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
}

/** Counted by char code rather than by regular expression per character: tables of a thousand rows measure every cell. */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001b') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const code = plain.codePointAt(i)!;
    if (code > 0xffff) i++;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

const NO_LINE_START = /^[、，。；：？！）》」』”’】…]/;
const NO_LINE_END = /[（《「『“‘【]$/;

/** Wraps to a width, breaking between words and between any two CJK characters. */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const tokens = line.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/gu) ?? [];
      const lines: string[] = [];
      let current = '';
      // Kept alongside `current`: measuring the whole line again for each token made long help lines quadratic.
      let currentWidth = 0;
      for (const token of tokens) {
        const tokenWidth = displayWidth(token);
        if (current !== '' && currentWidth + tokenWidth > width && !/^\s+$/.test(token)) {
          // Chinese line breaking: no line starts with 、，。） and none ends with （“ — carry a character over.
          let carry = '';
          while (current.length > 1 && (NO_LINE_START.test(carry + token) || NO_LINE_END.test(current))) {
            carry = current.slice(-1) + carry;
            current = current.slice(0, -1);
          }
          lines.push(current.trimEnd());
          current = (carry + token).trimStart();
          currentWidth = displayWidth(current);
        } else {
          current += token;
          currentWidth += tokenWidth;
        }
      }
      lines.push(current.trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}
