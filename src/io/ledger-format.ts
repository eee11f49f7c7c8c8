import { Document, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { EVENT_NAMES, eventFieldOrder, type LedgerEvent } from '../core/schema/events.js';
import { ITEM_FIELD_ORDER, ITEM_FIELDS_SCHEMA, type Item } from '../core/schema/item.js';
import { keysAt } from '../core/schema/known-keys.js';
import { EVENT_COMMENT_LABELS, fieldLabel } from '../core/schema/labels.js';
import { UNIT_FIELD_ORDER, UNIT_SCHEMA, type Unit } from '../core/schema/unit.js';

/**
 * The one way ledger files are written: fixed key order, Chinese labels as comments, no line
 * folding. Writing the same data twice gives the same bytes, so a diff in review shows only
 * what really changed.
 */

type Plain = Record<string, unknown>;

/** Keys in the given order, maps inside in their schema's order, whatever order they came in. */
function ordered(value: Plain, order: readonly string[], nested: (key: string) => readonly string[]): Plain {
  const out: Plain = {};
  for (const key of order) {
    const inner = value[key];
    if (inner === undefined) continue;
    const innerOrder = nested(key);
    out[key] =
      innerOrder.length > 0 && typeof inner === 'object' && inner !== null && !Array.isArray(inner)
        ? ordered(inner as Plain, innerOrder, () => [])
        : inner;
  }
  return out;
}

function labelPairs(map: YAMLMap, path: string[]): void {
  for (const pair of map.items as Pair<Node, Node>[]) {
    if (!isScalar(pair.key)) continue;
    const keyPath = [...path, String(pair.key.value)];
    const label = fieldLabel(keyPath);
    const value = pair.value;
    if (isMap(value)) {
      if (label) pair.key.comment = ` ${label}`;
      labelPairs(value, keyPath);
    } else if (isSeq(value)) {
      if (label) pair.key.comment = ` ${label}`;
    } else if (value && label) {
      value.comment = ` ${label}`;
    }
  }
}

function labelEvent(map: YAMLMap, event: LedgerEvent): void {
  labelPairs(map, ['events']);
  const own = { type: EVENT_NAMES[event.type], ...EVENT_COMMENT_LABELS[event.type] };
  for (const pair of map.items as Pair<Node, Node>[]) {
    const label = isScalar(pair.key) ? own[String(pair.key.value) as keyof typeof own] : undefined;
    if (label && isScalar(pair.value)) pair.value.comment = ` ${label}`;
  }
}

function render(doc: Document, title: string): string {
  doc.commentBefore = ` ${title}`;
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true });
}

export function formatItem(item: Item): string {
  const events = item.events.map((e) => ordered(e as unknown as Plain, eventFieldOrder(e.type), () => []));
  const doc = new Document(ordered({ ...item, events }, ITEM_FIELD_ORDER, (key) => keysAt(ITEM_FIELDS_SCHEMA, [key])));
  const root = doc.contents as YAMLMap;
  labelPairs(root, []);
  const eventsNode = root.get('events', true);
  if (isSeq(eventsNode)) {
    eventsNode.items.forEach((node, i) => {
      if (isMap(node)) labelEvent(node, item.events[i]!);
    });
  }
  return render(doc, '“办不成事”事项（附件3 事项登记表及处理过程）。事件只追加，不修改、不删除。');
}

export function formatUnit(unit: Unit): string {
  const doc = new Document(ordered(unit, UNIT_FIELD_ORDER, (key) => keysAt(UNIT_SCHEMA, [key])));
  labelPairs(doc.contents as YAMLMap, []);
  return render(doc, '单位及“办不成事”工作联系表（附件2）');
}
