import { bad, checkText, ok, type Check } from './answers.js';
import { checkPhone, PHONE_ACCEPTED } from './phone.js';
import { UNIT_CODE } from './schema/codes.js';
import { UNIT_KINDS, type UnitKind } from './schema/vocabulary.js';
import type { NamedUnit } from './unit-choice.js';

/**
 * The answers of 附件2 工作联系表 for a new unit, each checked against the ledger it joins: a code
 * and a name nobody uses, one 区办 only, phones an officer can call. Pure: the ledger's units and
 * folders are parameters.
 */
export interface NewUnitContext {
  units: ReadonlyMap<string, NamedUnit & { kind: UnitKind }>;
  /** Folders already in the ledger, whether or not their unit.yaml is valid. */
  folders: ReadonlySet<string>;
  /** Folder names the ledger keeps for itself (the calendar). */
  reserved: string;
}

export const CODE_RULE = '用 2–20 个小写英文字母或数字、以字母开头，通常取单位简称的拼音首字母，如 zjj、wangying';

/** A new unit's code, in any case (officers type SCJ): kept in lower case. */
export function checkNewUnitCode(label: string, raw: string, context: NewUnitContext): Check<string> {
  const value = raw.trim().toLowerCase();
  if (!UNIT_CODE.test(value)) return bad(`${label}「${raw.trim()}」不合法：${CODE_RULE}`);
  if (value === context.reserved) return bad(`${label}「${value}」是台账中节假日日历目录的名字，不能用作单位代码`);
  const used = context.units.get(value);
  if (used) return bad(`${label}「${value}」已被「${used.name}」使用：每个单位的代码必须不同`);
  if (context.folders.has(value))
    return bad(
      `${label}「${value}」不能使用：台账中已有目录 ${value}/（其 unit.yaml 可能有错误，运行 bbcs validate 查看）`,
    );
  return ok(value);
}

export function checkNewUnitName(label: string, raw: string, context: NewUnitContext): Check<string> {
  const name = checkText(label, raw);
  if (!name.ok) return name;
  const same = [...context.units.values()].find((u) => u.name === name.value);
  return same ? bad(`${label}「${name.value}」已被单位 ${same.code} 使用：每个单位的名称必须不同`) : name;
}

export function checkNewUnitKind(label: string, raw: string, context: NewUnitContext): Check<UnitKind> {
  const value = raw.trim();
  if (!(UNIT_KINDS as readonly string[]).includes(value))
    return bad(`${label}「${value}」不合法：可选 ${UNIT_KINDS.join('、')}`);
  const office = [...context.units.values()].find((u) => u.kind === '区办');
  if (value === '区办' && office)
    return bad(
      `台账中已有区办单位 ${office.code}（${office.name}），只能有一个区办：新单位的类型请选 区直单位 或 镇街`,
    );
  return ok(value as UnitKind);
}

/** A contact's phone on form 2. */
export function checkContactPhone(label: string, raw: string): Check<string> {
  const value = raw.trim();
  if (value === '') return bad(`${label}不能为空：${PHONE_ACCEPTED}`);
  return checkPhone(value).ok ? ok(value) : bad(`${label}「${value}」不是有效的电话号码：${PHONE_ACCEPTED}`);
}
