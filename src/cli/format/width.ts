/**
 * Terminal width of text: CJK characters and full-width punctuation take two columns. Tables,
 * help and carets under excerpts line up only when this is counted right.
 */
const WIDE_RANGES = '\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6';
const WIDE = new RegExp(`[${WIDE_RANGES}]`, 'u');
// Everything else, to count the wide characters by removing the rest in one call: help is measured
// many times at start-up, before any of this code is optimised, so a loop per character is slow.
const NARROW = new RegExp(`[^${WIDE_RANGES}]+`, 'gu');
const SURROGATE = /[\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

export function displayWidth(text: string): number {
  const plain = text.replace(ANSI, '');
  // One column per character (a surrogate pair is one character), one more for each wide one.
  const characters = SURROGATE.test(plain) ? [...plain].length : plain.length;
  return characters + plain.replace(NARROW, '').length;
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
