/**
 * The quickest reading of a ledger file: the few YAML forms bbcs itself writes (lineWidth 0,
 * indent 2) — block mappings with simple keys, block sequences, one-line plain or simply quoted
 * scalars, comments — read line by line, several times faster than js-yaml. Anything else, or
 * anything doubtful, is declined (undefined) and js-yaml decides, so the rule is only: what is
 * accepted here reads exactly as js-yaml with parse-fast's schema reads it. Each refusal below
 * names the js-yaml behaviour it avoids having to reproduce.
 */

/** Resolves a plain scalar as parse-fast's schema does (null, bool, int, float, else text). */
export type PlainResolver = (plain: string) => unknown;

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

/** A key this reader takes: resolves to itself (not null/bool), and is a safe own property. */
const KEY = /([A-Za-z_][A-Za-z0-9_]*):(?: |$)/y;
const NOT_TEXT_KEY = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** A plain scalar may not start with an indicator; quotes are read below, the rest declined. */
/**
 * Characters js-yaml refuses inside a scalar (it throws) but not in a comment: a file with any
 * of them anywhere is simply left to js-yaml, which knows which case it is.
 */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/;
const INDICATOR_FIRST = '-?:,[]{}#&*!|>%@`';

interface Line {
  indent: number;
  /** `- …`: a sequence entry. */
  dash: boolean;
  /** The key of a `key: …` line (after the dash, for `- key: …`). */
  key?: string;
  /** Where the key starts: the indent of the mapping it belongs to. */
  keyColumn: number;
  /** What follows `key:` or `- `, comments included. */
  rest: string;
}

function splitLine(raw: string): Line | undefined {
  let indent = 0;
  while (raw.charCodeAt(indent) === 32) indent++;
  if (indent === raw.length || raw[indent] === '#') return undefined; // blank or comment line
  let at = indent;
  const dash = raw[at] === '-';
  if (dash) {
    if (raw[at + 1] !== ' ') decline(); // `-x` is a scalar, `-` alone an empty entry
    at += 2;
    while (raw.charCodeAt(at) === 32) at++;
  }
  KEY.lastIndex = at;
  const key = KEY.exec(raw);
  if (!key) return dash ? { indent, dash, keyColumn: at, rest: raw.slice(at) } : decline();
  if (NOT_TEXT_KEY.has(key[1]!)) decline();
  return { indent, dash, key: key[1], keyColumn: at, rest: raw.slice(at + key[1]!.length + 1) };
}

/** What follows a quoted scalar: nothing, or spaces and a comment. */
function onlyComment(after: string): boolean {
  return after === '' || (after[0] === ' ' && /^ *(?:#.*)?$/.test(after));
}

/**
 * A one-line scalar, or undefined for nothing but a comment (a nested block follows). Quoted
 * scalars only without escapes or inner quotes; plain ones only where js-yaml would end them
 * exactly at the comment or the line's end (no `: `, no trailing `:`).
 */
function scalar(rest: string, resolve: PlainResolver): unknown {
  // Spaces only: js-yaml's white space is space and tab (tabs never get here), not U+3000.
  let start = 0;
  while (rest.charCodeAt(start) === 32) start++;
  const text = start === 0 ? rest : rest.slice(start);
  if (text === '' || text[0] === '#') return undefined;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    if (end < 0) decline();
    const inner = text.slice(1, end);
    if ((quote === '"' && inner.includes('\\')) || !onlyComment(text.slice(end + 1))) decline();
    return inner;
  }
  if (INDICATOR_FIRST.includes(text[0]!)) decline();
  const comment = text.indexOf(' #');
  let end = comment < 0 ? text.length : comment;
  while (text.charCodeAt(end - 1) === 32) end--;
  const plain = end === text.length ? text : text.slice(0, end);
  if (plain.includes(': ') || plain.endsWith(':')) decline();
  return resolve(plain);
}

/**
 * Reads the file's value, or undefined when it is not in the subset. The caller (parseFast) has
 * already declined tabs, carriage returns, anchors, tags, flow collections, directives and
 * document markers (NOT_PLAIN); this reader relies on that.
 */
export function parseBlock(text: string, resolve: PlainResolver): Record<string, unknown> | undefined {
  if (NON_PRINTABLE.test(text)) return undefined;
  try {
    const lines: Line[] = [];
    for (const raw of text.split('\n')) {
      const line = splitLine(raw);
      if (line) lines.push(line);
    }
    if (lines.length === 0 || lines[0]!.indent !== 0 || lines[0]!.dash) return undefined;
    let next = 0;

    /** The block under a key with no value on its line: it must be indented deeper. */
    const nested = (parentIndent: number): unknown => {
      const line = lines[next];
      if (!line || line.indent <= parentIndent) decline(); // an empty value (null), or a compact sequence
      return line!.dash ? sequence(line!.indent) : mapping(line!.indent);
    };

    const value = (line: Line, blockIndent: number): unknown => {
      next++;
      const inline = scalar(line.rest, resolve);
      if (inline !== undefined) {
        // A deeper line after a scalar would continue it (multi-line plain) or be an error.
        if (lines[next] && lines[next]!.indent > blockIndent) decline();
        return inline;
      }
      if (line.dash && line.key === undefined) decline(); // `- ` alone, its entry below: rare, left to js-yaml
      return nested(blockIndent);
    };

    function mapping(indent: number): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      let first = true;
      while (next < lines.length) {
        const line = lines[next]!;
        // A sequence entry's first key sits on the dash line; the rest of its keys below it.
        const here = first && line.dash ? line.keyColumn : line.indent;
        if (here < indent) break;
        if (here > indent || (line.dash && !first) || line.key === undefined) decline();
        if (Object.hasOwn(out, line.key!)) decline(); // js-yaml refuses duplicate keys
        out[line.key!] = value(line, indent);
        first = false;
      }
      return out;
    }

    function sequence(indent: number): unknown[] {
      const out: unknown[] = [];
      while (next < lines.length) {
        const line = lines[next]!;
        if (line.indent < indent) break;
        if (line.indent > indent || !line.dash) decline();
        if (line.key !== undefined) {
          out.push(mapping(line.keyColumn));
        } else {
          out.push(value(line, indent));
        }
      }
      return out;
    }

    const top = mapping(0);
    return next === lines.length ? top : undefined;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}
