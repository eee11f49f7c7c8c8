/**
 * Terminal width of text: CJK characters and full-width punctuation take two columns. Tables,
 * help and carets under excerpts line up only when this is counted right.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function charWidth(ch: string): number {
  return WIDE.test(ch) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(ANSI, '')) width += charWidth(ch);
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
      for (const token of tokens) {
        if (current !== '' && displayWidth(current + token) > width && !/^\s+$/.test(token)) {
          // Chinese line breaking: no line starts with 、，。） and none ends with （“ — carry a character over.
          let carry = '';
          while (current.length > 1 && (NO_LINE_START.test(carry + token) || NO_LINE_END.test(current))) {
            carry = current.slice(-1) + carry;
            current = current.slice(0, -1);
          }
          lines.push(current.trimEnd());
          current = (carry + token).trimStart();
        } else {
          current += token;
        }
      }
      lines.push(current.trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}
