import { describeTimeProblem, parseEnteredTime } from './time-input.js';
import { formatChinaMinute, formatChinaTimestamp, parseTimestamp } from './time.js';
import { unknownUnitMessage, type NamedUnit } from './unit-choice.js';

/**
 * An answer as a person gives it (a flag, a prompt, a prepared file) checked on its own: the
 * value it stands for, or one Chinese sentence that names the field by its label and says what
 * is accepted. Every form of the program (登记, 单位, each step) checks through these, so the
 * same mistake reads the same everywhere. Pure: "now" and the ledger's facts are parameters.
 */
export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });
export const bad = <T>(message: string): Check<T> => ({ ok: false, message });

export function checkText(label: string, value: string): Check<string> {
  const trimmed = value.trim();
  return trimmed === '' ? bad(`${label}不能为空`) : ok(trimmed);
}

export function checkChoice<T extends string>(label: string, values: readonly T[], value: string): Check<T> {
  const trimmed = value.trim();
  if (trimmed === '') return bad(`${label}不能为空`);
  return (values as readonly string[]).includes(trimmed)
    ? ok(trimmed as T)
    : bad(`${label}「${trimmed}」不在可选范围内：可选 ${values.join('、')}`);
}

/** One of the numbered categories of the 管理办法 (研判分类, 办理意见), stored as a number. */
export function checkNumbered(label: string, meanings: Readonly<Record<number, string>>, value: string): Check<number> {
  const trimmed = value.trim();
  if (trimmed === '') return bad(`${label}不能为空`);
  const n = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Object.hasOwn(meanings, n)) return ok(n);
  const accepted = Object.entries(meanings)
    .map(([k, m]) => `${k}（${m}）`)
    .join('、');
  return bad(`${label}「${trimmed}」不在可选范围内：可选 ${accepted}`);
}

/** A unit of the ledger by its code, in any case: officers type ZJJ as often as zjj. */
export function checkUnitCode(label: string, value: string, units: ReadonlyMap<string, NamedUnit>): Check<string> {
  const code = value.trim().toLowerCase();
  if (code === '') return bad(`${label}不能为空`);
  return units.has(code) ? ok(code) : bad(unknownUnitMessage(value.trim(), units.values()));
}

/** Units of the ledger, separated by commas, 顿号 or spaces; each once. */
export function checkUnitCodes(label: string, value: string, units: ReadonlyMap<string, NamedUnit>): Check<string[]> {
  const codes: string[] = [];
  for (const part of value.split(/[,，、\s]+/).filter(Boolean)) {
    const one = checkUnitCode(label, part, units);
    if (!one.ok) return one;
    if (!codes.includes(one.value)) codes.push(one.value);
  }
  return codes.length > 0 ? ok(codes) : bad(`${label}不能为空`);
}

/** The 工单编号 of another item of the ledger, in any case. */
export function checkOtherItem(label: string, value: string, itemIds: readonly string[], self: string): Check<string> {
  const trimmed = value.trim();
  if (trimmed === '') return bad(`${label}不能为空`);
  const id = itemIds.find((i) => i.toLowerCase() === trimmed.toLowerCase());
  if (id === undefined) return bad(`${label}「${trimmed}」不是台账中的工单编号`);
  return id === self ? bad(`${label}不能是本事项自己`) : ok(id);
}

export interface CheckedTime {
  epochMs: number;
  /** As the ledger stores it: ISO 8601 with +08:00. */
  iso: string;
}

/**
 * When a step happened: a time as officers type it, not after `now` (a step is recorded after
 * it happened) and not before the item's last event (events are recorded in the order they
 * happened), each refused with one sentence.
 */
export function checkStepTime(
  label: string,
  value: string,
  now: number,
  last?: { name: string; at: string },
): Check<CheckedTime> {
  const trimmed = value.trim();
  if (trimmed === '') return bad(`${label}不能为空`);
  const parsed = parseEnteredTime(trimmed, now);
  if (!parsed.ok) return bad(`${label}${describeTimeProblem(trimmed, parsed.problem)}`);
  // The prompt offers now to the minute; that minute, typed or accepted, means now itself, so a
  // step taken right after another one is not refused as earlier than it.
  const epochMs = sameMinute(parsed.epochMs, now) ? now : parsed.epochMs;
  if (epochMs > now) {
    return bad(
      `${label} ${formatChinaMinute(epochMs)} 晚于当前时间 ${formatChinaMinute(now)}（北京时间）：不能预先记录尚未发生的步骤`,
    );
  }
  const lastAt = last ? parseTimestamp(last.at) : undefined;
  if (last && lastAt?.ok && epochMs < lastAt.epochMs) {
    return bad(
      `${label} ${formatChinaMinute(epochMs)} 早于该事项上一个事件“${last.name}”的时间 ${formatChinaMinute(lastAt.epochMs)}：事件按发生先后记录`,
    );
  }
  return ok({ epochMs, iso: formatChinaTimestamp(epochMs) });
}

/** A time typed to the minute (no seconds) within the current minute. */
function sameMinute(typed: number, now: number): boolean {
  return typed % 60_000 === 0 && Math.floor(typed / 60_000) === Math.floor(now / 60_000);
}
