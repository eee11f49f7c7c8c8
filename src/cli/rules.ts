import type { Diagnostic } from '../core/diagnostics.js';
import { DEFAULT_RULES } from '../core/deadlines/default-policy.js';
import { CALENDAR_DIR, POLICY_FILE } from '../io/ledger-scan.js';
import { RulesInvalid } from './errors.js';
import { formatText } from './format/diagnostics.js';

/**
 * Deadlines are computed by the ledger's rules (policy.yaml) and calendar (calendar/*.yaml).
 * When either is present but broken, nothing falls back to other rules in silence: the
 * command refuses and shows the problems as `bbcs validate` does.
 */

const isRuleFile = (file: string) =>
  file === POLICY_FILE || file === CALENDAR_DIR || file.startsWith(`${CALENDAR_DIR}/`);

export function requireSoundRules(diagnostics: readonly Diagnostic[], root: string): void {
  const errors = diagnostics.filter((d) => d.severity === 'error' && isRuleFile(d.file));
  if (errors.length === 0) return;
  const files = [...new Set(errors.map((d) => d.file))];
  const ctx = { root, cwd: process.cwd() };
  throw new RulesInvalid(
    [
      `台账中 ${files.join('、')} 有 ${errors.length} 个错误。这些文件决定期限怎么算，改正之前不能计算期限（按其他规则算出的期限和红黄牌没有依据）。下列问题与 bbcs validate 所报相同：`,
      '',
      ...errors.map((d) => `${formatText(d, ctx)}\n`),
      '改正后再运行本命令；运行 bbcs validate 检查台账的全部文件。',
    ].join('\n'),
  );
}

function daysOf(rule: (typeof DEFAULT_RULES)[number]): string | undefined {
  if (rule.days !== undefined) return `${rule.days} 个工作日`;
  if (!rule.days_by_difficulty) return undefined;
  return `${Object.entries(rule.days_by_difficulty)
    .map(([difficulty, days]) => `${difficulty} ${days}`)
    .join('、')} 个工作日`;
}

/** Said once per report when the ledger has no policy.yaml. */
export function builtInRulesNote(): string {
  const rules = DEFAULT_RULES.flatMap((rule) => {
    const days = daysOf(rule);
    return days === undefined ? [] : [`${rule.name} ${days}`];
  });
  return `※ 台账中没有 policy.yaml，期限按管理办法第五条的默认规则计算（${rules.join('；')}）。如本地规定不同，在台账根目录写 policy.yaml（格式见 docs/ledger-format.md）。`;
}
