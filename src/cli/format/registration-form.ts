import Table from 'cli-table3';
import type { Item } from '../../core/schema/item.js';
import type { Unit } from '../../core/schema/unit.js';
import { CHANNELS, SCOPES } from '../../core/schema/vocabulary.js';
import { formatChinaMinute, parseTimestamp } from '../../core/time.js';
import { printable } from './width.js';

/**
 * 附件3 “办不成事”事项登记表 as text, in the paper form's layout: the unit and number above the
 * table, then 办理对象/联系电话, 受理人员/受理时间, 受理事项名称, “办不成事”原因, 备注; below it
 * what the form does not print but the ledger records (scope, channel, responsible unit and an
 * on-the-spot refusal).
 */
export function formatRegistrationForm(item: Item, units: ReadonlyMap<string, Unit>): string {
  const registered = item.events[0];
  const at = registered ? parseTimestamp(registered.at) : undefined;
  const unitName = (code: string) => {
    const unit = units.get(code);
    return unit ? `${unit.name}（${code}）` : code;
  };
  const table = new Table({
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: false,
    colWidths: [16, 26, 12, 22],
  });
  table.push(
    ['办理对象', printable(`${item.party.name}（${item.party.kind}）`), '联系电话', printable(item.party.phone)],
    [
      '受理人员',
      printable(registered?.by ?? ''),
      '受理时间',
      printable(at?.ok ? formatChinaMinute(at.epochMs) : (registered?.at ?? '')),
    ],
    ['受理事项名称', { colSpan: 3, content: printable(item.title) }],
    ['“办不成事”原因', { colSpan: 3, content: printable(item.reason) }],
    ['备注', { colSpan: 3, content: printable(item.remark ?? '') }],
  );
  const refusal = item.events.find((e) => e.type === 'refused_on_spot');
  const lines = [
    '                         “办不成事”事项登记表',
    `登记单位：${unitName(item.unit)}    工单编号：${item.id}`,
    table.toString(),
    `适用范围：第三条（${item.scope}）${SCOPES[item.scope]}`,
    `来源渠道：${item.channel}（${CHANNELS[item.channel]}）`,
  ];
  if (item.responsible_unit) lines.push(`责任单位：${unitName(item.responsible_unit)}`);
  if (item.related?.length) lines.push(`关联事项：${item.related.join('、')}`);
  if (refusal?.type === 'refused_on_spot') lines.push(`当场告知不能办理：是；法律依据：${refusal.legal_basis}`);
  return printable(lines.join('\n'));
}
