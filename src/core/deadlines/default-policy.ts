import type { DeadlineRule, EventMatch, Policy, PolicyFile } from '../schema/policy.js';

/** 第五条 as deadline rules: the numbers a policy file starts from. */
export const DEFAULT_RULES: DeadlineRule[] = [
  {
    id: 'report',
    name: '上报区办',
    owner: 'unit',
    start: [{ event: 'classified', where: { class: [2, 3, 4] } }],
    stop: [{ event: 'reported' }],
    days: 1,
    basis: '第五条（三）：确认后经主要领导同意第一时间上报区办',
  },
  {
    id: 'feedback',
    name: '向当事方反馈',
    owner: 'responsible',
    start: [{ event: 'decided', where: { decision: [1] } }],
    stop: [{ event: 'feedback' }, { event: 'transferred' }],
    days_by_difficulty: { 简单: 3, 复杂: 5, 特别复杂: 10 },
    basis: '第五条（四）：简单事项 3 个、复杂事项 5 个、特别复杂事项 10 个工作日内反馈',
  },
  {
    id: 'joint_feedback',
    name: '会办后反馈',
    owner: 'responsible',
    start: [{ event: 'met' }],
    stop: [{ event: 'feedback' }, { event: 'transferred' }],
    days: 1,
    basis: '第五条（四）：会办意见落实后第一时间向当事方反馈',
  },
  {
    id: 'filing',
    name: '办结备案',
    owner: 'responsible',
    start: [{ event: 'closed' }, { event: 'transferred' }],
    stop: [{ event: 'filed' }],
    days: 1,
    basis: '第五条（五）：办结后 1 个工作日内报区办备案',
  },
  {
    id: 'visit',
    name: '满意度回访',
    owner: 'office',
    start: [{ event: 'filed' }],
    stop: [{ event: 'visited' }, { event: 'archived' }],
    basis: '第五条（五）：区办会同相关单位回访（管理办法未规定期限，不计时只跟踪）',
  },
];

export const DEFAULT_STOP_ALL: EventMatch[] = [{ event: 'decided', where: { decision: [4] } }, { event: 'restarted' }];

export function policyFrom(file: PolicyFile | undefined): Policy {
  return {
    warnWithin: file?.warn_within ?? 1,
    weeklyWeekday: file?.weekly_summary.weekday ?? 5,
    stopAll: file?.stop_all ?? DEFAULT_STOP_ALL,
    rules: file?.rules ?? DEFAULT_RULES,
  };
}
