import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { diagnostic, type DataPath, type Diagnostic } from '../core/diagnostics.js';

/**
 * The `yaml` package, loaded on first use: a warm run whose files are all read the quick way
 * never needs it, and loading it costs more than many of those runs' own work.
 */
let loaded: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/**
 * A ledger file's bytes turned into a plain value plus the means to point back into the text.
 * Every way a file can be broken ends here as a diagnostic: nothing in user data throws.
 */
export interface YamlSource {
  /** The parsed value, or undefined when the file could not be read as one YAML document. */
  value: unknown;
  diagnostics: Diagnostic[];
  /** Fills line, column and excerpt of diagnostics about this file. */
  locate(d: Diagnostic): Diagnostic;
}

const SYNTAX_MESSAGES: Partial<Record<string, string>> = {
  BAD_INDENT: '缩进不对',
  MISSING_CHAR: '缺少字符，可能是引号或括号没有闭合',
  UNEXPECTED_TOKEN: '此处出现了不该有的内容',
  BLOCK_AS_IMPLICIT_KEY: '字段名写法不对，可能少了冒号后的空格',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能少了冒号或冒号后的空格',
  MULTIPLE_DOCS: '一个文件只能有一个 YAML 文档',
  BAD_DQ_ESCAPE: '双引号内的转义字符不合法',
  KEY_OVER_1024_CHARS: '字段名过长',
  TAG_RESOLVE_FAILED: '无法识别的 YAML 标签',
  BAD_SCALAR_START: '值的开头字符需要加引号',
  BLOCK_IN_FLOW: '方括号或花括号内不能换行写块结构',
  NON_STRING_KEY: '字段名必须是文字',
};

const SYNTAX_HINT = '对照同目录下其他文件检查这一行；含冒号、井号或以特殊符号开头的文字请加引号';

/** Byte offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Decoding the sequence alone rejects overlong forms and surrogates that the lead byte allows.
    if (length > 1 && !isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function locateInText(text: string, lines: LineCounter, offset: number, d: Diagnostic): Diagnostic {
  const { line, col } = lines.linePos(offset);
  const start = lines.lineStarts[line - 1] ?? 0;
  const end = text.indexOf('\n', start);
  const excerpt = text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
  return { ...d, line, column: col, excerpt };
}

/** The node a data path leads to, or the nearest existing ancestor (for a missing field). */
function offsetOf(doc: Document, path: DataPath, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = node.items.find(
        (p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return offset;
      const key = pair.key as Node;
      if (last && atKey) return key.range?.[0] ?? offset;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      node = value;
    } else if (yaml().isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

const MAX_FLOW_DEPTH = 32;

/** Offset where [ or { nesting first exceeds the limit, outside quotes and comments; a cheap guard. */
function excessiveNesting(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "'" && quote === "'" && text[i + 1] === "'") i++;
      else if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      else if (ch === '\n' && quote === "'") quote = undefined;
    } else if (ch === '"' || (ch === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) {
      quote = ch;
    } else if (ch === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** Start offsets of the second and later occurrences of a key within one map. */
function duplicateKeyOffsets(doc: Document): number[] {
  const offsets: number[] = [];
  yaml().visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!yaml().isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) offsets.push(pair.key.range?.[0] ?? 0);
        seen.add(name);
      }
    },
  });
  return offsets;
}

function unreadable(diagnostics: Diagnostic[], locate: (d: Diagnostic) => Diagnostic): YamlSource {
  return { value: undefined, diagnostics, locate };
}

