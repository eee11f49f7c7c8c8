import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FilePlace, LedgerContext } from '../../src/core/checks/context.js';
import { checkItem } from '../../src/core/checks/item.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { Unit } from '../../src/core/schema/unit.js';
import { parseAsOf } from '../../src/core/time.js';

const CHINESE = /[\u4e00-\u9fff]/;

const unit = (code: string, name: string, kind: Unit['kind']): Unit => ({
  code,
  name,
  kind,
  leader: { name: '张伟', title: '副局长', phone: '0517-80000201' },
  lead_section: { name: '办公室', head: '刘芳', phone: '0517-80000202' },
  contact: { name: '陈静', title: '办公室科员', phone: '13800000201' },
});

const UNITS = new Map<string, Unit>([
  ['zjj', unit('zjj', '淮阴区住房和城乡建设局', '区直单位')],
  ['scj', unit('scj', '淮阴区市场监督管理局', '区直单位')],
  ['qbb', unit('qbb', '淮阴区“办不成事”办公室（区委营商办）', '区办')],
]);

const AS_OF = parseAsOf('2026-06-30')!;
const CTX: LedgerContext = { units: UNITS, asOf: AS_OF };
const PLACE: FilePlace = { file: 'zjj/ZJJ-2026-0001.yaml', folder: 'zjj', stem: 'ZJJ-2026-0001' };

const VALID = `
id: ZJJ-2026-0001
unit: zjj
party:
  name: 淮安市某某建材有限公司
  kind: 企业
  phone: "13812345678"
title: 建设工程规划许可证核发
reason: |
  项目用地规划条件与现行控制性详细规划不一致，
  需多部门协调调整。
scope: 一
channel: 窗口
related:
  - ZJJ-2026-0002
events:
  - type: registered
    at: 2026-03-02T09:30:00+08:00
    by: 陈静
  - type: confirmed
    at: 2026-03-02T15:00:00+08:00
    by: 陈静
    section: 规划科
    consent_by: 张伟
  - type: classified
    at: 2026-03-03T10:00:00+08:00
    by: 刘芳
    class: 2
  - type: reported
    at: 2026-03-03T16:00:00+08:00
    by: 刘芳
    consent_by: 王建华
  - type: decided
    at: 2026-03-05T10:00:00+08:00
    by: 吴晓东
    unit: qbb
    decision: 1
    difficulty: 复杂
    responsible_unit: zjj
    opinion: 退回原单位办理，会同自然资源部门调整规划条件
  - type: supervised
    at: 2026-03-06T10:00:00+08:00
    by: 吴晓东
    unit: qbb
  - type: feedback
    at: 2026-03-10T10:00:00+08:00
    by: 陈静
    kind: 进展
    method: 电话
    content: 已电话告知当事人办理进展
  - type: closed
    at: 2026-03-12T17:00:00+08:00
    by: 陈静
    outcome: 办成
    result: 规划条件已调整，许可证已核发
  - type: filed
    at: 2026-03-13T09:00:00+08:00
    by: 刘芳
  - type: visited
    at: 2026-03-16T10:00:00+08:00
    by: 吴晓东
    unit: qbb
    satisfaction: 满意
  - type: archived
    at: 2026-03-17T10:00:00+08:00
    by: 刘芳
    note: 已按流程归档
`;

/** The valid item with one piece of text replaced; the replaced text must exist exactly once. */
function variant(from: string, to: string, source = VALID): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`"${from}" occurs ${parts.length - 1} times`);
  return parts.join(to);
}

function check(yaml: string, place: FilePlace = PLACE, ctx: LedgerContext = CTX) {
  return checkItem(parse(yaml), place, ctx);
}

/** The only diagnostic, asserting there is exactly one, with Chinese message and hint. */
function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics, JSON.stringify(diagnostics, null, 2)).toHaveLength(1);
  const d = diagnostics[0]!;
  expectChinese(d);
  return d;
}

