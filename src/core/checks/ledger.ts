import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Unit } from '../schema/unit.js';
import type { ItemLink } from './item.js';

export interface CheckedUnit {
  file: string;
  unit: Unit;
}

/**
 * What the whole-ledger checks need of the item files, in columns (index i is one file): a large
 * ledger then makes no object per file for them.
 */
export interface ItemIdentities {
  files: readonly string[];
  /** The id each file holds, if it has a usable one. */
  ids: readonly (string | undefined)[];
  /** The links of the files that have any, by index. */
  links: ReadonlyMap<number, readonly ItemLink[]>;
}

function officeProblems(units: readonly CheckedUnit[]): Diagnostic[] {
  const offices = units.filter((u) => u.unit.kind === '区办');
  if (offices.length === 1 || units.length === 0) return [];
  if (offices.length === 0) {
    return [
      diagnostic(
        'office-count',
        units[0]!.file,
        ['kind'],
        '台账中没有类型为“区办”的单位',
        '区“办不成事”办公室须作为一个单位登记，其 unit.yaml 中 kind: 区办',
      ),
    ];
  }
  return offices
    .slice(1)
    .map((u) =>
      diagnostic(
        'office-count',
        u.file,
        ['kind'],
        `台账中有 ${offices.length} 个区办单位，只能有一个`,
        `区办已在 ${offices[0]!.file} 中登记；把此单位的 kind 改为 区直单位 或 镇街`,
      ),
    );
}

interface IdSets {
  known: Set<string>;
  /** Ids held by more than one file: on a large ledger nearly always none. */
  duplicated: Set<string>;
}

/** One hash operation per file: a Set that does not grow was already holding the id. */
function idSets(items: ItemIdentities): IdSets {
  const known = new Set<string>();
  const duplicated = new Set<string>();
  for (const id of items.ids) {
    if (id === undefined) continue;
    const before = known.size;
    known.add(id);
    if (known.size === before) duplicated.add(id);
  }
  return { known, duplicated };
}

function duplicateProblems(items: ItemIdentities, duplicated: ReadonlySet<string>): Diagnostic[] {
  if (duplicated.size === 0) return [];
  const byId = new Map<string, string[]>();
  items.ids.forEach((id, i) => {
    if (id === undefined || !duplicated.has(id)) return;
    const holders = byId.get(id);
    if (holders) holders.push(items.files[i]!);
    else byId.set(id, [items.files[i]!]);
  });
  const out: Diagnostic[] = [];
  for (const [id, holders] of byId) {
    holders.forEach((holder, h) => {
      const others = holders.filter((_, o) => o !== h).join('、');
      out.push(
        diagnostic(
          'duplicate-id',
          holder,
          ['id'],
          `工单编号 ${id} 重复，也出现在 ${others}`,
          '工单编号在全台账唯一且永不复用；为后登记的事项另取一个新的编号并改名文件',
        ),
      );
    });
  }
  return out;
}

function linkProblems(items: ItemIdentities, ids: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [i, links] of items.links) {
    for (const link of links) {
      if (!ids.has(link.id))
        out.push(
          diagnostic(
            'broken-link',
            items.files[i]!,
            link.path,
            `关联的事项 ${link.id} 在台账中不存在`,
            '核对工单编号；台账中的事项不会被删除，编号写错是最常见的原因',
          ),
        );
    }
  }
  return out;
}

/** Checks that need the whole ledger: one 区办, unique ids, links that resolve. */
export function checkLedger(units: readonly CheckedUnit[], items: ItemIdentities): Diagnostic[] {
  const { known, duplicated } = idSets(items);
  return [...officeProblems(units), ...duplicateProblems(items, duplicated), ...linkProblems(items, known)];
}
