import { describe, expect, it } from 'vitest';
import { listItems, listRow, parseListQuery, type ListFilter } from '../../src/core/reports/list.js';
import type { LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { startOfChinaDay } from '../../src/core/time.js';

const person = { name: '某', title: '科员', phone: '13800000000' };
const unit = (code: string, name: string, kind: Unit['kind'] = '区直单位'): [string, Unit] => [
  code,
  { code, name, kind, leader: person, lead_section: { name: '科', head: '某', phone: '13800000000' }, contact: person },
];
const UNITS = new Map([unit('qbb', '区办', '区办'), unit('zjj', '区住建局'), unit('wangying', '王营街道', '镇街')]);

function item(id: string, events: Partial<LedgerEvent>[], extra: Partial<Item> = {}): Item {
  return {
    id,
    unit: id.split('-')[0]!.toLowerCase(),
    party: { name: '淮安某公司', kind: '企业', phone: '0517-80000000' },
    title: '测试事项',
    reason: '测试原因',
    scope: '一',
    channel: '窗口',
    events: events.map((e) => ({ by: '测试', ...e }) as LedgerEvent),
    ...extra,
  };
}

const registered = (at: string) => ({ type: 'registered', at }) as Partial<LedgerEvent>;
const triaged = (at: string, cls: 1 | 2 | 3 | 4) =>
  [
    { type: 'confirmed', at, section: '科', consent_by: '领导' },
    { type: 'classified', at, class: cls },
  ] as Partial<LedgerEvent>[];

const ITEMS = [
  item('ZJJ-2026-0002', [registered('2026-03-10T09:00:00+08:00'), ...triaged('2026-03-10T10:00:00+08:00', 2)], {
    title: '加装电梯审批',
    scope: '二',
  }),
  item('ZJJ-2026-0001', [registered('2026-03-01T00:00:00+08:00')], {
    party: { name: '张三', kind: '群众', phone: '13900001111' },
    remark: '与物业问题有关',
  }),
  item('WANGYING-2026-0001', [registered('2026-03-31T23:59:00+08:00'), ...triaged('2026-04-01T09:00:00+08:00', 1)], {
    channel: '12345',
    reason: '小区积水',
  }),
  item('QBB-2026-0001', [registered('2026-04-01T08:00:00+08:00')], {
    channel: '区办收集',
    responsible_unit: 'zjj',
    scope: '三',
  }),
];

function ids(filter: ListFilter): string[] {
  return listItems(ITEMS, filter).map((r) => r.item.id);
}

function query(text: Parameters<typeof parseListQuery>[0]): ListFilter {
  const result = parseListQuery(text, UNITS);
  if (!result.ok) throw new Error(result.message);
  return result.filter;
}

function problem(text: Parameters<typeof parseListQuery>[0]): string {
  const result = parseListQuery(text, UNITS);
  if (result.ok) throw new Error('expected a problem');
  return result.message;
}

describe('list rows', () => {
  it('derive state, class, responsible unit and 受理时间 from the events', () => {
    const row = listRow(ITEMS[0]!);
    expect(row).toMatchObject({
      state: 'to_report',
      itemClass: 2,
      registeredBy: '测试',
      registeredAt: Date.parse('2026-03-10T01:00:00Z'),
    });
    expect(listRow(ITEMS[2]!).state).toBe('internal');
    expect(listRow(ITEMS[3]!).responsibleUnit).toBe('zjj');
    expect(listRow(ITEMS[1]!).itemClass).toBeUndefined();
  });

  it('without a filter lists everything in the order of registration', () => {
    expect(ids({})).toEqual(['ZJJ-2026-0001', 'ZJJ-2026-0002', 'WANGYING-2026-0001', 'QBB-2026-0001']);
  });
});

describe('list filters', () => {
  it('--unit matches the registering unit or the responsible unit; codes and names both work', () => {
    expect(ids(query({ unit: 'zjj' }))).toEqual(['ZJJ-2026-0001', 'ZJJ-2026-0002', 'QBB-2026-0001']);
    expect(ids(query({ unit: '王营街道' }))).toEqual(['WANGYING-2026-0001']);
    expect(ids(query({ unit: 'wangying,qbb' }))).toEqual(['WANGYING-2026-0001', 'QBB-2026-0001']);
  });

  it('--state takes a state code or its Chinese name, several with commas or 、', () => {
    expect(ids(query({ state: 'to_report' }))).toEqual(['ZJJ-2026-0002']);
    expect(ids(query({ state: '本单位内部协调中' }))).toEqual(['WANGYING-2026-0001']);
    expect(ids(query({ state: '已登记待研判、internal' }))).toEqual([
      'ZJJ-2026-0001',
      'WANGYING-2026-0001',
      'QBB-2026-0001',
    ]);
  });

  it('--scope accepts 一–六 and 1–6; --class 1–4 only matches classified items', () => {
    expect(ids(query({ scope: '二' }))).toEqual(['ZJJ-2026-0002']);
    expect(ids(query({ scope: '3' }))).toEqual(['QBB-2026-0001']);
    expect(ids(query({ class: '1' }))).toEqual(['WANGYING-2026-0001']);
    expect(ids(query({ class: '2,3' }))).toEqual(['ZJJ-2026-0002']);
  });

  it('--from/--to are China dates, both days included, whatever the machine zone', () => {
    expect(ids(query({ from: '2026-03-10', to: '2026-03-31' }))).toEqual(['ZJJ-2026-0002', 'WANGYING-2026-0001']);
    expect(ids(query({ to: '2026-03-01' }))).toEqual(['ZJJ-2026-0001']);
    expect(ids(query({ from: '2026-04-01' }))).toEqual(['QBB-2026-0001']);
    expect(query({ from: '2026-03-10' }).from).toBe(startOfChinaDay('2026-03-10'));
  });

  it('--text searches title, reason, party and remark, ignoring case; --channel the source', () => {
    expect(ids(query({ text: '电梯' }))).toEqual(['ZJJ-2026-0002']);
    expect(ids(query({ text: '积水' }))).toEqual(['WANGYING-2026-0001']);
    expect(ids(query({ text: '张三' }))).toEqual(['ZJJ-2026-0001']);
    expect(ids(query({ text: '物业' }))).toEqual(['ZJJ-2026-0001']);
    expect(ids(query({ text: '淮安某公司' })).length).toBe(3);
    expect(ids(query({ channel: '12345' }))).toEqual(['WANGYING-2026-0001']);
    expect(ids(query({ unit: 'zjj', state: '已登记待研判', channel: '区办收集' }))).toEqual(['QBB-2026-0001']);
  });

  it('bad values are one Chinese sentence naming the value and what is accepted', () => {
    expect(problem({ unit: 'nosuch' })).toBe(
      '单位「nosuch」不存在：台账中的单位有 qbb（区办）、zjj（区住建局）、wangying（王营街道）',
    );
    expect(problem({ unit: '住建局' })).toBe(
      '单位「住建局」不存在：是不是 zjj（区住建局）？请写单位代码。台账中的单位有 qbb（区办）、zjj（区住建局）、wangying（王营街道）',
    );
    expect(problem({ state: 'done' })).toMatch(
      /^状态「done」不存在：可写状态代码或名称，如 handling 或 办理中；全部状态：registered 已登记待研判、/,
    );
    expect(problem({ scope: '七' })).toContain('适用范围「七」不合法');
    expect(problem({ class: '5' })).toContain('分类「5」不合法：应为 1–4');
    expect(problem({ channel: '微信' })).toContain('来源渠道「微信」不合法');
    expect(problem({ from: '2026-02-30' })).toBe(
      '--from 的值「2026-02-30」不是存在的日期：请检查月份和日期，如 2026-02-28',
    );
    expect(problem({ to: '3月1日' })).toBe('--to 的值「3月1日」不是有效的日期：应写作 2026-03-01 这样的北京时间日期');
    expect(problem({ from: '2026-05-01', to: '2026-04-01' })).toBe(
      '--from 2026-05-01 晚于 --to 2026-04-01：起始日期不能晚于截止日期',
    );
    expect(problem({ state: ' , ' })).toContain('筛选条件不能为空');
  });

  it('a one-day range is fine and an empty --text means no text filter', () => {
    expect(ids(query({ from: '2026-03-31', to: '2026-03-31' }))).toEqual(['WANGYING-2026-0001']);
    expect(query({ text: '  ' }).text).toBeUndefined();
  });
});
