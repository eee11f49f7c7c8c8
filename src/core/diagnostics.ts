/**
 * Problems found in user data are values, never exceptions: every check returns diagnostics.
 * The core knows a problem's file and its path inside the document; the io layer, which holds
 * the source text, turns the path into line:col and an excerpt.
 */

export type Severity = 'error' | 'warning';

export type DataPath = ReadonlyArray<string | number>;

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Path relative to the ledger root, with forward slashes. */
  file: string;
  /** Where in the document; empty for the whole file. */
  path: DataPath;
  /** Point at the key of the last path segment rather than its value (unknown fields). */
  atKey?: boolean;
  message: string;
  hint: string;
  /** Filled in by the io layer when the source is known. */
  line?: number;
  column?: number;
  excerpt?: string;
}

/**
 * Every diagnostic the tool can report. The registry is the one list that tests, docs and the
 * `--json` output agree on; each code has a fixture that triggers exactly it.
 */
export const DIAGNOSTIC_CODES = {
  'file-unreadable': '文件无法读取',
  'file-too-large': '文件过大',
  'file-empty': '文件为空',
  'not-utf8': '不是 UTF-8 编码',
  bom: '文件以 BOM 开头',
  'yaml-syntax': 'YAML 语法错误',
  'yaml-tab': '用 Tab 缩进',
  'yaml-duplicate-key': '重复的字段',
  'yaml-alias': '使用了锚点或别名',
  'not-a-map': '顶层不是映射',
  'unknown-field': '未知字段',
  'missing-field': '缺少必填字段',
  'invalid-value': '字段值不合法',
  'invalid-phone': '电话号码不合法',
  'invalid-time': '时间格式不合法',
  'invalid-id': '工单编号格式不合法',
  'invalid-unit-code': '单位代码不合法',
  'unknown-event': '未知的事件类型',
  'id-mismatch': '文件名与工单编号不一致',
  'id-unit-mismatch': '工单编号与登记单位不一致',
  'unit-mismatch': '目录与登记单位不一致',
  'unit-code-mismatch': '单位目录与单位代码不一致',
  'unknown-unit': '引用了不存在的单位',
  'unit-file-missing': '单位目录缺少 unit.yaml',
  'office-count': '区办单位数量不为一',
  'duplicate-id': '工单编号重复',
  'broken-link': '关联的事项不存在',
  'no-events': '没有事件记录',
  'illegal-transition': '事件顺序不合法',
  'time-backwards': '事件时间倒退',
  'future-event': '事件晚于当前时间',
  'consent-missing': '缺少规定的领导同意',
  'responsible-unit-missing': '区办收集的事项未指定责任单位',
  'not-a-file': '应为文件却是目录',
  symlink: '符号链接',
  'stray-file': '台账中的无关文件',
  'calendar-invalid': '日历文件内容不合理',
  'calendar-overlap': '日历中的假期重叠或日期重复',
  'calendar-differs': '日历文件与内置数据不一致',
  'calendar-incomplete': '日历文件未声明是否完整',
  'calendar-statutory': '法定节假日被写成工作日',
  'office-step-unit': '只能由区办记录的步骤未写明区办为经办单位',
  'history-item-deleted': '事项被删除',
  'history-item-moved': '事项被移到其他单位',
  'history-id-reused': '工单编号被复用',
  'history-event-changed': '已记录的事件被修改',
  'history-event-removed': '已记录的事件被删除',
  'history-field-changed': '登记信息被修改',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Codes that only `bbcs validate --since REV` reports: they compare two versions of the ledger. */
export const HISTORY_CODES: readonly DiagnosticCode[] = [
  'history-item-deleted',
  'history-item-moved',
  'history-id-reused',
  'history-event-changed',
  'history-event-removed',
  'history-field-changed',
];

export function diagnostic(
  code: DiagnosticCode,
  file: string,
  path: DataPath,
  message: string,
  hint: string,
  severity: Severity = 'error',
  atKey = false,
): Diagnostic {
  return atKey ? { code, severity, file, path, atKey, message, hint } : { code, severity, file, path, message, hint };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Stable order for output: by file, then position, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const byLine = (a.line ?? 0) - (b.line ?? 0);
  if (byLine !== 0) return byLine;
  const byColumn = (a.column ?? 0) - (b.column ?? 0);
  if (byColumn !== 0) return byColumn;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
