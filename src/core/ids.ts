import { ITEM_ID } from './schema/fields.js';
import { chinaDate } from './time.js';

/**
 * 工单编号: `<单位代码大写>-<年份>-<序号>`, e.g. `ZJJ-2026-0008`. The year is the year of 受理时间
 * in China time; the sequence counts up per unit and year from 1, written with at least four
 * digits. A number once used is never given again, so allocation takes every number ever seen
 * (files in the ledger, ids claimed inside files, files in Git history) and goes one past the
 * highest for that unit and year: a gap left by a removed file stays a gap.
 *
 * Two clones can still pick the same next number at the same moment; that is detected when they
 * meet (an add/add merge conflict on `<unit>/<id>.yaml`, or validate's duplicate-id) and fixed by
 * `bbcs renumber`, which uses these same helpers.
 */

export interface ParsedId {
  /** The unit code in capitals, as written in the id. */
  prefix: string;
  year: number;
  seq: number;
}

/** The largest sequence the id format allows (six digits). */
export const MAX_SEQ = 999_999;

export function parseItemId(id: string): ParsedId | undefined {
  const m = ITEM_ID.exec(id);
  if (!m) return undefined;
  return { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
}

export function formatItemId(unit: string, year: number, seq: number): string {
  return `${unit.toUpperCase()}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The year an item registered at this instant is numbered in: the China-time year. */
export function idYear(epochMs: number): number {
  return Number(chinaDate(epochMs).slice(0, 4));
}

/** The highest sequence used for this unit and year among `used` (0 when none). */
export function highestSeq(used: Iterable<string>, unit: string, year: number): number {
  const prefix = unit.toUpperCase();
  let highest = 0;
  for (const id of used) {
    const parsed = parseItemId(id.toUpperCase());
    if (parsed && parsed.prefix === prefix && parsed.year === year && parsed.seq > highest) highest = parsed.seq;
  }
  return highest;
}

export class IdsExhausted extends Error {}

/**
 * The next `count` ids for a unit and year, each one past the highest ever used. Throws
 * IdsExhausted past six digits (a million items of one unit in one year is a data error).
 */
export function allocateIds(used: Iterable<string>, unit: string, year: number, count = 1): string[] {
  const start = highestSeq(used, unit, year) + 1;
  if (start + count - 1 > MAX_SEQ) throw new IdsExhausted(`${unit.toUpperCase()}-${year} 的序号已用到 ${MAX_SEQ}`);
  return Array.from({ length: count }, (_, i) => formatItemId(unit, year, start + i));
}

export function nextItemId(used: Iterable<string>, unit: string, year: number): string {
  return allocateIds(used, unit, year, 1)[0]!;
}

/**
 * The ids a path in the ledger or in Git history speaks for: a file named like an item
 * (`zjj/ZJJ-2026-0008.yaml`, also `ledger/zjj/...` or with a conflict suffix git gives it,
 * such as `ZJJ-2026-0008.yaml~HEAD`). Case is kept: only exact ids count.
 */
export function idsInPath(file: string): string[] {
  const base = file.split(/[\\/]/).pop() ?? '';
  const m = /^([A-Z][A-Z0-9]{1,19}-\d{4}-\d{4,6})\.yaml(?:~.*)?$/.exec(base);
  return m ? [m[1]!] : [];
}

/**
 * The `id:` a file's text claims at top level, read without parsing YAML so that even a file
 * with conflict markers or syntax errors still reserves its number.
 */
export function idsInText(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^id:[ \t]*["']?([A-Za-z][A-Za-z0-9]{1,19}-\d{4}-\d{4,6})["']?[ \t]*(?:#.*)?$/gm))
    out.add(m[1]!);
  return [...out];
}

/**
 * The note put on an item whose number was changed: the old number stays on the record (and on
 * the printed form, as 备注), so a party who was told it can still be found.
 */
export function renumberRemark(oldId: string, newId: string, date: string, existing?: string): string {
  const note = `原工单编号 ${oldId}（与另一事项重号，${date} 改为 ${newId}）`;
  return existing ? `${existing}；${note}` : note;
}

export type Side = 'ours' | 'theirs';

/**
 * Which of two items registered under the same number keeps it. A number already in the shared
 * repository may have been seen by others (the 区办, a report, a link from another item), so the
 * published one keeps it and the one only in this clone is renumbered. When both or neither are
 * published, "ours" (the current branch) keeps it, unless the officer chose.
 */
export function chooseKept(
  published: { ours: boolean; theirs: boolean },
  requested?: Side,
): { keep: Side; why: string } {
  if (requested) return { keep: requested, why: `按 --keep ${requested} 的要求` };
  if (published.theirs && !published.ours) return { keep: 'theirs', why: '这一方已在共享仓库中' };
  if (published.ours && !published.theirs) return { keep: 'ours', why: '这一方已在共享仓库中' };
  return { keep: 'ours', why: '无法判断哪一方已推送到共享仓库，保留当前分支（ours）的' };
}
