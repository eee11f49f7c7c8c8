import { isUtf8 } from 'node:buffer';
import jsYaml from 'js-yaml';
import { parseBlock } from './parse-block.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/**
 * The quick way to read a ledger file: js-yaml (about five times faster than `yaml`) with the
 * same YAML 1.2 core schema `yaml` resolves plain scalars by. It answers only for plain, clean
 * files; anything else — invalid UTF-8, a BOM, tabs, anchors/aliases/tags, directives, several
 * documents, complex keys, flow collections, duplicate keys, a quote left open at a line's end,
 * any syntax error, an empty file — returns undefined, and the caller parses with `yaml`
 * (parseYamlSource), which reports every such problem with its position. A file read here has no parse diagnostics by construction.
 */

const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function toInt(data: string): number {
  if (data.startsWith('0o')) return parseInt(data.slice(2), 8);
  if (data.startsWith('0x')) return parseInt(data.slice(2), 16);
  return Number(data);
}

function toFloat(data: string): number {
  const lower = data.toLowerCase();
  if (lower.endsWith('.nan')) return NaN;
  if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(data);
}

const isNull = (d: string): boolean => d === '' || d === '~' || d === 'null' || d === 'Null' || d === 'NULL';
const isBool = (d: string): boolean => /^(?:true|True|TRUE|false|False|FALSE)$/.test(d);
const toBool = (d: string): boolean => d[0] === 't' || d[0] === 'T';
const isInt = (d: string): boolean => INT.test(d);
const isFloat = (d: string): boolean => FLOAT.test(d);

/** Scalars resolved exactly as the `yaml` package's core schema does (0b…, 1_000 stay text). */
const SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsYaml.Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: isNull, construct: () => null }),
    new jsYaml.Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: isBool, construct: toBool }),
    new jsYaml.Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: isInt, construct: toInt }),
    new jsYaml.Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: isFloat, construct: toFloat }),
  ],
});

/** A plain scalar as SCHEMA reads it: js-yaml tries the implicit types in this order. */
function resolvePlain(d: string): unknown {
  if (isNull(d)) return null;
  if (isBool(d)) return toBool(d);
  if (isInt(d)) return toInt(d);
  if (isFloat(d)) return toFloat(d);
  return d;
}

/** Anything the quick path leaves to `yaml`: constructs a ledger never needs, and every guard's subject. */
const NOT_PLAIN = /[\t&*![\]{}\r]|<<|^(?:%|---|\.\.\.)|^[ -]*\?(?:[ \n]|$)/m;

/** `yaml` refuses implicit keys over 1024 characters; js-yaml does not. */
function hasLongKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLongKey);
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) if (key.length > 1000 || hasLongKey(record[key])) return true;
  return false;
}

/**
 * A quote left open at the end of a line: js-yaml reads a quoted value continued on the next
 * line at any indentation, where `yaml` requires it deeper than its key and reports the rest.
 * Read roughly — any quote opens one (an apostrophe in plain text or a comment too), `\"` and
 * `''` stay inside — but the roughness only declines: such a file is read by `yaml`, which decides.
 */
function hasOpenQuote(text: string): boolean {
  let quote = 0; // 34 ("), 39 (') or 0 outside
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (quote !== 0) return true;
    } else if (quote === 0) {
      if (c === 34 || c === 39) quote = c;
    } else if (quote === 34 && c === 92) {
      i++; // \" and \\ inside double quotes
      if (text.charCodeAt(i) === 10) return true;
    } else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39)
        i++; // '' inside single quotes
      else quote = 0;
    }
  }
  return quote !== 0;
}

export function parseFast(bytes: Uint8Array): unknown {
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.startsWith('\uFEFF') || NOT_PLAIN.test(text)) return undefined;
  // The forms bbcs writes are read by a line reader; it declines the rest, which js-yaml reads.
  const block = parseBlock(text, resolvePlain);
  if (block !== undefined) return hasLongKey(block) ? undefined : block;
  if (hasOpenQuote(text)) return undefined;
  try {
    const value: unknown = jsYaml.load(text, { schema: SCHEMA, json: false });
    return value === null || value === undefined || hasLongKey(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

/**
 * A file read the quick way when it is clean, with positions worked out only if a check finds
 * something to point at; anything the quick parse declines gets the positional parse at once.
 */
export function readSource(file: string, bytes: Uint8Array): YamlSource {
  const value = parseFast(bytes);
  return value === undefined ? parseYamlSource(file, bytes) : cleanSource(file, bytes, value);
}

/** A file known to read as `value` without problems; positions are worked out only when asked for. */
export function cleanSource(file: string, bytes: Uint8Array, value: unknown): YamlSource {
  let full: YamlSource | undefined;
  return { value, diagnostics: [], locate: (d) => (full ??= parseYamlSource(file, bytes)).locate(d) };
}