export function parseYamlSource(file: string, bytes: Uint8Array): YamlSource {
  const asIs = (d: Diagnostic) => d;
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = lineOfByte(bytes, offset);
    const d = diagnostic(
      'not-utf8',
      file,
      [],
      '文件不是 UTF-8 编码，无法读取',
      '用编辑器以 UTF-8 编码另存此文件（Windows 记事本选择“UTF-8”，不要选 ANSI/GBK）',
    );
    return unreadable([{ ...d, line, column }], asIs);
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const diagnostics: Diagnostic[] = [];
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    diagnostics.push({
      ...diagnostic('bom', file, [], '文件以 BOM（字节顺序标记）开头', '以“UTF-8 无 BOM”编码另存此文件', 'warning'),
      line: 1,
      column: 1,
    });
  }
  const lines = new (yaml().LineCounter)();
  const tooDeep = excessiveNesting(text);
  if (tooDeep !== undefined) {
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    diagnostics.push(
      locateInText(
        text,
        lines,
        tooDeep,
        diagnostic(
          'yaml-syntax',
          file,
          [],
          `方括号或花括号嵌套超过 ${MAX_FLOW_DEPTH} 层`,
          '台账文件不需要这样深的嵌套；检查括号是否成对',
        ),
      ),
    );
    return unreadable(diagnostics, (d) => d);
  }
  // The library's own duplicate-key check compares every key with every other (minutes for a
  // hostile file of 60,000 keys); duplicateKeyOffsets does the same job in one pass.
  const doc = yaml().parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: false,
    stringKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const locate = (d: Diagnostic): Diagnostic =>
    d.line !== undefined ? d : locateInText(text, lines, offsetOf(doc, d.path, d.atKey === true), d);

  for (const error of [...doc.errors, ...doc.warnings]) {
    const code =
      error.code === 'DUPLICATE_KEY'
        ? 'yaml-duplicate-key'
        : error.code === 'TAB_AS_INDENT'
          ? 'yaml-tab'
          : 'yaml-syntax';
    const message =
      code === 'yaml-duplicate-key'
        ? '同一层级中出现了重复的字段'
        : code === 'yaml-tab'
          ? '用 Tab 字符缩进，YAML 只允许空格缩进'
          : (SYNTAX_MESSAGES[error.code] ?? 'YAML 语法错误');
    const hint =
      code === 'yaml-duplicate-key'
        ? '删除或合并重复的字段，每个字段在同一层级只能出现一次'
        : code === 'yaml-tab'
          ? '把行首的 Tab 换成空格（每级两个空格）'
          : SYNTAX_HINT;
    const severity = error.name === 'YAMLWarning' ? 'warning' : 'error';
    diagnostics.push(locateInText(text, lines, error.pos[0], diagnostic(code, file, [], message, hint, severity)));
  }
  for (const offset of duplicateKeyOffsets(doc)) {
    diagnostics.push(
      locateInText(
        text,
        lines,
        offset,
        diagnostic(
          'yaml-duplicate-key',
          file,
          [],
          '同一层级中出现了重复的字段',
          '删除或合并重复的字段，每个字段在同一层级只能出现一次',
        ),
      ),
    );
  }
  if (doc.errors.length > 0 || diagnostics.some((d) => d.code === 'yaml-duplicate-key'))
    return unreadable(diagnostics, locate);

  // Anchors and aliases have no use in a ledger and make "alias bombs" possible: refuse them all.
  let aliasOffset: number | undefined;
  yaml().visit(doc, (_key, node) => {
    const anchored = (yaml().isScalar(node) || yaml().isMap(node) || yaml().isSeq(node)) && node.anchor !== undefined;
    if (yaml().isAlias(node) || anchored) {
      aliasOffset = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    }
    return undefined;
  });
  if (aliasOffset !== undefined) {
    diagnostics.push(
      locateInText(
        text,
        lines,
        aliasOffset,
        diagnostic(
          'yaml-alias',
          file,
          [],
          '台账文件中不能使用 YAML 锚点（&）或别名（*）',
          '把别名处改写成完整的内容，删除 & 和 * 标记',
        ),
      ),
    );
    return unreadable(diagnostics, locate);
  }

  const value: unknown = doc.toJS({ maxAliasCount: 0 });
  if (value === null || value === undefined) {
    diagnostics.push({
      ...diagnostic('file-empty', file, [], '文件是空的', '填写内容，或删除这个文件'),
      line: 1,
      column: 1,
    });
    return unreadable(diagnostics, locate);
  }
  return { value, diagnostics, locate };
}
