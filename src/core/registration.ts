import { checkPhone, PHONE_ACCEPTED } from './phone.js';
import type { LedgerEvent } from './schema/events.js';
import { ITEM_ID } from './schema/codes.js';
import type { Item } from './schema/item.js';
import type { Unit } from './schema/unit.js';
import { CHANNELS, PARTY_KINDS, SCOPES, type Channel, type PartyKind, type Scope } from './schema/vocabulary.js';
import { describeTimeProblem, parseEnteredTime } from './time-input.js';
import { bad, checkUnitCode, ok, type Check } from './answers.js';
import { formatChinaMinute, formatChinaTimestamp } from './time.js';

/**
 * The answers of 附件3 as an officer gives them (typed at a prompt, passed as flags or read from
 * a prepared file), each checked on its own with one Chinese sentence when it is wrong, then
 * put together into a new item. Pure: "now" and the ledger's units are parameters.
 */

export { checkText, type Check } from './answers.js';

export function checkUnit(value: string, units: ReadonlyMap<string, Unit>): Check<string> {
  return checkUnitCode('登记单位', value, units);
}

export function checkPartyKind(value: string): Check<PartyKind> {
  const trimmed = value.trim();
  return (PARTY_KINDS as readonly string[]).includes(trimmed)
    ? ok(trimmed as PartyKind)
    : bad(`办理对象类型应为 企业 或 群众，不是「${value}」`);
}

export function checkPhoneAnswer(value: string): Check<string> {
  const trimmed = value.trim();
  if (trimmed === '') return bad(`联系电话不能为空：${PHONE_ACCEPTED}`);
  return checkPhone(trimmed).ok ? ok(trimmed) : bad(`联系电话「${trimmed}」不是有效的电话号码：${PHONE_ACCEPTED}`);
}

/** 受理时间: as typed (China time without an offset, or ISO with one), not after `now`. */
export function checkRegistrationTime(value: string, now: number): Check<{ epochMs: number; iso: string }> {
  const parsed = parseEnteredTime(value, now);
  if (!parsed.ok) return bad(`受理时间${describeTimeProblem(value.trim(), parsed.problem)}`);
  if (parsed.epochMs > now) {
    return bad(
      `受理时间 ${formatChinaMinute(parsed.epochMs)} 晚于当前时间 ${formatChinaMinute(now)}（北京时间）：只能登记已经受理的事项，请核对日期和年份`,
    );
  }
  return ok({ epochMs: parsed.epochMs, iso: formatChinaTimestamp(parsed.epochMs) });
}

const ARABIC_SCOPES: Record<string, Scope> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六' };

export function checkScope(value: string): Check<Scope> {
  const trimmed = value
    .trim()
    .replace(/^第三条/, '')
    .replace(/^[（(]|[)）]$/g, '');
  if (Object.hasOwn(SCOPES, trimmed)) return ok(trimmed as Scope);
  if (Object.hasOwn(ARABIC_SCOPES, trimmed)) return ok(ARABIC_SCOPES[trimmed]!);
  return bad(`适用范围应为第三条的 一 至 六（也可写 1–6），不是「${value}」`);
}

/** The channels in the order the form and the README list them (object keys would put 12345 first). */
export const CHANNEL_ORDER: readonly Channel[] = [
  '窗口',
  '12345',
  '项目推进',
  '部门协调',
  '上级交办',
  '投诉举报',
  '区办收集',
  '其他',
];

export function checkChannel(value: string): Check<Channel> {
  const trimmed = value.trim();
  if (Object.hasOwn(CHANNELS, trimmed)) return ok(trimmed as Channel);
  return bad(`来源渠道应为 ${CHANNEL_ORDER.join('、')} 之一，不是「${value}」`);
}

export function checkRelated(values: readonly string[], known: ReadonlySet<string>): Check<string[]> {
  const ids = values
    .flatMap((v) => v.split(/[,，、\s]+/))
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);
  for (const id of ids) {
    if (!ITEM_ID.test(id)) return bad(`关联事项「${id}」不是工单编号，应写成 ZJJ-2026-0007 的样子`);
    if (!known.has(id)) return bad(`关联事项 ${id} 在台账中不存在`);
  }
  return ok([...new Set(ids)]);
}

/** The unit that registers what the 区办 collected itself: the 区办. */
export function officeOf(units: ReadonlyMap<string, Unit>): Unit | undefined {
  return [...units.values()].find((u) => u.kind === '区办');
}

/** A complete, checked registration. */
export interface Registration {
  unit: string;
  party: { name: string; kind: PartyKind; phone: string };
  by: string;
  /** ISO 8601 with +08:00. */
  at: string;
  title: string;
  reason: string;
  scope: Scope;
  channel: Channel;
  responsibleUnit?: string;
  remark?: string;
  related?: string[];
  /** 当场告知不能办理 and its legal basis. */
  legalBasis?: string;
}

/** The new item: the form's fields, `registered`, and `refused_on_spot` right after it when refused. */
export function registrationItem(r: Registration, id: string): Item {
  const events: LedgerEvent[] = [{ type: 'registered', at: r.at, by: r.by }];
  if (r.legalBasis !== undefined)
    events.push({ type: 'refused_on_spot', at: r.at, by: r.by, legal_basis: r.legalBasis });
  return {
    id,
    unit: r.unit,
    party: { ...r.party },
    title: r.title,
    reason: r.reason,
    ...(r.remark !== undefined ? { remark: r.remark } : {}),
    scope: r.scope,
    channel: r.channel,
    ...(r.responsibleUnit !== undefined ? { responsible_unit: r.responsibleUnit } : {}),
    ...(r.related?.length ? { related: r.related } : {}),
    events,
  };
}