function expectChinese(d: Diagnostic): void {
  expect(d.message, d.code).toMatch(CHINESE);
  expect(d.hint, d.code).toMatch(CHINESE);
}

const FIRST_EVENTS = `events:
  - type: registered
    at: 2026-03-02T09:30:00+08:00
    by: 陈静
`;

/** Everything of an item's YAML before its `events:`. */
function header(yaml: string): string {
  return yaml.slice(0, yaml.indexOf('events:'));
}

/** The valid header (or another one) with the given events (YAML text of the list items). */
function withEvents(events: string, head = header(VALID)): string {
  return `${head}events:\n${events}`;
}

describe('checkItem: a valid item', () => {
  it('yields no diagnostics and the item', () => {
    const result = check(VALID);
    expect(result.diagnostics).toEqual([]);
    expect(result.id).toBe('ZJJ-2026-0001');
    expect(result.item).toBeDefined();
    expect(result.item).toMatchObject({
      id: 'ZJJ-2026-0001',
      unit: 'zjj',
      party: { name: '淮安市某某建材有限公司', kind: '企业', phone: '13812345678' },
      scope: '一',
      channel: '窗口',
      related: ['ZJJ-2026-0002'],
    });
    expect(result.item!.events).toHaveLength(11);
    expect(result.item!.events[4]).toEqual({
      type: 'decided',
      at: '2026-03-05T10:00:00+08:00',
      by: '吴晓东',
      unit: 'qbb',
      decision: 1,
      difficulty: '复杂',
      responsible_unit: 'zjj',
      opinion: '退回原单位办理，会同自然资源部门调整规划条件',
    });
    expect(result.links).toEqual([{ path: ['related', 0], id: 'ZJJ-2026-0002' }]);
  });

  it('a 区办收集 item with a responsible unit, decided right after registration, is valid', () => {
    const yaml = `
id: QBB-2026-0001
unit: qbb
party: { name: 王某, kind: 群众, phone: 0517-84901234 转 123 }
title: 老旧小区加装电梯审批
reason: 涉及多个部门，群众多次反映
scope: 六
channel: 区办收集
responsible_unit: zjj
events:
  - type: registered
    at: 2026-03-02T09:30:00+08:00
    by: 吴晓东
  - type: decided
    at: 2026-03-03T09:30:00+08:00
    by: 吴晓东
    unit: qbb
    decision: 2
    opinion: 区办牵头会办
  - type: met
    at: 2026-03-05T09:30:00+08:00
    by: 吴晓东
    unit: qbb
    led_by: 区办
    participants: [zjj, scj]
    opinion: 住建局牵头推进
`;
    const result = check(yaml, { file: 'qbb/QBB-2026-0001.yaml', folder: 'qbb', stem: 'QBB-2026-0001' });
    expect(result.diagnostics).toEqual([]);
    expect(result.item?.responsible_unit).toBe('zjj');
  });
});

