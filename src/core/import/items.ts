import { checkPhone, PHONE_ACCEPTED } from '../phone.js';
import { ITEM_ID, idPrefix } from '../schema/fields.js';
import type { Item } from '../schema/item.js';
import type { Channel, PartyKind, Scope } from '../schema/vocabulary.js';
import { parseTimestamp } from '../time.js';
import { importedTime, type RawRow } from './table.js';
import { guessPartyKind } from '../party-kind.js';

/**
 * A row of an old 台账 as an item: the form's fields taken as they are, what the old sheet does
 * not record filled from the officer's choices (scope, channel) and said so in 备注, nothing
 * invented silently. Rows that cannot be read are named by row number with the reason.
 */

export interface ImportChoices {
  unit: string;
  scope: Scope;
  channel: Channel;
  /** Force 企业 or 群众; otherwise guessed from the name (公司、厂、店… are enterprises). */
  partyKind?: PartyKind;
  /** The file name, for the note on each item. */
  source: string;
  now: number;
}

export interface ImportedRow {
  row: number;
  /** Without an id when the sheet had none; one is allocated before writing. */
  item?: Omit<Item, 'id'> & { id?: string };
  problems: string[];
}

export function importRow(raw: RawRow, choices: ImportChoices): ImportedRow {
  const v = raw.values;
  const problems: string[] = [];
  const need = (value: string | undefined, name: string) => {
    if (!value) problems.push(`${name}为空`);
    return value ?? '';
  };
  const party = need(v.party, '办理对象');
  const phone = need(v.phone, '联系电话');
  const title = need(v.title, '反映事项');
  const by = need(v.receivedBy, '受理人');
  const atText = need(v.receivedAt, '受理时间');
  if (phone && !checkPhone(phone).ok) problems.push(`联系电话「${phone}」不是有效的电话号码（${PHONE_ACCEPTED}）`);
  const at = atText ? importedTime(atText) : undefined;
  if (atText && !at) problems.push(`受理时间「${atText}」无法识别：可写 2026-07-20 10:00 或 2026/7/20 10:00`);
  const parsed = at ? parseTimestamp(at) : undefined;
  if (at && parsed && !parsed.ok) problems.push(`受理时间「${atText}」中的日期不存在`);
  if (parsed?.ok && parsed.epochMs > choices.now) problems.push(`受理时间「${atText}」晚于现在`);
  if (v.id !== undefined) {
    if (!ITEM_ID.test(v.id))
      problems.push(`工单编号「${v.id}」格式不对：应如 ${choices.unit.toUpperCase()}-2026-0007，或留空由系统编号`);
    else if (idPrefix(v.id) !== choices.unit.toUpperCase())
      problems.push(`工单编号「${v.id}」不是本单位（${choices.unit}）的编号`);
  }
  if (problems.length > 0) return { row: raw.row, problems };

  const kept = [v.result && `处理结果：${v.result}`, v.closedAt && `办结时间：${v.closedAt}`]
    .filter(Boolean)
    .join('；');
  const remark = [v.remark, `由 ${choices.source} 第 ${raw.row} 行导入${kept ? `，原台账记载 ${kept}` : ''}`]
    .filter(Boolean)
    .join('；');
  return {
    row: raw.row,
    problems,
    item: {
      ...(v.id ? { id: v.id } : {}),
      unit: choices.unit,
      party: { name: party, kind: choices.partyKind ?? guessPartyKind(party), phone },
      title,
      reason: v.reason ?? `原台账未记录“办不成事”原因（由 ${choices.source} 导入）`,
      remark,
      scope: choices.scope,
      channel: choices.channel,
      events: [{ type: 'registered', at: at!, by }],
    },
  };
}
