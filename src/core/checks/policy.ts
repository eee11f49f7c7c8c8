import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { policyFrom } from '../deadlines/default-policy.js';
import { EVENT_SCHEMAS } from '../schema/events.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { keysAt } from '../schema/known-keys.js';
import { POLICY_SCHEMA, type EventMatch, type Policy } from '../schema/policy.js';

export interface PolicyCheck {
  policy?: Policy;
  diagnostics: Diagnostic[];
}

function matchProblems(
  matches: readonly EventMatch[] | undefined,
  file: string,
  path: (string | number)[],
): Diagnostic[] {
  return (matches ?? []).flatMap((match, i) =>
    Object.keys(match.where ?? {})
      .filter((field) => !Object.hasOwn(EVENT_SCHEMAS[match.event].shape, field))
      .map((field) =>
        diagnostic(
          'invalid-value',
          file,
          [...path, i, 'where', field],
          `事件 ${match.event} 没有字段「${field}」，此条件永远不成立`,
          `${match.event} 的字段：${Object.keys(EVENT_SCHEMAS[match.event].shape).join('、')}`,
          'error',
          true,
        ),
      ),
  );
}

/** Checks `policy.yaml` and gives the policy in force (the defaults for what it leaves out). */
export function checkPolicy(value: unknown, file: string): PolicyCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      diagnostics: [
        diagnostic(
          'not-a-map',
          file,
          [],
          'policy.yaml 的顶层应是“字段: 值”的映射',
          '至少写明 version: 1；其余规则可省略，省略时按管理办法的默认期限',
        ),
      ],
    };
  }
  const parsed = POLICY_SCHEMA.safeParse(value, { reportInput: true });
  if (!parsed.success)
    return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, [], (p) => keysAt(POLICY_SCHEMA, p)) };
  const data = parsed.data;
  const diagnostics = matchProblems(data.stop_all, file, ['stop_all']);
  const seen = new Set<string>();
  data.rules?.forEach((rule, i) => {
    const at = ['rules', i];
    diagnostics.push(
      ...matchProblems(rule.start, file, [...at, 'start']),
      ...matchProblems(rule.stop, file, [...at, 'stop']),
    );
    if (seen.has(rule.id))
      diagnostics.push(
        diagnostic('invalid-value', file, [...at, 'id'], `规则编号 ${rule.id} 重复`, '每条规则的 id 唯一'),
      );
    seen.add(rule.id);
    if (rule.days !== undefined && rule.days_by_difficulty !== undefined) {
      diagnostics.push(
        diagnostic(
          'invalid-value',
          file,
          at,
          `规则 ${rule.id} 同时写了 days 和 days_by_difficulty`,
          '按难易程度计时的规则只写 days_by_difficulty',
        ),
      );
    }
  });
  return diagnostics.length > 0 ? { diagnostics } : { policy: policyFrom(data), diagnostics };
}
