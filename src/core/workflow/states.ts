/** Where an item stands in the mechanism. Derived from its events, never stored. */
export const STATE_NAMES = {
  unregistered: '未登记',
  registered: '已登记待研判',
  refused: '已当场告知不能办理',
  confirmed: '已确认待分类',
  internal: '本单位内部协调中',
  to_report: '已分类待上报',
  resolved_internally: '已内部协调解决',
  reported: '已上报待区办研判',
  handling: '办理中',
  joint: '会办中',
  parked: '留档暂存',
  restarted: '已重启待区办研判',
  closed: '已办结',
  transferred: '已转办',
  filed: '已备案',
  visited: '已回访',
  archived: '已归档',
} as const;

export type State = keyof typeof STATE_NAMES;

export const STATES = Object.keys(STATE_NAMES) as State[];

/** How the matter ended for the party, whichever step ended it. */
export type Outcome = '办成' | '不能办理' | '转办';
