import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkItem } from '../../src/core/checks/item.js';
import { checkUnit } from '../../src/core/checks/unit.js';
import { EVENT_NAMES, eventFieldOrder, type LedgerEvent } from '../../src/core/schema/events.js';
import { ITEM_FIELD_ORDER, type Item } from '../../src/core/schema/item.js';
import { UNIT_FIELD_ORDER, type Unit } from '../../src/core/schema/unit.js';
import { parseAsOf } from '../../src/core/time.js';
import { formatItem, formatUnit } from '../../src/io/ledger-format.js';

const CHINESE = /[\u4e00-\u9fff]/;

const ZJJ: Unit = {
  code: 'zjj',
  name: '淮阴区住房和城乡建设局',
  kind: '区直单位',
  leader: { name: '张伟', title: '副局长', phone: '0517-80000201' },
  lead_section: { name: '办公室', head: '刘芳', phone: '0517-80000202' },
  contact: { name: '陈静', title: '办公室科员', phone: '13800000201' },
};
const SCJ: Unit = {
  ...ZJJ,
  code: 'scj',
  name: '淮阴区市场监督管理局',
  contact: { name: '王敏', title: '科员', phone: '12345' },
};
const QBB: Unit = { ...ZJJ, code: 'qbb', name: '淮阴区“办不成事”办公室（区委营商办）', kind: '区办' };
const CTX = {
  units: new Map([
    ['zjj', ZJJ],
    ['scj', SCJ],
    ['qbb', QBB],
  ]),
  asOf: parseAsOf('2026-12-31')!,
};

/** An item that uses every field and every event type with every optional field filled. */
const FULL: Item = {
  id: 'ZJJ-2026-0001',
  unit: 'zjj',
  party: { name: '淮安市某某建材有限公司', kind: '企业', phone: '13812345678' },
  title: '建设工程规划许可证核发',
  reason: '项目用地规划条件与现行控制性详细规划不一致，\n需多部门协调调整。\n  其中第二段缩进保留。',
  remark: '当事人多次来访',
  scope: '一',
  channel: '12345',
  responsible_unit: 'zjj',
  related: ['ZJJ-2026-0002', 'SCJ-2026-0010'],
  events: [
    { type: 'registered', at: '2026-03-02T09:30:00+08:00', by: '陈静', note: '窗口受理' },
    { type: 'confirmed', at: '2026-03-02T15:00:00+08:00', by: '陈静', section: '规划科', consent_by: '张伟' },
    { type: 'classified', at: '2026-03-03T10:00:00+08:00', by: '刘芳', class: 2 },
    { type: 'reported', at: '2026-03-03T16:00:00+08:00', by: '刘芳', consent_by: '王建华' },
    {
      type: 'decided',
      at: '2026-03-05T10:00:00+08:00',
      by: '吴晓东',
      unit: 'qbb',
      decision: 1,
      difficulty: '特别复杂',
      responsible_unit: 'zjj',
      opinion: '退回原单位办理',
    },
    { type: 'supervised', at: '2026-03-06T10:00:00+08:00', by: '吴晓东', unit: 'qbb' },
    {
      type: 'feedback',
      at: '2026-03-10T10:00:00+08:00',
      by: '陈静',
      kind: '进展',
      method: '电话',
      content: '已电话告知当事人办理进展',
    },
    {
      type: 'transferred',
      at: '2026-03-11T10:00:00+08:00',
      by: '陈静',
      to: '12345',
      number: '20260311001',
      note: '转 12345 热线',
    },
    { type: 'filed', at: '2026-03-12T09:00:00+08:00', by: '刘芳' },
    { type: 'archived', at: '2026-03-13T10:00:00+08:00', by: '刘芳' },
  ],
};

