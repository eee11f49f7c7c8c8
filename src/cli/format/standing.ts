import type { Assessment, Obligation } from '../../core/deadlines/obligations.js';
import { EVENT_NAMES } from '../../core/schema/events.js';

/**
 * "红牌 逾期 3 个工作日", "黄牌 剩 1 个工作日", "逾期后停止（2026-03-31 重启办理，…）", with 暂定
 * where the calendar is not known.
 */
export function describeStanding(a: Assessment): string {
  const suffix = a.provisional ? '（暂定）' : '';
  switch (a.standing) {
    case '红牌':
      return `红牌 ${a.daysLate ? `逾期 ${a.daysLate} 个工作日` : '已过期限'}${suffix}`;
    case '黄牌':
      return `黄牌 ${a.daysLeft === 0 ? '今天到期' : `剩 ${a.daysLeft} 个工作日`}${suffix}`;
    case '正常':
      return `正常 剩 ${a.daysLeft} 个工作日${suffix}`;
    case '逾期完成':
      return `逾期完成（晚 ${a.daysLate ?? 0} 个工作日）${suffix}`;
    case '逾期后停止':
      return `逾期后停止（${describeStop(a)}，停止计时时${a.daysLate ? `已逾期 ${a.daysLate} 个工作日` : '已过期限'}）${suffix}`;
    case '已停止':
      return a.stopped ? `已停止（${describeStop(a)}）${suffix}` : `已停止${suffix}`;
    default:
      return `${a.standing}${suffix}`;
  }
}

export function describeDue(o: Obligation): string {
  if (o.due === undefined) return '无期限';
  return `${o.due} 24:00${o.unknownYears.length > 0 ? '（暂定）' : ''}`;
}

/** "2026-03-31 重启办理": when and by which step a clock was stopped. */
function describeStop(a: Assessment): string {
  return a.stopped ? `${a.stopped.on} ${EVENT_NAMES[a.stopped.by]}` : '停止计时';
}