describe('checkItem: history rules (history.ts)', () => {
  it('consent missing on confirmed (第五条（二）分管领导)', () => {
    const result = check(variant('    section: 规划科\n    consent_by: 张伟\n', '    section: 规划科\n'));
    const d = only(result.diagnostics);
    expect(d).toMatchObject({ code: 'consent-missing', severity: 'error', file: PLACE.file, path: ['events', 1] });
    expect(d.message).toContain('分管领导');
    expect(d.hint).toContain('consent_by');
    // A rule of the mechanism, not a shape error: the item is still usable by reports.
    expect(result.item).toBeDefined();
  });

  it('consent missing on reported (第五条（三）主要领导)', () => {
    const d = only(check(variant('    consent_by: 王建华\n', '')).diagnostics);
    expect(d).toMatchObject({ code: 'consent-missing', path: ['events', 3] });
    expect(d.message).toContain('主要领导');
    expect(d.hint).toContain('consent_by');
  });

  it('decided 1 (可以办理) without difficulty', () => {
    const d = only(check(variant('    difficulty: 复杂\n', '')).diagnostics);
    expect(d).toMatchObject({ code: 'missing-field', path: ['events', 4] });
    expect(d.message).toContain('difficulty');
    expect(d.hint).toMatch(/简单.*复杂.*特别复杂/);
  });

  it('decided 2–4 needs no difficulty', () => {
    const yaml = variant('    decision: 1\n    difficulty: 复杂\n', '    decision: 4\n');
    const codes = check(yaml).diagnostics.map((d) => d.code);
    expect(codes).not.toContain('missing-field');
  });

  it('closed as 不能办理 without refusal_reason', () => {
    const d = only(check(variant('    outcome: 办成\n', '    outcome: 不能办理\n')).diagnostics);
    expect(d).toMatchObject({ code: 'missing-field', path: ['events', 7] });
    expect(d.message).toContain('refusal_reason');
    expect(d.hint).toContain('第五条（四）');
  });

  it('closed as 不能办理 with refusal_reason is fine', () => {
    const yaml = variant('    outcome: 办成\n', '    outcome: 不能办理\n    refusal_reason: 不符合现行规划政策\n');
    expect(check(yaml).diagnostics).toEqual([]);
  });

  it('区办收集 without responsible_unit', () => {
    const yaml = withEvents(
      `  - type: registered
    at: 2026-03-02T09:30:00+08:00
    by: 吴晓东
`,
      header(variant('channel: 窗口\n', 'channel: 区办收集\n')),
    );
    const d = only(check(yaml).diagnostics);
    expect(d).toMatchObject({ code: 'responsible-unit-missing', path: ['channel'] });
    expect(d.hint).toContain('responsible_unit');
  });

  it('no events', () => {
    const yaml = `${header(VALID)}events: []\n`;
    const result = check(yaml);
    const d = only(result.diagnostics);
    expect(d).toMatchObject({ code: 'no-events', path: ['events'] });
    expect(d.hint).toContain('registered');
  });

  it('no events on a 区办收集 item without responsible unit reports both', () => {
    const yaml = `${header(variant('channel: 窗口\n', 'channel: 区办收集\n'))}events: []\n`;
    expect(
      check(yaml)
        .diagnostics.map((d) => d.code)
        .sort(),
    ).toEqual(['no-events', 'responsible-unit-missing']);
  });

  it('time going backwards', () => {
    const d = only(
      check(variant('    at: 2026-03-03T10:00:00+08:00\n', '    at: 2026-03-01T10:00:00+08:00\n')).diagnostics,
    );
    expect(d).toMatchObject({ code: 'time-backwards', path: ['events', 2, 'at'] });
    expect(d.message).toContain('2026-03-01 10:00');
    expect(d.message).toContain('2026-03-02 15:00');
  });

  it('an equal time is not backwards', () => {
    expect(
      check(variant('    at: 2026-03-03T10:00:00+08:00\n', '    at: 2026-03-02T15:00:00+08:00\n')).diagnostics,
    ).toEqual([]);
  });

  it('backwards is judged on instants, not on the written text (another offset)', () => {
    // 2026-03-03T01:00:00Z is 09:00 China time on 03-03, after 03-02 15:00 China time: fine.
    expect(check(variant('    at: 2026-03-03T10:00:00+08:00\n', '    at: 2026-03-03T01:00:00Z\n')).diagnostics).toEqual(
      [],
    );
    // 2026-03-02T06:00:00Z is 14:00 China time on 03-02, before 15:00: backwards.
    const d = only(check(variant('    at: 2026-03-03T10:00:00+08:00\n', '    at: 2026-03-02T06:00:00Z\n')).diagnostics);
    expect(d.code).toBe('time-backwards');
  });

  it('an event later than as-of', () => {
    const d = only(
      check(variant('    at: 2026-03-17T10:00:00+08:00\n', '    at: 2026-07-01T00:00:00+08:00\n')).diagnostics,
    );
    expect(d).toMatchObject({ code: 'future-event', path: ['events', 10, 'at'] });
    expect(d.message).toContain('2026-07-01 00:00');
    expect(d.message).toContain('2026-06-30 23:59');
    expect(d.hint).toContain('--as-of');
  });

  it('an event on the as-of day itself is not in the future', () => {
    expect(
      check(variant('    at: 2026-03-17T10:00:00+08:00\n', '    at: 2026-06-30T23:59:59+08:00\n')).diagnostics,
    ).toEqual([]);
  });

  it('an illegal transition names the legal next steps in the hint', () => {
    // registered → classified, skipping the section's confirmation
    const yaml = withEvents(`  - type: registered
    at: 2026-03-02T09:30:00+08:00
    by: 陈静
  - type: classified
    at: 2026-03-03T10:00:00+08:00
    by: 刘芳
    class: 2
`);
    const d = only(check(yaml).diagnostics);
    expect(d).toMatchObject({ code: 'illegal-transition', path: ['events', 1, 'type'] });
    expect(d.message).toContain('第 2 个事件');
    expect(d.message).toContain('牵头科室研判分类');
    expect(d.message).toContain('已登记待研判');
    expect(d.hint).toContain('confirmed（科室确认暂时无法办理）');
    expect(d.hint).toContain('refused_on_spot（当场告知不能办理）');
    expect(d.hint).toContain('transferred（转办）');
    expect(d.hint).not.toContain('decided');
  });

  it('an illegal transition in a final state names the only step left (typical case)', () => {
    const yaml = variant(
      '    note: 已按流程归档\n',
      `    note: 已按流程归档
  - type: feedback
    at: 2026-03-18T10:00:00+08:00
    by: 陈静
    kind: 结果
    method: 电话
    content: 再次告知
`,
    );
    const d = only(check(yaml).diagnostics);
    expect(d).toMatchObject({ code: 'illegal-transition', path: ['events', 11, 'type'] });
    expect(d.hint).toContain('已归档');
    // Only the 区办's mark as a typical case (第七条) remains possible on an archived matter.
    expect(d.hint).toBe('在“已归档”状态下可以进行：typical（标记典型案例）');
  });
});

