/**
 * Chinese labels of ledger fields. Used for messages ("联系电话（party.phone）…") and as the
 * comments the writer puts beside each key, so the YAML reads like the paper form.
 * Keys are looked up by their dotted path without indexes first, then by their last segment.
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
