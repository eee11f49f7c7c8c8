import type { Item } from '../schema/item.js';
import type { Unit } from '../schema/unit.js';
import { CHANNELS, CLASSES, SCOPES, type Channel, type ItemClass, type Scope } from '../schema/vocabulary.js';
import { isCivilDate, parseTimestamp, startOfChinaDay } from '../time.js';
import { derive } from '../workflow/derive.js';
import { STATE_NAMES, STATES, type State } from '../workflow/states.js';
import { unknownUnitMessage } from '../unit-choice.js';

/**
 * `bbcs list` as a model: every item with what the list shows of it (state derived from the
 * events, 受理时间 from the registration), and the filters an officer types, read from their
 * words into values. Pure: the command only prints.
 */

export interface ListRow {
  item: Item;
  state: State;
  itemClass?: ItemClass;
  /** The unit that handles the matter now: the 区办's decision, else the item's own field. */
  responsibleUnit?: string;
  /** 受理时间 and 受理人员: the registration step. */
  registeredAt?: number;
  registeredBy?: string;
}

export interface ListFilter {
  /** Items this unit registered or is responsible for. */
  units?: readonly string[];
  states?: readonly State[];
  scopes?: readonly Scope[];
  classes?: readonly ItemClass[];
  /** 受理时间 from this instant on (inclusive) … */
  from?: number;
  /** … and before this instant (exclusive). */
  to?: number;
  /** Case-insensitive substring of the title, reason, party name or remark. */
  text?: string;
  channels?: readonly Channel[];
}

export function listRow(item: Item): ListRow {
  const { situation } = derive(item.channel, item.events);
  const registration = item.events.find((e) => e.type === 'registered') ?? item.events[0];
  const parsed = registration ? parseTimestamp(registration.at) : undefined;
  const row: ListRow = { item, state: situation.state };
  if (situation.itemClass !== undefined) row.itemClass = situation.itemClass;
  const responsible = situation.responsibleUnit ?? item.responsible_unit;
  if (responsible !== undefined) row.responsibleUnit = responsible;
  if (parsed?.ok) row.registeredAt = parsed.epochMs;
  if (registration) row.registeredBy = registration.by;
  return row;
}

export function matchesFilter(row: ListRow, filter: ListFilter): boolean {
  const { item } = row;
  if (filter.units && !filter.units.some((u) => u === item.unit || u === row.responsibleUnit)) return false;
  if (filter.states && !filter.states.includes(row.state)) return false;
  if (filter.scopes && !filter.scopes.includes(item.scope)) return false;
  if (filter.classes && (row.itemClass === undefined || !filter.classes.includes(row.itemClass))) return false;
  if (filter.channels && !filter.channels.includes(item.channel)) return false;
  if (filter.from !== undefined && (row.registeredAt === undefined || row.registeredAt < filter.from)) return false;
  if (filter.to !== undefined && (row.registeredAt === undefined || row.registeredAt >= filter.to)) return false;
  if (filter.text !== undefined && filter.text !== '') {
    const needle = filter.text.toLowerCase();
    const haystack = [item.title, item.reason, item.party.name, item.remark ?? ''];
    if (!haystack.some((field) => field.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/** The items that pass the filter, in the order they were registered (then by id). */
export function listItems(items: Iterable<Item>, filter: ListFilter = {}): ListRow[] {
  const rows = [...items].map(listRow).filter((row) => matchesFilter(row, filter));
  return rows.sort(
    (a, b) =>
      (a.registeredAt ?? 0) - (b.registeredAt ?? 0) || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  );
}

/** What the officer typed, before it is understood. Several values may be given as `a,b` or `a、b`. */
export interface ListQueryText {
  unit?: string;
  state?: string;
  scope?: string;
  class?: string;
  from?: string;
  to?: string;
  text?: string;
  channel?: string;
}

export type QueryResult = { ok: true; filter: ListFilter } | { ok: false; message: string };

const split = (text: string): string[] =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const ARABIC_SCOPES: Record<string, Scope> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六' };

class QueryProblem extends Error {}

function each<T>(text: string | undefined, read: (value: string) => T): T[] | undefined {
  if (text === undefined) return undefined;
  const values = split(text);
  if (values.length === 0) throw new QueryProblem('筛选条件不能为空：请写出要筛选的值，或去掉该选项');
  return [...new Set(values.map(read))];
}

function readDate(flag: string, text: string): number {
  if (isCivilDate(text)) return startOfChinaDay(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text))
    throw new QueryProblem(`${flag} 的值「${text}」不是存在的日期：请检查月份和日期，如 2026-02-28`);
  throw new QueryProblem(`${flag} 的值「${text}」不是有效的日期：应写作 2026-03-01 这样的北京时间日期`);
}

/** Reads the filter options of `bbcs list`; an unknown unit, state or date is one Chinese sentence. */
export function parseListQuery(query: ListQueryText, units: ReadonlyMap<string, Unit>): QueryResult {
  try {
    const filter: ListFilter = {};
    const unitList = each(query.unit, (value) => {
      const code = value.toLowerCase();
      if (units.has(code)) return code;
      const byName = [...units.values()].find((u) => u.name === value);
      if (byName) return byName.code;
      throw new QueryProblem(unknownUnitMessage(value, units.values()));
    });
    if (unitList) filter.units = unitList;
    const states = each(query.state, (value) => {
      const byCode = STATES.find((s) => s === value.toLowerCase());
      const byName = STATES.find((s) => STATE_NAMES[s] === value);
      const state = byCode ?? byName;
      if (state) return state;
      throw new QueryProblem(
        `状态「${value}」不存在：可写状态代码或名称，如 handling 或 办理中；全部状态：${STATES.filter(
          (s) => s !== 'unregistered',
        )
          .map((s) => `${s} ${STATE_NAMES[s]}`)
          .join('、')}`,
      );
    });
    if (states) filter.states = states;
    const scopes = each(query.scope, (value) => {
      const scope = Object.hasOwn(SCOPES, value) ? (value as Scope) : ARABIC_SCOPES[value];
      if (scope) return scope;
      throw new QueryProblem(`适用范围「${value}」不合法：应为第三条的 一 至 六（也可写 1–6）`);
    });
    if (scopes) filter.scopes = scopes;
    const classes = each(query.class, (value) => {
      if (/^[1-4]$/.test(value)) return Number(value) as ItemClass;
      throw new QueryProblem(
        `分类「${value}」不合法：应为 1–4（${Object.entries(CLASSES)
          .map(([k, v]) => `${k} ${v}`)
          .join('、')}）`,
      );
    });
    if (classes) filter.classes = classes;
    const channels = each(query.channel, (value) => {
      if (Object.hasOwn(CHANNELS, value)) return value as Channel;
      throw new QueryProblem(`来源渠道「${value}」不合法：可选 ${Object.keys(CHANNELS).join('、')}`);
    });
    if (channels) filter.channels = channels;
    if (query.from !== undefined) filter.from = readDate('--from', query.from.trim());
    if (query.to !== undefined) filter.to = readDate('--to', query.to.trim()) + 24 * 3600_000;
    if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
      throw new QueryProblem(`--from ${query.from} 晚于 --to ${query.to}：起始日期不能晚于截止日期`);
    }
    if (query.text !== undefined && query.text.trim() !== '') filter.text = query.text.trim();
    return { ok: true, filter };
  } catch (error) {
    if (error instanceof QueryProblem) return { ok: false, message: error.message };
    throw error;
  }
}