describe('checkItem: shape and placement rules (item.ts)', () => {
  it('unknown event type, with a suggestion', () => {
    const result = check(variant('  - type: classified\n', '  - type: clasified\n'));
    const d = only(result.diagnostics);
    expect(d).toMatchObject({ code: 'unknown-event', path: ['events', 2, 'type'] });
    expect(d.message).toContain('clasified');
    expect(d.hint).toContain('是不是想写 classified（牵头科室研判分类）');
    expect(result.item).toBeUndefined();
  });

  it('unknown event type far from every known type lists them all', () => {
    const d = only(check(variant('  - type: classified\n', '  - type: approve_all\n')).diagnostics);
    expect(d.code).toBe('unknown-event');
    expect(d.hint).toContain('registered、refused_on_spot');
  });

  it('an event without type', () => {
    const d = only(check(variant('  - type: supervised\n', '  - kind: supervised\n')).diagnostics);
    expect(d).toMatchObject({ code: 'missing-field', path: ['events', 5] });
  });

  it('unknown field with "did you mean"', () => {
    const result = check(variant('  phone: "13812345678"\n', '  phnoe: "13812345678"\n'));
    const unknown = result.diagnostics.filter((d) => d.code === 'unknown-field');
    expect(unknown).toHaveLength(1);
    const d = unknown[0]!;
    expectChinese(d);
    expect(d).toMatchObject({ path: ['party', 'phnoe'], atKey: true });
    expect(d.message).toBe('未知字段「phnoe」');
    expect(d.hint).toBe('是不是想写 联系电话[party.phone]？');
    // The real field is then missing.
    const missing = result.diagnostics.filter((d) => d.code === 'missing-field');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ path: ['party'] });
    expect(missing[0]!.message).toContain('party.phone');
    expect(result.item).toBeUndefined();
  });

  it('unknown field inside an event is reported at its key', () => {
    const result = check(variant('    consent_by: 张伟\n', '    consent: 张伟\n'));
    const d = only(result.diagnostics);
    expect(d).toMatchObject({ code: 'unknown-field', path: ['events', 1, 'consent'], atKey: true });
    expect(d.message).toBe('未知字段「consent」');
  });

  it('unknown field inside an event with "did you mean"', () => {
    const d = only(check(variant('    consent_by: 张伟\n', '    consent: 张伟\n')).diagnostics);
    expect(d.hint).toBe('是不是想写 同意的领导[events[2].consent_by]？');
  });

  it("unknown field inside an event with no near candidate lists the event's fields", () => {
    const d = only(
      check(variant('    section: 规划科\n', '    section: 规划科\n    department_head_name: 张伟\n')).diagnostics,
    );
    expect(d.code).toBe('unknown-field');
    expect(d.hint).toContain('consent_by');
  });

  it('unknown field with no near candidate lists the accepted fields', () => {
    const d = only(
      check(variant('title: 建设工程规划许可证核发\n', 'title: 建设工程规划许可证核发\naddress: 淮阴区\n')).diagnostics,
    );
    expect(d).toMatchObject({ code: 'unknown-field', path: ['address'] });
    expect(d.hint).toContain('可用的字段');
    expect(d.hint).toContain('responsible_unit');
  });

  it('a number where a string is expected gets the quoting hint (phone)', () => {
    const result = check(variant('  phone: "13812345678"\n', '  phone: 13812345678\n'));
    const d = only(result.diagnostics);
    expect(d).toMatchObject({ code: 'invalid-value', path: ['party', 'phone'] });
    expect(d.message).toContain('数字');
    expect(d.hint).toContain('引号');
    expect(d.hint).toContain('"13812345678"');
  });

  it('a number where a string is expected gets the quoting hint (channel 12345)', () => {
    const d = only(check(variant('channel: 窗口\n', 'channel: 12345\n')).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-value', path: ['channel'] });
    expect(d.hint).toContain('引号');
    expect(d.hint).toContain('"12345"');
  });

  it('a follow-up visit may say how it was made, in the words of the feedback methods', () => {
    const visited = '    satisfaction: 满意\n';
    expect(check(variant(visited, `${visited}    method: 电话\n`)).diagnostics).toEqual([]);
    const d = only(check(variant(visited, `${visited}    method: 微信\n`)).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-value', path: ['events', 9, 'method'] });
    expectChinese(d);
  });

  it('a quoted 12345 channel is valid', () => {
    expect(check(variant('channel: 窗口\n', 'channel: "12345"\n')).diagnostics).toEqual([]);
  });

  it('an invalid phone number', () => {
    const d = only(check(variant('  phone: "13812345678"\n', '  phone: "1381234567"\n')).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-phone', path: ['party', 'phone'] });
  });

  it('an invalid time', () => {
    const d = only(check(variant('    at: 2026-03-03T10:00:00+08:00\n', '    at: 2026-03-03T10:00:00\n')).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-time', path: ['events', 2, 'at'] });
    expect(d.message).toContain('时区');
    expect(d.hint).toContain('+08:00');
  });

  it('id ≠ file stem', () => {
    const d = only(check(VALID, { ...PLACE, file: 'zjj/ZJJ-2026-0009.yaml', stem: 'ZJJ-2026-0009' }).diagnostics);
    expect(d).toMatchObject({ code: 'id-mismatch', path: ['id'], file: 'zjj/ZJJ-2026-0009.yaml' });
    expect(d.message).toContain('ZJJ-2026-0009.yaml');
  });

  it('unit ≠ folder', () => {
    const d = only(check(VALID, { file: 'scj/ZJJ-2026-0001.yaml', folder: 'scj', stem: 'ZJJ-2026-0001' }).diagnostics);
    expect(d).toMatchObject({ code: 'unit-mismatch', path: ['unit'] });
    expect(d.message).toContain('scj/');
  });

  it('id prefix ≠ unit', () => {
    const yaml = variant('id: ZJJ-2026-0001\n', 'id: SCJ-2026-0001\n');
    const d = only(check(yaml, { file: 'zjj/SCJ-2026-0001.yaml', folder: 'zjj', stem: 'SCJ-2026-0001' }).diagnostics);
    expect(d).toMatchObject({ code: 'id-unit-mismatch', path: ['id'] });
    expect(d.hint).toContain('ZJJ-');
  });

  it('unknown responsible unit in a decided event, with a suggestion', () => {
    const d = only(check(variant('    responsible_unit: zjj\n', '    responsible_unit: zjjj\n')).diagnostics);
    expect(d).toMatchObject({ code: 'unknown-unit', path: ['events', 4, 'responsible_unit'] });
    expect(d.message).toContain('zjjj');
    expect(d.hint).toBe('是不是 zjj（淮阴区住房和城乡建设局）？');
  });

  it('unknown unit with no near candidate lists the units', () => {
    const d = only(check(variant('    responsible_unit: zjj\n', '    responsible_unit: huaiyinxyz\n')).diagnostics);
    expect(d.code).toBe('unknown-unit');
    expect(d.hint).toContain('zjj、scj、qbb');
  });

  it('a malformed unit code is reported as such', () => {
    const d = only(check(variant('    responsible_unit: zjj\n', '    responsible_unit: ZJJ\n')).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-unit-code', path: ['events', 4, 'responsible_unit'] });
  });

  it('a malformed id', () => {
    const result = check(variant('id: ZJJ-2026-0001\n', 'id: ZJJ-26-1\n'), { ...PLACE, stem: 'ZJJ-26-1' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['invalid-id']);
    expect(result.id).toBe('ZJJ-26-1');
    expect(result.item).toBeUndefined();
  });

  it('a value outside its vocabulary lists what is accepted', () => {
    const d = only(check(variant('scope: 一\n', 'scope: 七\n')).diagnostics);
    expect(d).toMatchObject({ code: 'invalid-value', path: ['scope'] });
    expect(d.hint).toContain('一 / 二');
  });

  it('a top level that is not a map', () => {
    const d = only(check('- a\n- b\n').diagnostics);
    expect(d).toMatchObject({ code: 'not-a-map', path: [] });
  });

  it('reports every problem of a file at once, not only the first', () => {
    let yaml = variant('  phone: "13812345678"\n', '  phnoe: "13812345678"\n');
    yaml = variant('    consent_by: 王建华\n', '', yaml);
    yaml = variant('    responsible_unit: zjj\n', '    responsible_unit: zjjj\n', yaml);
    const codes = check(yaml, { ...PLACE, stem: 'ZJJ-2026-0009' })
      .diagnostics.map((d) => d.code)
      .sort();
    expect(codes).toEqual(['consent-missing', 'id-mismatch', 'missing-field', 'unknown-field', 'unknown-unit']);
  });

  it('every diagnostic has Chinese message and hint', () => {
    const yamls = [
      variant('  phone: "13812345678"\n', '  phnoe: 13812345678\n'),
      variant('channel: 窗口\n', 'channel: 12345\n'),
      variant('  - type: classified\n', '  - type: clasified\n'),
      variant('    section: 规划科\n', ''),
      FIRST_EVENTS,
    ];
    for (const yaml of yamls) {
      for (const d of check(yaml).diagnostics) expectChinese(d);
    }
  });
});
