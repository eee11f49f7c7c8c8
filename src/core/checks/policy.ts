import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { keysAt } from '../schema/known-keys.js';
import { POLICY_SCHEMA } from '../schema/policy.js';

export function checkPolicy(value: unknown, file: string): Diagnostic[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [diagnostic('not-a-map', file, [], 'policy.yaml 的顶层应是“字段: 值”的映射', '至少写明 version: 1')];
  }
  const parsed = POLICY_SCHEMA.safeParse(value, { reportInput: true });
  return parsed.success ? [] : issuesToDiagnostics(parsed.error.issues, file, [], (p) => keysAt(POLICY_SCHEMA, p));
}