/** A second item covering the other event types: refused, restarted, internal class 1, met, closed, visited. */
const SECOND: Item = {
  id: 'ZJJ-2026-0003',
  unit: 'zjj',
  party: { name: '王某某', kind: '群众', phone: '0517-84901234 转 123' },
  title: '农村宅基地翻建审批',
  reason: '不符合现行规划',
  scope: '六',
  channel: '窗口',
  events: [
    { type: 'registered', at: '2026-03-02T09:30:00+08:00', by: '陈静' },
    {
      type: 'refused_on_spot',
      at: '2026-03-02T09:40:00+08:00',
      by: '陈静',
      legal_basis: '《中华人民共和国土地管理法》第六十二条',
    },
    {
      type: 'restarted',
      at: '2026-04-01T09:00:00+08:00',
      by: '吴晓东',
      unit: 'qbb',
      basis: '区外先例',
      reference: '清江浦区 2026 年同类事项',
      precedent_item: 'SCJ-2026-0001',
    },
    {
      type: 'decided',
      at: '2026-04-02T09:00:00+08:00',
      by: '吴晓东',
      unit: 'qbb',
      decision: 3,
      opinion: '提请区领导牵头会办',
    },
    {
      type: 'met',
      at: '2026-04-05T09:00:00+08:00',
      by: '吴晓东',
      led_by: '区领导',
      leader: '李副区长',
      participants: ['zjj', 'scj'],
      opinion: '住建局牵头，市场监管局配合',
    },
    {
      type: 'closed',
      at: '2026-04-10T09:00:00+08:00',
      by: '陈静',
      outcome: '不能办理',
      result: '经会办仍不能办理',
      refusal_reason: '现行规划不允许翻建；\n已向当事人解释。',
    },
    {
      type: 'feedback',
      at: '2026-04-10T10:00:00+08:00',
      by: '陈静',
      kind: '结果',
      method: '当面',
      content: '当面告知结果及原因',
    },
    { type: 'filed', at: '2026-04-11T09:00:00+08:00', by: '刘芳' },
    { type: 'visited', at: '2026-04-15T09:00:00+08:00', by: '吴晓东', unit: 'qbb', satisfaction: '基本满意' },
    { type: 'archived', at: '2026-04-16T09:00:00+08:00', by: '刘芳' },
  ],
};

const INTERNAL: Item = {
  id: 'ZJJ-2026-0004',
  unit: 'zjj',
  party: { name: '某某物业公司', kind: '企业', phone: '400-123-4567' },
  title: '物业服务备案',
  reason: '需规划科与物业科协调',
  scope: '二',
  channel: '项目推进',
  events: [
    { type: 'registered', at: '2026-03-02T09:30:00+08:00', by: '陈静' },
    { type: 'confirmed', at: '2026-03-02T10:30:00+08:00', by: '陈静', section: '物业科', consent_by: '张伟' },
    { type: 'classified', at: '2026-03-02T11:30:00+08:00', by: '刘芳', class: 1 },
    { type: 'resolved_internally', at: '2026-03-03T11:30:00+08:00', by: '刘芳', result: '两科室协调后已办理' },
    { type: 'archived', at: '2026-03-04T11:30:00+08:00', by: '刘芳' },
    {
      type: 'typical',
      at: '2026-03-05T09:00:00+08:00',
      by: '吴晓东',
      unit: 'qbb',
      kind: '正面',
      comment: '本单位两科室一天内协调解决',
    },
  ],
};

const ITEMS = [FULL, SECOND, INTERNAL];
const UNITS = [ZJJ, SCJ, QBB];

const placeOf = (item: Item) => ({ file: `${item.unit}/${item.id}.yaml`, folder: item.unit, stem: item.id });

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    ) as T;
  }
  return value;
}

/** Top-level keys and each event's keys reversed; nested maps (party) left as they are. */
function reversedItem(item: Item): Item {
  const reverse = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
  return reverse({ ...item, events: item.events.map(reverse) });
}

/** Top-level keys reversed; nested maps (leader, lead_section, contact) left as they are. */
function reversedUnit(unit: Unit): Unit {
  return Object.fromEntries(Object.entries(unit).reverse()) as Unit;
}

/** Top-level keys in the order they appear in the text. */
function topLevelKeys(text: string): string[] {
  return [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]!);
}

