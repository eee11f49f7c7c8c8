import type { EventType } from './events.js';

/**
 * Every Chinese label of the program, in one place:
 * - ledger fields, for messages ("联系电话（party.phone）…") and as the comments the writer puts
 *   beside each key, so the YAML reads like the paper form (looked up by their dotted path
 *   without indexes first, then by their last segment);
 * - the forms' own words where a step fills a form field (the same comments);
 * - what the questions and flags of each form are called: 附件3 (register), 附件2 (unit add,
 *   init) and every step. A new field of a form gets its label here.
 */
const BY_PATH: Record<string, string> = {
  name: '单位名称',
  kind: '单位类型（区直单位/镇街/区办）',
  party: '办理对象',
  'party.name': '办理对象名称或姓名',
  'party.kind': '办理对象类型（企业/群众）',
  'party.phone': '联系电话',
  principal: '主要领导姓名（选填；上报区办时默认由其同意）',
  leader: '分管领导',
  'leader.name': '分管领导姓名',
  'leader.title': '分管领导职务',
  'leader.phone': '分管领导联系电话',
  lead_section: '牵头科室',
  'lead_section.name': '牵头科室名称',
  'lead_section.head': '牵头科室负责人',
  'lead_section.phone': '牵头科室联系电话',
  contact: '联系人',
  'contact.name': '联系人姓名',
  'contact.title': '联系人职务',
  'contact.phone': '联系人联系电话',
  maintainers: '台账维护人（GitHub/GitLab 用户名或邮箱，用于 CODEOWNERS）',
  'events.type': '事件类型',
  'events.at': '时间',
  'events.by': '经办人',
  'events.unit': '经办单位',
  'events.note': '备注',
  'events.kind': '类型（反馈：进展/结果；典型案例：正面/负面）',
  'events.opinion': '意见',
  'events.result': '处理结果',
};

const BY_KEY: Record<string, string> = {
  id: '工单编号',
  unit: '登记单位',
  code: '单位代码',
  name: '名称',
  kind: '单位类型',
  title: '受理事项名称',
  reason: '“办不成事”原因',
  remark: '备注',
  scope: '适用范围（第三条）',
  channel: '来源渠道',
  responsible_unit: '责任单位',
  related: '关联事项',
  events: '处理过程',
  section: '承办科室',
  consent_by: '同意的领导',
  class: '研判分类',
  legal_basis: '不能办理的法律依据',
  result: '处理结果',
  decision: '办理意见（1–4）',
  difficulty: '难易程度',
  opinion: '意见',
  led_by: '牵头方',
  leader: '牵头领导',
  participants: '参加单位',
  method: '反馈方式',
  content: '反馈内容',
  outcome: '办结结果',
  refusal_reason: '不能办理的原因',
  to: '转往',
  number: '对方系统编号',
  satisfaction: '满意度',
  basis: '重启依据',
  reference: '依据文号或先例',
  precedent_item: '先例工单编号',
  comment: '区办点评',
  version: '格式版本',
  notice: '文件依据',
};

export function fieldLabel(path: ReadonlyArray<string | number>): string | undefined {
  const keys = path.filter((p): p is string => typeof p === 'string');
  if (keys.length === 0) return undefined;
  return BY_PATH[keys.join('.')] ?? BY_KEY[keys[keys.length - 1]!];
}

/** `联系电话[party.phone]`: the words an officer knows, then the key to find in the file. */
export function describeField(path: ReadonlyArray<string | number>): string {
  const dotted = path
    .map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  const label = fieldLabel(path);
  return label ? `${label}[${dotted}]` : dotted;
}

/** The form's own words where a step fills a form field: 受理时间 and 受理人员 on registration. */
export const EVENT_COMMENT_LABELS: Partial<Record<EventType, Record<string, string>>> = {
  registered: { at: '受理时间', by: '受理人员' },
  decided: { opinion: '办理意见说明' },
  met: { opinion: '会办意见' },
  visited: { method: '回访方式' },
};

/** 附件3 事项登记表, as `bbcs register` asks it. */
export const REGISTRATION_LABELS = {
  unit: '登记单位',
  party: '办理对象',
  partyKind: '办理对象类型',
  phone: '联系电话',
  by: '受理人员',
  at: '受理时间',
  title: '受理事项名称',
  reason: '“办不成事”原因',
  scope: '适用范围',
  channel: '来源渠道',
  responsibleUnit: '责任单位',
  remark: '备注',
  related: '关联事项',
  refuseOnSpot: '当场告知不能办理',
  legalBasis: '法律依据',
} as const;

/** 附件2 工作联系表, as `bbcs unit add` and `bbcs init` ask it. */
export const UNIT_FORM_LABELS = {
  code: '单位代码',
  name: '单位名称',
  kind: '单位类型',
  principal: '主要领导姓名',
  leaderName: '分管领导姓名',
  leaderTitle: '分管领导职务',
  leaderPhone: '分管领导联系电话',
  sectionName: '牵头科室名称',
  sectionHead: '牵头科室负责人',
  sectionPhone: '牵头科室联系电话',
  contactName: '联系人姓名',
  contactTitle: '联系人职务',
  contactPhone: '联系人联系电话',
} as const;

/** What every step asks besides its own fields. */
export const STEP_COMMON_LABELS = { at: '时间', by: '经办人', note: '备注' } as const;

/** Each step's own fields, by event type and field key. */
export const STEP_LABELS = {
  refused_on_spot: { legal_basis: '法律依据' },
  confirmed: { section: '承办科室', consent_by: '同意的分管领导' },
  classified: { class: '研判分类' },
  resolved_internally: { result: '处理结果' },
  reported: { consent_by: '同意的主要领导' },
  decided: { decision: '办理意见', difficulty: '难易程度', responsible_unit: '责任单位', opinion: '办理意见说明' },
  supervised: {},
  met: { led_by: '牵头方', leader: '牵头领导', participants: '参加单位', opinion: '会办意见' },
  feedback: { kind: '反馈类型', method: '反馈方式', content: '反馈内容' },
  closed: { outcome: '办结结果', result: '处理结果', refusal_reason: '不能办理的原因' },
  transferred: { to: '转往', number: '对方系统编号' },
  filed: {},
  visited: { satisfaction: '满意度', method: '回访方式' },
  archived: {},
  restarted: { basis: '重启依据', reference: '依据文号或先例', precedent_item: '先例工单编号' },
  typical: { kind: '典型案例类型', comment: '区办点评' },
} as const satisfies Partial<Record<EventType, Record<string, string>>>;
