import type * as z from 'zod';
import { diagnostic, type DataPath, type Diagnostic } from '../diagnostics.js';
import { describeField } from './labels.js';
import { closestWord } from '../text.js';
import type { IssueParams } from './fields.js';

/**
 * Turns zod issues into diagnostics with Chinese messages and hints. zod's own messages are
 * English and generic; officers need the field's name, what was found and what is accepted.
 */

type Issue = z.core.$ZodIssue;

function show(value: unknown): string {
  if (value === null || value === undefined) return '空值';
  if (typeof value === 'string') return `「${value}」`;
  if (typeof value === 'number' || typeof value === 'boolean') return `「${String(value)}」`;
  return Array.isArray(value) ? '一个列表' : '一个映射';
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: '是/否',
  array: '列表',
  object: '映射（字段: 值）',
};

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** The keys a strict object at `path` accepts, for "did you mean" hints. */
export type KnownKeys = (path: DataPath) => readonly string[];

export function issueToDiagnostic(issue: Issue, file: string, base: DataPath, knownKeys: KnownKeys): Diagnostic[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  const field = describeField(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const keyPath = [...path, key];
        const suggestion = closestWord(key, knownKeys(path));
        const hint = suggestion
          ? `是不是想写 ${describeField([...path, suggestion])}？`
          : `可用的字段：${knownKeys(path).join('、')}`;
        return diagnostic('unknown-field', file, keyPath, `未知字段「${key}」`, hint, 'error', true);
      });
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) {
        const parent = path.slice(0, -1);
        return [
          diagnostic(
            'missing-field',
            file,
            parent,
            `缺少必填字段：${field}`,
            `在此处添加 ${String(path[path.length - 1])}: …`,
            'error',
            parent.length > 0,
          ),
        ];
      }
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const quoteHint =
        issue.expected === 'string' && typeof input === 'number'
          ? `YAML 会把纯数字读成数值，请加引号，如 "${String(input)}"`
          : `${field}应填${expected}`;
      return [
        diagnostic(
          'invalid-value',
          file,
          path,
          `${field}应为${expected}，实际是${TYPE_NAMES[typeOf(input)] ?? typeOf(input)} ${show(input)}`,
          quoteHint,
        ),
      ];
    }
    case 'invalid_value': {
      const input = (issue as { input?: unknown }).input;
      const accepted = issue.values.map((v) => String(v)).join(' / ');
      if (typeof input === 'number' && issue.values.includes(String(input))) {
        return [
          diagnostic(
            'invalid-value',
            file,
            path,
            `${field}的值 ${show(input)} 被 YAML 读成了数值`,
            `请加引号，写成 "${String(input)}"`,
          ),
        ];
      }
      return [
        diagnostic('invalid-value', file, path, `${field}的值 ${show(input)} 不在可选范围内`, `可选值：${accepted}`),
      ];
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return [
          diagnostic('missing-field', file, path, `${field}不能为空`, `填写${field}，或删除这一行（如果它是选填项）`),
        ];
      }
      return [
        diagnostic('invalid-value', file, path, `${field}至少要有 ${String(issue.minimum)} 项`, `为${field}补上内容`),
      ];
    case 'custom': {
      const params = issue.params as IssueParams | undefined;
      if (params?.code) return [diagnostic(params.code, file, path, issue.message, params.hint)];
      return [diagnostic('invalid-value', file, path, `${field}不合法：${issue.message}`, `检查${field}`)];
    }
    default:
      return [diagnostic('invalid-value', file, path, `${field}不合法`, `检查${field}的写法`)];
  }
}

export function issuesToDiagnostics(
  issues: readonly Issue[],
  file: string,
  base: DataPath,
  knownKeys: KnownKeys,
): Diagnostic[] {
  return issues.flatMap((issue) => issueToDiagnostic(issue, file, base, knownKeys));
}