/** The keys of each event, in the order they appear in the text. */
function eventKeys(text: string): string[][] {
  const events: string[][] = [];
  for (const line of text.slice(text.indexOf('\nevents:')).split('\n')) {
    const start = /^ {2}- ([a-z_]+):/.exec(line);
    if (start) events.push([start[1]!]);
    const more = /^ {4}([a-z_]+):/.exec(line);
    if (more) events[events.length - 1]!.push(more[1]!);
  }
  return events;
}

describe('formatItem', () => {
  it.each(ITEMS.map((i) => [i.id, i] as const))('%s parses back to the same data and passes checkItem', (_id, item) => {
    const text = formatItem(item);
    const value: unknown = parse(text);
    expect(value).toEqual(item);
    const result = checkItem(value, placeOf(item), CTX);
    expect(result.diagnostics).toEqual([]);
    expect(result.item).toEqual(item);
  });

  it('formatting twice gives identical bytes, and formatting the parsed output again too', () => {
    for (const item of ITEMS) {
      const once = formatItem(item);
      expect(formatItem(item)).toBe(once);
      expect(formatItem(parse(once) as Item)).toBe(once);
    }
  });

  it('keys are in the fixed order whatever the order of the input object', () => {
    for (const item of ITEMS) {
      const text = formatItem(item);
      expect(formatItem(reversedItem(item))).toBe(text);
      const expectedTop = ITEM_FIELD_ORDER.filter((k) => (item as unknown as Record<string, unknown>)[k] !== undefined);
      expect(topLevelKeys(text)).toEqual(expectedTop);
      const expectedEvents = item.events.map((e) =>
        eventFieldOrder(e.type).filter((k) => (e as unknown as Record<string, unknown>)[k] !== undefined),
      );
      expect(eventKeys(text)).toEqual(expectedEvents);
    }
  });

  it('the fixed order is the form order: id, unit, party, …, events; type, at, by first and note last', () => {
    expect(topLevelKeys(formatItem(FULL))).toEqual([
      'id',
      'unit',
      'party',
      'title',
      'reason',
      'remark',
      'scope',
      'channel',
      'responsible_unit',
      'related',
      'events',
    ]);
    const keys = eventKeys(formatItem(FULL));
    for (const k of keys) expect(k.slice(0, 3)).toEqual(['type', 'at', 'by']);
    expect(keys[0]).toEqual(['type', 'at', 'by', 'note']);
    expect(keys[4]).toEqual(['type', 'at', 'by', 'unit', 'decision', 'difficulty', 'responsible_unit', 'opinion']);
    expect(keys[7]).toEqual(['type', 'at', 'by', 'to', 'number', 'note']);
  });

  it('party keys are in form order whatever the input order', () => {
    const text = formatItem(reversedKeys(FULL));
    const party = text.slice(text.indexOf('party:'), text.indexOf('\ntitle:'));
    expect([...party.matchAll(/^ {2}([a-z_]+):/gm)].map((m) => m[1])).toEqual(['name', 'kind', 'phone']);
  });

  it('every line with a field carries a Chinese comment', () => {
    for (const item of ITEMS) {
      const lines = formatItem(item).split('\n');
      const fieldLines = lines.filter((line) => /^\s*(- )?[a-z_]+:/.test(line));
      expect(fieldLines.length).toBeGreaterThan(10);
      for (const line of fieldLines) {
        expect(line, `${item.id}: ${line}`).toMatch(/ # [^#]*[\u4e00-\u9fff]/);
      }
    }
  });

  it('the precedent_item line of a restart carries a Chinese comment', () => {
    const line = formatItem(SECOND)
      .split('\n')
      .find((l) => l.includes('precedent_item:'));
    expect(line).toMatch(/ # [^#]*[\u4e00-\u9fff]/);
  });

  it('within one event no two fields carry the same comment (decision vs opinion)', () => {
    for (const item of ITEMS) {
      const text = formatItem(item);
      for (const block of text.slice(text.indexOf('\nevents:')).split('\n  - ').slice(1)) {
        const comments = [...block.matchAll(/ # (.*)$/gm)].map((m) => m[1]);
        expect(new Set(comments).size, block).toBe(comments.length);
      }
    }
  });

  it('starts with a Chinese title comment', () => {
    expect(formatItem(FULL).split('\n')[0]).toMatch(/^# .*事项登记表/);
  });

  it('each event type is commented with its Chinese name', () => {
    for (const item of ITEMS) {
      const text = formatItem(item);
      for (const event of item.events) {
        expect(text).toContain(`- type: ${event.type} # ${EVENT_NAMES[event.type]}\n`);
      }
    }
  });

  it('the registered event carries 受理时间 and 受理人员; other events 时间 and 经办人', () => {
    const text = formatItem(FULL);
    expect(text).toContain(
      '  - type: registered # 登记\n    at: 2026-03-02T09:30:00+08:00 # 受理时间\n    by: 陈静 # 受理人员\n',
    );
    expect(text).toContain(
      '  - type: confirmed # 科室确认暂时无法办理\n    at: 2026-03-02T15:00:00+08:00 # 时间\n    by: 陈静 # 经办人\n',
    );
  });

  it('strings that YAML would read as numbers are quoted', () => {
    const text = formatItem(FULL);
    expect(text).toContain('phone: "13812345678"');
    expect(text).toContain('channel: "12345"');
    expect(text).toContain('to: "12345"');
    expect(text).toContain('number: "20260311001"');
    const value = parse(text) as Item;
    expect(typeof value.party.phone).toBe('string');
    expect(value.channel).toBe('12345');
  });

  it('other strings that YAML would not read as text are quoted too', () => {
    const tricky: Item = {
      ...INTERNAL,
      party: { ...INTERNAL.party, name: 'true' },
      title: '0x1F',
      reason: 'null',
      remark: '1e3',
    };
    const value: unknown = parse(formatItem(tricky));
    expect(value).toEqual(tricky);
  });

  it('numbers stay numbers: class and decision', () => {
    const text = formatItem(FULL);
    expect(text).toMatch(/^ {4}class: 2 # /m);
    expect(text).toMatch(/^ {4}decision: 1 # /m);
  });

  it('a multi-line reason is written as a block scalar and survives the round trip', () => {
    const text = formatItem(FULL);
    expect(text).toMatch(/^reason: \|[-+]? # “办不成事”原因\n {2}项目用地/m);
    expect((parse(text) as Item).reason).toBe(FULL.reason);
    const refusal = formatItem(SECOND);
    expect(refusal).toMatch(/refusal_reason: \|[-+]? # /);
    expect((parse(refusal) as Item).events[5]).toEqual(SECOND.events[5]);
  });

  it('a long line is not folded', () => {
    const long: Item = { ...INTERNAL, title: '关于'.repeat(80) + '的事项' };
    const text = formatItem(long);
    expect(text).toContain(`title: ${long.title} # `);
  });

  it('optional fields left out are not written', () => {
    const text = formatItem(INTERNAL);
    expect(text).not.toMatch(/^remark:/m);
    expect(text).not.toMatch(/^responsible_unit:/m);
    expect(text).not.toMatch(/^related:/m);
    expect(text).not.toContain('note:');
    expect(text).not.toContain('undefined');
  });

  it('explicitly undefined optional fields are not written either', () => {
    const withUndefined = {
      ...INTERNAL,
      remark: undefined,
      events: INTERNAL.events.map((e) => ({ ...e, note: undefined })),
    } as unknown as Item;
    expect(formatItem(withUndefined)).toBe(formatItem(INTERNAL));
  });

  it('the output ends with exactly one newline and contains no tabs', () => {
    for (const item of ITEMS) {
      const text = formatItem(item);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(text).not.toContain('\t');
    }
  });

  it('lists are indented under their key', () => {
    const text = formatItem(FULL);
    expect(text).toContain('related: # 关联事项\n  - ZJJ-2026-0002\n  - SCJ-2026-0010\n');
    expect(text).toMatch(/\nevents: # 处理过程\n {2}- type: registered/);
    expect(formatItem(SECOND)).toContain('    participants: # 参加单位\n      - zjj\n      - scj\n');
  });

  it('a written event appended to a history gives the same file as writing it with the event', () => {
    const shorter = { ...SECOND, events: SECOND.events.slice(0, -1) };
    const before = formatItem(shorter);
    const after = formatItem(SECOND);
    expect(after.startsWith(before)).toBe(true);
    const added = after.slice(before.length);
    expect(added).toBe('  - type: archived # 归档\n    at: 2026-04-16T09:00:00+08:00 # 时间\n    by: 刘芳 # 经办人\n');
  });
});

describe('formatUnit', () => {
  it.each(UNITS.map((u) => [u.code, u] as const))(
    '%s parses back to the same data and passes checkUnit',
    (_code, unit) => {
      const text = formatUnit(unit);
      const value: unknown = parse(text);
      expect(value).toEqual(unit);
      const result = checkUnit(value, { file: `${unit.code}/unit.yaml`, folder: unit.code, stem: 'unit' });
      expect(result.diagnostics).toEqual([]);
      expect(result.unit).toEqual(unit);
    },
  );

  it('formatting twice gives identical bytes; key order is fixed', () => {
    for (const unit of UNITS) {
      const text = formatUnit(unit);
      expect(formatUnit(unit)).toBe(text);
      expect(formatUnit(reversedUnit(unit))).toBe(text);
      expect(formatUnit(parse(text) as Unit)).toBe(text);
      expect(topLevelKeys(text)).toEqual(UNIT_FIELD_ORDER.filter((k) => k in unit)); // maintainers is optional
    }
  });

  it('nested keys are in form order whatever the input order', () => {
    const text = formatUnit(reversedKeys(ZJJ));
    expect([...text.matchAll(/^ {2}([a-z_]+):/gm)].map((m) => m[1])).toEqual([
      'name',
      'title',
      'phone',
      'name',
      'head',
      'phone',
      'name',
      'title',
      'phone',
    ]);
  });

  it('every line with a field carries a Chinese comment', () => {
    for (const unit of UNITS) {
      const fieldLines = formatUnit(unit)
        .split('\n')
        .filter((line) => /^\s*[a-z_]+:/.test(line));
      expect(fieldLines).toHaveLength(15);
      for (const line of fieldLines) expect(line).toMatch(/ # [^#]*[\u4e00-\u9fff]/);
    }
  });

  it('writes the same text as the demo ledger for the same data', () => {
    expect(formatUnit(ZJJ)).toBe(`# 单位及“办不成事”工作联系表（附件2）

code: zjj # 单位代码
name: 淮阴区住房和城乡建设局 # 单位名称
kind: 区直单位 # 单位类型（区直单位/镇街/区办）
leader: # 分管领导
  name: 张伟 # 分管领导姓名
  title: 副局长 # 分管领导职务
  phone: 0517-80000201 # 分管领导联系电话
lead_section: # 牵头科室
  name: 办公室 # 牵头科室名称
  head: 刘芳 # 牵头科室负责人
  phone: 0517-80000202 # 牵头科室联系电话
contact: # 联系人
  name: 陈静 # 联系人姓名
  title: 办公室科员 # 联系人职务
  phone: "13800000201" # 联系人联系电话
`);
  });

  it('a service number that looks like a number is quoted', () => {
    expect(formatUnit(SCJ)).toContain('  phone: "12345" # 联系人联系电话\n');
  });

  it('all comments are Chinese labels', () => {
    for (const [, comment] of formatUnit(ZJJ).matchAll(/ # (.*)$/gm)) expect(comment).toMatch(CHINESE);
  });
});

describe('events of every type are written', () => {
  it('the three items together use every event type', () => {
    const used = new Set(ITEMS.flatMap((i) => i.events.map((e: LedgerEvent) => e.type)));
    expect([...used].sort()).toEqual(Object.keys(EVENT_NAMES).sort());
  });
});
