import type { EventType } from '../schema/events.js';
import type { DeadlineRule, Policy } from '../schema/policy.js';
import { DIFFICULTIES } from '../schema/vocabulary.js';

/**
 * The deadlines of the ledger's own policy in words, for the questions that set them: what
 * choosing 简单 or 第 2 类 starts, as the policy file says, not as the 管理办法's defaults say.
 */

function startsWith(rule: DeadlineRule, type: EventType, field: string, value: string): boolean {
  return rule.start.some(
    (m) => m.event === type && (m.where?.[field] === undefined || m.where[field].some((v) => String(v) === value)),
  );
}

function daysText(rule: DeadlineRule, difficulty?: string): string | undefined {
  if (rule.days_by_difficulty) {
    const byDifficulty = rule.days_by_difficulty as Partial<Record<string, number>>;
    if (difficulty !== undefined) {
      const days = byDifficulty[difficulty];
      return days === undefined ? undefined : `${days} 个工作日`;
    }
    const listed = DIFFICULTIES.filter((d) => byDifficulty[d] !== undefined).map((d) => `${d} ${byDifficulty[d]}`);
    return listed.length > 0 ? `${listed.join('、')} 个工作日` : undefined;
  }
  return rule.days === undefined ? undefined : `${rule.days} 个工作日`;
}

/** What a step starts when its field has this value: `上报区办 1 个工作日`; undefined when nothing with a deadline. */
export function deadlinesStarted(policy: Policy, type: EventType, field: string, value: string): string | undefined {
  const texts = policy.rules.flatMap((rule) => {
    if (!startsWith(rule, type, field, value)) return [];
    const days = daysText(rule, field === 'difficulty' ? value : undefined);
    return days === undefined ? [] : [`${rule.name} ${days}`];
  });
  return texts.length > 0 ? `开始计时：${texts.join('；')}` : undefined;
}

/** The deadline the 区办's difficulty decides, for its question: `向当事方反馈的期限：简单 3、复杂 5、特别复杂 10 个工作日`. */
export function difficultyDeadline(policy: Policy): string | undefined {
  const rule = policy.rules.find((r) => r.days_by_difficulty && r.start.some((m) => m.event === 'decided'));
  const days = rule && daysText(rule);
  return rule && days ? `${rule.name}的期限：${days}` : undefined;
}
