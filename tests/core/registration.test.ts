import { describe, expect, it } from 'vitest';
import type { LedgerContext } from '../../src/core/checks/context.js';
import {
  checkChannel,
  checkPartyKind,
  checkPhoneAnswer,
  checkRegistrationTime,
  checkRelated,
  checkScope,
  checkText,
  checkUnit,
  officeOf,
  registrationItem,
  type Registration,
} from '../../src/core/registration.js';
import { PHONE_ACCEPTED } from '../../src/core/phone.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { parseTimestamp } from '../../src/core/time.js';
import { checkCandidate } from '../../src/core/workflow/append.js';

const person = { name: '测试', title: '科员', phone: '13900000000' };
const unit = (code: string, name: string, kind: Unit['kind']): Unit => ({
  code,
  name,
  kind,
  leader: person,
  lead_section: { name: '办公室', head: '测试', phone: '13900000001' },
  contact: person,
});
const UNITS = new Map<string, Unit>([
  ['qbb', unit('qbb', '区办', '区办')],
  ['zjj', unit('zjj', '住建局', '区直单位')],
]);
const NOW = (() => {
  const p = parseTimestamp('2026-11-26T12:00:00+08:00');
  if (!p.ok) throw new Error('now');
  return p.epochMs;
})();

const failure = (check: { ok: boolean; message?: string }) => (check.ok ? undefined : check.message);

describe('answers checked one by one', () => {
  it('texts are trimmed and may not be empty', () => {
    expect(checkText('受理事项名称', '  加装电梯 ')).toEqual({ ok: true, value: '加装电梯' });
    expect(failure(checkText('受理事项名称', '   '))).toBe('受理事项名称不能为空');
  });

  it('units are codes of the ledger, in any case; an unknown one lists the choices', () => {
    expect(checkUnit('ZJJ', UNITS)).toEqual({ ok: true, value: 'zjj' });
    expect(failure(checkUnit('zj', UNITS))).toBe(
      '单位「zj」不存在：是不是 zjj（住建局）？台账中的单位有 qbb（区办）、zjj（住建局）',
    );
    expect(failure(checkUnit('住建', UNITS))).toBe(
      '单位「住建」不存在：是不是 zjj（住建局）？请写单位代码。台账中的单位有 qbb（区办）、zjj（住建局）',
    );
    expect(officeOf(UNITS)?.code).toBe('qbb');
  });

  it('party kind, scope and channel are the words of the 管理办法', () => {
    expect(checkPartyKind('群众')).toEqual({ ok: true, value: '群众' });
    expect(failure(checkPartyKind('个人'))).toMatch(/企业 或 群众/);
    expect(checkScope('3')).toEqual({ ok: true, value: '三' });
    expect(checkScope('六')).toEqual({ ok: true, value: '六' });
    expect(checkScope('（二）')).toEqual({ ok: true, value: '二' });
    expect(checkScope('第三条（五）')).toEqual({ ok: true, value: '五' });
    expect(failure(checkScope('7'))).toMatch(/一 至 六/);
    expect(checkChannel('12345')).toEqual({ ok: true, value: '12345' });
    expect(failure(checkChannel('电话'))).toMatch(/窗口、12345/);
  });

  it('a phone is checked as typed and the message says what is accepted', () => {
    expect(checkPhoneAnswer(' 0517-84901234 转 123 ')).toEqual({ ok: true, value: '0517-84901234 转 123' });
    expect(failure(checkPhoneAnswer('1381234'))).toBe(`联系电话「1381234」不是有效的电话号码：${PHONE_ACCEPTED}`);
    expect(failure(checkPhoneAnswer(''))).toContain(PHONE_ACCEPTED);
  });

  it('受理时间 is China time without an offset, any offset with one, never in the future', () => {
    expect(checkRegistrationTime('2026-11-20 10:00', NOW)).toEqual({
      ok: true,
      value: expect.objectContaining({ iso: '2026-11-20T10:00:00+08:00' }),
    });
    expect(checkRegistrationTime('2026-11-20T02:00:00Z', NOW)).toEqual({
      ok: true,
      value: expect.objectContaining({ iso: '2026-11-20T10:00:00+08:00' }),
    });
    expect(checkRegistrationTime('2026-11-26 12:00', NOW).ok).toBe(true);
    expect(failure(checkRegistrationTime('2026-11-26 12:01', NOW))).toBe(
      '受理时间 2026-11-26 12:01 晚于当前时间 2026-11-26 12:00（北京时间）：只能登记已经受理的事项，请核对日期和年份',
    );
    expect(failure(checkRegistrationTime('2026-02-30 10:00', NOW))).toMatch(
      /^受理时间「2026-02-30 10:00」中的日期不存在/,
    );
    expect(failure(checkRegistrationTime('2026-11-20', NOW))).toMatch(/只有日期，没有时刻/);
    expect(failure(checkRegistrationTime('昨天', NOW))).toMatch(/只有日期，没有时刻/);
    expect(failure(checkRegistrationTime('明天上午', NOW))).toMatch(/不是有效的时间/);
  });

  it('related items must exist', () => {
    const known = new Set(['ZJJ-2026-0001', 'ZJJ-2026-0002']);
    expect(checkRelated(['zjj-2026-0001, ZJJ-2026-0002，ZJJ-2026-0001'], known)).toEqual({
      ok: true,
      value: ['ZJJ-2026-0001', 'ZJJ-2026-0002'],
    });
    expect(failure(checkRelated(['ZJJ-2026-0003'], known))).toBe('关联事项 ZJJ-2026-0003 在台账中不存在');
    expect(failure(checkRelated(['第一件'], known))).toMatch(/不是工单编号/);
  });
});

