/**
 * The closed vocabularies of the 管理办法, each value with the words the document uses for it.
 * Values stored in the ledger are the short Chinese words officers already use, so a YAML file
 * reads like the paper form.
 */

export const UNIT_KINDS = ['区直单位', '镇街', '区办'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const PARTY_KINDS = ['企业', '群众'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** 第三条 适用范围. */
export const SCOPES = {
  一: '企业和群众正式提出申请的暂时无法办理的诉求事项',
  二: '项目推动过程中难以解决的事项',
  三: '区直单位之间、区直单位与镇街之间难以协调解决的事项',
  四: '上级交办难以解决的事项',
  五: '政务服务事项（涉及政务服务大厅的按反映窗口实施细则运行）',
  六: '其他企业、群众投诉或举报无法办理的事项',
} as const;
export type Scope = keyof typeof SCOPES;

/** Where the matter came from. 区办收集 is the office's own collection (第五条（一）). */
export const CHANNELS = {
  窗口: '窗口或科室受理',
  '12345': '12345 热线转来',
  项目推进: '项目推进中发现',
  部门协调: '部门之间协调中发现',
  上级交办: '上级交办',
  投诉举报: '企业、群众投诉或举报',
  区办收集: '区“办不成事”办公室主动收集',
  其他: '其他渠道',
} as const;
export type Channel = keyof typeof CHANNELS;

/** 第五条（二） 牵头科室研判分类. */
export const CLASSES = {
  1: '需要本单位多科室协调解决',
  2: '需要多部门协调解决',
  3: '不符合政策',
  4: '其它原因无法解决',
} as const;
export type ItemClass = 1 | 2 | 3 | 4;

/** 第五条（三） 区办办理意见. */
export const DECISIONS = {
  1: '可以办理，退回原上报单位重新办理',
  2: '需要多部门会办，由区办牵头会办',
  3: '需要区级层面推动，提请区领导牵头会办',
  4: '暂时无法办理，留档暂存',
} as const;
export type Decision = 1 | 2 | 3 | 4;

export const DIFFICULTIES = ['简单', '复杂', '特别复杂'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const FEEDBACK_KINDS = ['进展', '结果'] as const;
export const FEEDBACK_METHODS = ['电话', '当面', '书面', '短信', '其他'] as const;

/** How a handled matter ended; 转办 is recorded by its own `transferred` event. */
export const CLOSING_OUTCOMES = ['办成', '不能办理'] as const;
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;

/** 第四条 转办联动. */
export const TRANSFER_TARGETS = ['12345', '信访', '涉法涉诉'] as const;

/** 第六条 重启办理. */
export const RESTART_BASES = ['政策调整', '区外先例'] as const;

export const MEETING_LEADS = ['区办', '区领导'] as const;

/** 第七条（二） 典型案例. */
export const TYPICAL_KINDS = ['正面', '负面'] as const;
export type TypicalKind = (typeof TYPICAL_KINDS)[number];
