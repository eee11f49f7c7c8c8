import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.js';
import { closestWord } from '../../core/text.js';
import { parseEnteredTime } from '../../core/time-input.js';
import { formatChinaTimestamp } from '../../core/time.js';
import { MAX_FILE_BYTES } from '../../io/ledger-scan.js';
import { parseYamlSource, type YamlSource } from '../../io/yaml-source.js';
import { UsageError } from '../errors.js';
import type { Given } from '../forms/collect.js';
import { REGISTRATION_FIELDS } from '../forms/registration.js';
import { formatText } from '../format/diagnostics.js';

/**
 * `bbcs register --from FILE`: a matter prepared in a YAML file, the form's fields as in an item
 * file without id, optionally with its history (events). Each field of the file is an answer of
 * the registration form, found where its table entry's `fileKey` says.
 */

/** Keys a --from file may have, and where its fields go. */
const FILE_TOP_KEYS = [
  'unit',
  'party',
  'title',
  'reason',
  'remark',
  'scope',
  'channel',
  'responsible_unit',
  'related',
  'events',
] as const;
const FILE_PARTY_KEYS = ['name', 'kind', 'phone'] as const;

export interface PreparedFile {
  file: string;
  source: YamlSource;
  answers: Record<string, Given>;
  events?: unknown[];
}

/** The file's problems with their lines on stderr, and one sentence as the error. */
export function fileDiagnosticsError(
  prepared: Pick<PreparedFile, 'file' | 'source'>,
  problems: Diagnostic[],
): UsageError {
  const located = problems.map((d) => prepared.source.locate({ ...d, file: path.basename(prepared.file) }));
  const ctx = { root: path.dirname(prepared.file), cwd: process.cwd() };
  process.stderr.write(`${located.map((d) => formatText(d, ctx)).join('\n\n')}\n\n`);
  return new UsageError(
    `--from 文件 ${path.relative(process.cwd(), prepared.file) || prepared.file} 有 ${problems.length} 个问题（见上），没有登记`,
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, name: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'id') {
      problems.push({
        ...diagnostic(
          'unknown-field',
          name,
          ['id'],
          '准备登记的文件中不要写 id（工单编号）',
          '工单编号由 bbcs register 在登记时分配；删除这一行',
        ),
        atKey: true,
      });
    } else if (!(FILE_TOP_KEYS as readonly string[]).includes(key)) {
      const guess = closestWord(key, FILE_TOP_KEYS);
      problems.push({
        ...diagnostic(
          'unknown-field',
          name,
          [key],
          `未知字段「${key}」`,
          guess ? `是不是想写 ${guess}？` : `可写的字段：${FILE_TOP_KEYS.join('、')}`,
        ),
        atKey: true,
      });
    }
  }
  if (value.party !== undefined && !isRecord(value.party)) {
    problems.push(
      diagnostic(
        'invalid-value',
        name,
        ['party'],
        '办理对象（party）应是包含 name、kind、phone 的映射',
        '写成 party: 下面缩进两格的 name: …、kind: 企业或群众、phone: …',
      ),
    );
  } else if (isRecord(value.party)) {
    for (const key of Object.keys(value.party)) {
      if ((FILE_PARTY_KEYS as readonly string[]).includes(key)) continue;
      const guess = closestWord(key, FILE_PARTY_KEYS);
      problems.push({
        ...diagnostic(
          'unknown-field',
          name,
          ['party', key],
          `未知字段「party.${key}」`,
          guess ? `是不是想写 ${guess}？` : `办理对象下可写：${FILE_PARTY_KEYS.join('、')}`,
        ),
        atKey: true,
      });
    }
  }
  return problems;
}

/** A prepared item: the form's fields as in an item file, without id; events optional. */
export function readPrepared(fromPath: string, now: number): PreparedFile {
  const file = path.resolve(fromPath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `--from：无法读取文件 ${fromPath}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UsageError(
      `--from：文件 ${fromPath} 有 ${Math.ceil(bytes.length / 1024)} KB，超过台账文件的上限 ${MAX_FILE_BYTES / 1024} KB：一个事项的登记内容不会这么大，请检查是否选错了文件`,
    );
  }
  const name = path.basename(file);
  const source = parseYamlSource(name, bytes);
  const prepared: PreparedFile = { file, source, answers: {} };
  const errors = source.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || source.value === undefined) throw fileDiagnosticsError(prepared, errors);
  const value = source.value;
  if (!isRecord(value)) {
    throw new UsageError(`--from 文件 ${fromPath} 的顶层应是“字段: 值”的映射，如 title: 受理事项名称`);
  }
  const problems = unknownKeys(value, name);
  for (const field of REGISTRATION_FIELDS) {
    if (!field.fileKey) continue;
    let raw: unknown = value;
    for (const segment of field.fileKey) raw = isRecord(raw) ? raw[segment] : undefined;
    if (raw === undefined || raw === null) continue;
    const where = `--from 文件中的 ${field.fileKey.join('.')}`;
    if (field.key === 'related') {
      if (!Array.isArray(raw) || raw.some((r) => typeof r !== 'string')) {
        problems.push(
          diagnostic(
            'invalid-value',
            name,
            ['related'],
            '关联事项（related）应是工单编号的列表',
            '写成 related: 下面每行“- ZJJ-2026-0001”',
          ),
        );
      } else prepared.answers.related = { value: raw.join(','), source: where };
      continue;
    }
    if (typeof raw === 'string' || typeof raw === 'number')
      prepared.answers[field.key] = { value: String(raw), source: where };
    else
      problems.push(
        diagnostic(
          'invalid-value',
          name,
          [...field.fileKey],
          `${field.label}（${field.fileKey.join('.')}）应是一段文字`,
          '写在冒号后面的同一行',
        ),
      );
  }
  if (value.events !== undefined) {
    if (!Array.isArray(value.events) || value.events.length === 0) {
      problems.push(
        diagnostic(
          'invalid-value',
          name,
          ['events'],
          '处理过程（events）应是事件的列表，第一个是 registered',
          '不写 events 时由 --by、--at 或提问得到受理人员和受理时间',
        ),
      );
    } else {
      // Times as officers type them are accepted here too, and stored as the ledger stores them.
      prepared.events = (value.events as unknown[]).map((event: unknown) => {
        if (!isRecord(event) || typeof event.at !== 'string') return event;
        const parsed = parseEnteredTime(event.at, now);
        return parsed.ok ? { ...event, at: formatChinaTimestamp(parsed.epochMs) } : event;
      });
    }
  }
  if (problems.length > 0) throw fileDiagnosticsError(prepared, problems);
  return prepared;
}