describe('the new item', () => {
  const base: Registration = {
    unit: 'zjj',
    party: { name: '淮阴某公司', kind: '企业', phone: '13812345678' },
    by: '王敏',
    at: '2026-11-20T10:00:00+08:00',
    title: '加装电梯',
    reason: '涉及多个部门',
    scope: '一',
    channel: '窗口',
  };
  const context: LedgerContext = { units: UNITS, asOf: NOW };

  it('is the form plus one registered event, and passes every check validate makes', () => {
    const item = registrationItem(base, 'ZJJ-2026-0003');
    expect(item.events).toEqual([{ type: 'registered', at: base.at, by: '王敏' }]);
    expect(item).not.toHaveProperty('remark');
    expect(item).not.toHaveProperty('responsible_unit');
    expect(checkCandidate(item, context)).toBeUndefined();
  });

  it('records a refusal on the spot right after registration', () => {
    const item = registrationItem({ ...base, legalBasis: '《某条例》第十条' }, 'ZJJ-2026-0003');
    expect(item.events.map((e) => e.type)).toEqual(['registered', 'refused_on_spot']);
    expect(item.events[1]).toMatchObject({ at: base.at, by: '王敏', legal_basis: '《某条例》第十条' });
    expect(checkCandidate(item, context)).toBeUndefined();
  });

  it('an item the 区办 collected names the responsible unit', () => {
    const item = registrationItem(
      { ...base, unit: 'qbb', channel: '区办收集', responsibleUnit: 'zjj', remark: '走访收集' },
      'QBB-2026-0001',
    );
    expect(item).toMatchObject({ unit: 'qbb', responsible_unit: 'zjj', remark: '走访收集' });
    expect(checkCandidate(item, context)).toBeUndefined();
  });
});

describe('a typed time that is only a date', () => {
  it('says the date does not exist before saying the time is missing', async () => {
    const { parseEnteredTime } = await import('../../src/core/time-input.js');
    expect(parseEnteredTime('2026-02-30')).toEqual({ ok: false, problem: 'no-such-date' });
    expect(parseEnteredTime('2026-2-3')).toEqual({ ok: false, problem: 'date-only' });
    expect(parseEnteredTime('2026-03-02')).toEqual({ ok: false, problem: 'date-only' });
  });
});
