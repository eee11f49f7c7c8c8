import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

/** The demo ledger on a fixed day, so that no event is "in the future". */
const AS_OF = ['--as-of', '2026-11-26T12:00:00+08:00'];

interface Row {
  id: string;
  unit: string;
  unitName: string;
  party: { name: string; kind: string; phone: string };
  title: string;
  scope: string;
  channel: string;
  class: number | null;
  responsibleUnit: string | null;
  registeredAt: string;
  state: string;
  stateName: string;
}

describe('bbcs list on the demo ledger', () => {
  let repo: TempRepo;
  let all: Row[];
  const list = (...args: string[]) => runBbcs(['list', ...AS_OF, ...args], repo.dir);
  const ids = (...args: string[]) => {
    const r = list('--json', ...args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return (JSON.parse(r.stdout).items as Row[]).map((row) => row.id);
  };
  beforeAll(() => {
    repo = tempLedger({}, DEMO_LEDGER);
    const r = list('--json');
    all = JSON.parse(r.stdout).items;
  });
  afterAll(() => repo.cleanup());

  it('prints a Chinese table of every item with masked names of private persons and a count', () => {
    const r = list();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/│ 工单编号\s+│ 登记单位\s+│ 办理对象\s+│ 受理事项名称\s+│ 受理时间\s+│ 当前状态\s+│/);
    expect(r.stdout).toMatch(
      /│ ZJJ-2026-0002\s+│ 淮阴区住房和城乡\s+│ 淮安市恒泰置业有限\s+│ .+│ 2026-10-12 10:00 │ 会办中\s+│/,
    );
    expect(r.stdout).toMatch(/│ ZJJ-2026-0001\s+│ 淮阴区住房和城乡\s+│ 李\*\*\s+│/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`共 ${all.length} 件。`);
    expect(all.length).toBeGreaterThanOrEqual(20);
    // Oldest first, by 受理时间.
    expect(all.map((row) => row.registeredAt)).toEqual(all.map((row) => row.registeredAt).sort());
  });

  it('--json masks phones and private names unless --unmask', () => {
    const person = all.find((row) => row.party.kind === '群众')!;
    expect(person.party.phone).toMatch(/\*{4}/);
    expect(person.party.name).toMatch(/^.\*+$/);
    const open = JSON.parse(list('--json', '--unmask').stdout).items.find((row: Row) => row.id === person.id);
    expect(open.party.phone).not.toContain('*');
    expect(open.party.name).not.toContain('*');
  });

  it('filters by unit (registering or responsible) and state (code or Chinese name)', () => {
    expect(ids('--unit', 'zjj')).toEqual(
      all.filter((row) => row.unit === 'zjj' || row.responsibleUnit === 'zjj').map((row) => row.id),
    );
    expect(ids('--state', '已归档')).toEqual(all.filter((row) => row.state === 'archived').map((row) => row.id));
    expect(ids('--unit', 'zjj', '--state', 'joint')).toEqual(['ZJJ-2026-0002']);
    // 区办收集 items count for the unit the 区办 named responsible.
    expect(ids('--unit', 'zrj', '--channel', '区办收集')).toEqual(['QBB-2026-0001']);
  });

  it('filters by scope, class, China date range and text; the text table counts what it shows', () => {
    const inOctober = all.filter((row) => row.registeredAt >= '2026-10-01' && row.registeredAt < '2026-11-01');
    expect(ids('--from', '2026-10-01', '--to', '2026-10-31')).toEqual(inOctober.map((row) => row.id));
    expect(ids('--scope', '二', '--class', '2')).toEqual(
      all.filter((row) => row.scope === '二' && row.class === 2).map((row) => row.id),
    );
    const lift = ids('--text', '电梯');
    expect(lift).toContain('ZJJ-2026-0001');
    expect(lift.length).toBeLessThan(all.length);
    const r = list('--text', '电梯');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`共 ${lift.length} 件（台账中共 ${all.length} 件）。`);
    const none = list('--text', '不会出现的文字');
    expect(none.stdout).toBe(`没有符合条件的事项。\n共 0 件（台账中共 ${all.length} 件）。\n`);
  });

  it('an unknown unit or state and a date that does not exist are one Chinese sentence and exit 2', () => {
    const unit = list('--unit', 'nosuch');
    expect(unit.status).toBe(2);
    expect(unit.stderr).toMatch(/^bbcs: 单位「nosuch」不存在：台账中的单位有 .*zjj/);
    const state = list('--state', '完成');
    expect(state.status).toBe(2);
    expect(state.stderr).toContain('状态「完成」不存在：可写状态代码或名称，如 handling 或 办理中');
    const date = list('--from', '2026-02-30');
    expect(date.status).toBe(2);
    expect(date.stderr).toBe('bbcs: --from 的值「2026-02-30」不是存在的日期：请检查月份和日期，如 2026-02-28\n');
    expect(date.stdout).toBe('');
  });
});
