import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { closestWord, scalarText } from '../text.js';
import { EVENT_NAMES, EVENT_SCHEMAS, EVENT_TYPES, isEventType, type LedgerEvent } from '../schema/events.js';
import { idPrefix } from '../schema/fields.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { ITEM_FIELDS_SCHEMA, type Item } from '../schema/item.js';
import { cleanParser, NOT_CLEAN } from '../schema/clean.js';
import { keysAt } from '../schema/known-keys.js';
import { CHANNELS, type Channel } from '../schema/vocabulary.js';
import { checkHistory } from './history.js';
import type { FilePlace, LedgerContext } from './context.js';

/** A reference from one item to another, checked once the whole ledger is known. */
export interface ItemLink {
  path: (string | number)[];
  id: string;
}

export interface ItemCheck {
  /** The item, when its shape is valid enough to be used by reports and cross-file checks. */
  item?: Item;
  /** The id the file claims, valid or not, so duplicates are found even in broken files. */
  id?: string;
  links: ItemLink[];
  diagnostics: Diagnostic[];
}

function linksOf(raw: Record<string, unknown>, events: readonly LedgerEvent[]): ItemLink[] {
  const links: ItemLink[] = [];
  if (Array.isArray(raw.related)) {
    raw.related.forEach((id, k) => typeof id === 'string' && links.push({ path: ['related', k], id }));
  }
  events.forEach((event, i) => {
    if (event.type === 'restarted' && event.precedent_item)
      links.push({ path: ['events', i, 'precedent_item'], id: event.precedent_item });
  });
  return links;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Quick parses for the clean common case (see schema/clean.ts); zod runs when they decline. */
const CLEAN_FIELDS = cleanParser(ITEM_FIELDS_SCHEMA);
const CLEAN_EVENTS = Object.fromEntries(
  Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [type, cleanParser(schema)]),
) as Record<keyof typeof EVENT_SCHEMAS, (value: unknown) => LedgerEvent | typeof NOT_CLEAN>;

function parseFields(value: Record<string, unknown>) {
  const clean = CLEAN_FIELDS(value);
  if (clean !== NOT_CLEAN) return { success: true as const, data: clean };
  return ITEM_FIELDS_SCHEMA.safeParse(value, { reportInput: true });
}

function parseEvent(raw: unknown, index: number, file: string): { event?: LedgerEvent; diagnostics: Diagnostic[] } {
  const path = ['events', index];
  if (!isRecord(raw)) {
    return {
      diagnostics: [
        diagnostic(
          'invalid-value',
          file,
          path,
          `第 ${index + 1} 个事件应为映射（字段: 值），不是单个值或列表`,
          '每个事件以“- type: 事件类型”开头，下面缩进写 at、by 等字段',
        ),
      ],
    };
  }
  if (raw.type === undefined) {
    return {
      diagnostics: [
        diagnostic(
          'missing-field',
          file,
          path,
          `第 ${index + 1} 个事件缺少事件类型（type）`,
          `可用的事件类型：${EVENT_TYPES.join('、')}`,
        ),
      ],
    };
  }
  if (!isEventType(raw.type)) {
    const suggestion = typeof raw.type === 'string' ? closestWord(raw.type, EVENT_TYPES) : undefined;
    const hint = suggestion
      ? `是不是想写 ${suggestion}（${EVENT_NAMES[suggestion]}）？`
      : `可用的事件类型：${EVENT_TYPES.join('、')}`;
    return {
      diagnostics: [
        diagnostic('unknown-event', file, [...path, 'type'], `未知的事件类型「${scalarText(raw.type)}」`, hint),
      ],
    };
  }
  const clean = CLEAN_EVENTS[raw.type](raw);
  if (clean !== NOT_CLEAN) return { event: clean, diagnostics: [] };
  const schema = EVENT_SCHEMAS[raw.type];
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { event: parsed.data, diagnostics: [] };
  return {
    diagnostics: issuesToDiagnostics(parsed.error.issues, file, path, (p) => keysAt(schema, p.slice(path.length))),
  };
}

function placementProblems(raw: Record<string, unknown>, place: FilePlace): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { id, unit } = raw;
  if (typeof id === 'string' && id !== place.stem) {
    out.push(
      diagnostic(
        'id-mismatch',
        place.file,
        ['id'],
        `工单编号 ${id} 与文件名 ${place.stem}.yaml 不一致`,
        `把文件改名为 ${id}.yaml，或改正工单编号`,
      ),
    );
  }
  if (typeof unit === 'string' && unit !== place.folder) {
    out.push(
      diagnostic(
        'unit-mismatch',
        place.file,
        ['unit'],
        `登记单位 ${unit} 与所在目录 ${place.folder}/ 不一致`,
        `事项文件应放在登记单位的目录 ${unit}/ 下，或改正登记单位`,
      ),
    );
  }
  if (typeof id === 'string' && typeof unit === 'string') {
    const prefix = idPrefix(id);
    if (prefix !== undefined && prefix !== unit.toUpperCase()) {
      out.push(
        diagnostic(
          'id-unit-mismatch',
          place.file,
          ['id'],
          `工单编号 ${id} 的前缀 ${prefix} 与登记单位 ${unit} 不一致`,
          `本单位的工单编号以 ${unit.toUpperCase()}- 开头`,
        ),
      );
    }
  }
  return out;
}

function unitReferenceProblems(
  raw: Record<string, unknown>,
  events: readonly LedgerEvent[],
  file: string,
  ctx: LedgerContext,
): Diagnostic[] {
  const refs: { path: (string | number)[]; code: unknown }[] = [
    { path: ['unit'], code: raw.unit },
    { path: ['responsible_unit'], code: raw.responsible_unit },
  ];
  events.forEach((event, i) => {
    if (event.type === 'decided') refs.push({ path: ['events', i, 'responsible_unit'], code: event.responsible_unit });
    if (event.type === 'met')
      event.participants?.forEach((code, k) => refs.push({ path: ['events', i, 'participants', k], code }));
  });
  const unknown = refs.filter(
    (ref): ref is { path: (string | number)[]; code: string } =>
      typeof ref.code === 'string' && !ctx.units.has(ref.code),
  );
  if (unknown.length === 0) return [];
  const known = [...ctx.units.keys()];
  return unknown.map((ref) => {
    const suggestion = closestWord(ref.code, known);
    const hint = suggestion
      ? `是不是 ${suggestion}（${ctx.units.get(suggestion)?.name}）？`
      : `台账中的单位：${known.join('、') || '（无）'}；新单位须先建立其目录和 unit.yaml`;
    return diagnostic('unknown-unit', file, ref.path, `单位 ${ref.code} 不存在`, hint);
  });
}

/** The codes of the ledger's 区办 units (one in a valid ledger). */
function officeCodes(ctx: LedgerContext): string[] {
  return [...ctx.units.values()].filter((u) => u.kind === '区办').map((u) => u.code);
}

/** Checks one item file's value: its shape, its place in the ledger, and its history. */
export function checkItem(value: unknown, place: FilePlace, ctx: LedgerContext): ItemCheck {
  const { file } = place;
  if (!isRecord(value)) {
    return {
      links: [],
      diagnostics: [
        diagnostic(
          'not-a-map',
          file,
          [],
          '事项文件的顶层应是“字段: 值”的映射',
          '参照同目录下的其他事项文件，从 id: 开始逐行填写字段',
        ),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const fields = parseFields(value);
  if (!fields.success) {
    diagnostics.push(...issuesToDiagnostics(fields.error.issues, file, [], (p) => keysAt(ITEM_FIELDS_SCHEMA, p)));
  }
  const rawEvents = Array.isArray(value.events) ? value.events : [];
  const events: LedgerEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const parsed = parseEvent(raw, index, file);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.event) events.push(parsed.event);
  });
  diagnostics.push(...placementProblems(value, place), ...unitReferenceProblems(value, events, file, ctx));

  const channel =
    typeof value.channel === 'string' && Object.hasOwn(CHANNELS, value.channel)
      ? (value.channel as Channel)
      : undefined;
  const allEventsValid = Array.isArray(value.events) && events.length === rawEvents.length;
  if (allEventsValid) {
    diagnostics.push(
      ...checkHistory(
        { channel, responsibleUnit: value.responsible_unit, events, offices: officeCodes(ctx) },
        file,
        ctx.asOf,
      ),
    );
  }
  const claimed: ItemCheck = { links: linksOf(value, events), diagnostics };
  if (typeof value.id === 'string') claimed.id = value.id;
  if (fields.success && allEventsValid) claimed.item = { ...fields.data, events };
  return claimed;
}
