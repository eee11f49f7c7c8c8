import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LedgerEvent } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import { formatItem } from '../../src/io/ledger-format.js';
import { tempLedger, type TempRepo } from '../helpers/temp-ledger.js';
import { HAS_TMUX, Terminal } from '../helpers/terminal.js';

/**
 * The prompts as an officer meets them: the built program in tmux at 80 columns, keys typed,
 * the screen read. Every time typed has its year, and every item's events lie in November 2026,
 * so nothing depends on the clock or the machine's zone.
 */

const ENV = {
  BBCS_OFFICER: '王敏',
  BBCS_EMAIL: 'wangmin@example.invalid',
  BBCS_LEDGER: '',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  LANG: 'C.UTF-8',
};

const repos: TempRepo[] = [];
const terminals: Terminal[] = [];
afterAll(() => {
  for (const t of terminals) t.close();
  for (const r of repos) r.cleanup();
});

const REGISTERED: LedgerEvent = { type: 'registered', at: '2026-11-02T09:00:00+08:00', by: '测试己' };
const HANDLING: LedgerEvent[] = [
  { type: 'confirmed', at: '2026-11-02T10:00:00+08:00', by: '测试己', section: '规划科', consent_by: '测试丁' },
  { type: 'classified', at: '2026-11-03T09:00:00+08:00', by: '测试戊', class: 3 },
  { type: 'reported', at: '2026-11-03T10:00:00+08:00', by: '测试戊', consent_by: '测试局长' },
  {
    type: 'decided',
    at: '2026-11-04T10:00:00+08:00',
    by: '测试丙',
    unit: 'qbb',
    decision: 1,
    difficulty: '简单',
    opinion: '退回原单位办理',
  },
];
const REPORTED = HANDLING.slice(0, 3);

function item(id: string, events: LedgerEvent[]): Item {
  return {
    id,
    unit: 'zjj',
    party: { name: '淮阴某测试有限公司', kind: '企业', phone: '13900003333' },
    title: `测试事项 ${id}`,
    reason: '本单位无法单独办理',
    scope: '一',
    channel: '窗口',
    events: [REGISTERED, ...events],
  };
}

function repo(items: Item[] = []): TempRepo {
  const r = tempLedger(Object.fromEntries(items.map((i) => [`zjj/${i.id}.yaml`, formatItem(i)])));
  repos.push(r);
  return r;
}

function open(r: TempRepo, args: string[], env: Record<string, string> = {}): Terminal {
  const t = new Terminal(r.dir, args, { ...ENV, ...env });
  terminals.push(t);
  return t;
}

const readItem = (r: TempRepo, file: string) => parse(readFileSync(path.join(r.ledger, file), 'utf8')) as Item;

/** The screen's lines, each within the terminal's 80 columns: nothing the officer must read is cut or wrapped away. */
function expectFits(screen: string): void {
  for (const line of screen.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
}

describe.skipIf(!HAS_TMUX)('register at the counter: defaults that fit the person', () => {
  const FLAGS = [
    '--phone',
    '13900001111',
    '--title',
    '宅基地确权',
    '--reason',
    '涉及多个部门',
    '--scope',
    '1',
    '--channel',
    '窗口',
    '--remark',
    '',
    '--no-refuse-on-spot',
  ];

  it('with no unit configured asks 登记单位 without pre-selecting the 区办, guesses 群众 from a name, and echoes a Chinese time normalised', async () => {
    const r = repo();
    const t = open(r, ['register', ...FLAGS], { BBCS_UNIT: '' });
    const unitScreen = await t.waitFor('? 登记单位');
    expect(unitScreen).toMatch(/❯ （请选择登记单位）/);
    expect(unitScreen).not.toMatch(/❯ .*（qbb）/);
    // Enter alone chooses nothing.
    t.press('Enter');
    await t.waitFor('请先用 ↑↓ 选择一项，再按回车');
    // Down past the placeholder: the units in the ledger's order, the 区办 among them but not chosen for the officer.
    t.press('Down');
    t.press('Down');
    t.press('Down');
    await t.waitFor(/❯ 淮阴区住房和城乡建设局（zjj）/);
    t.press('Enter');
    await t.waitFor('✔ 登记单位： 淮阴区住房和城乡建设局（zjj）');
    await t.waitFor('? 办理对象（企业名称或群众姓名）');
    t.type('张三');
    t.press('Enter');
    const kindScreen = await t.waitFor('? 办理对象类型');
    expect(kindScreen).toMatch(/❯ 群众/);
    t.press('Enter');
    await t.waitFor('✔ 办理对象类型： 群众');
    await t.waitFor('? 受理人员');
    t.press('Enter');
    await t.waitFor('? 受理时间');
    t.type('2026年11月20日 上午9点半');
    t.press('Enter');
    const echoed = await t.waitFor('? 确认登记？');
    expect(echoed).toContain('✔ 受理时间（北京时间，如 2026-03-02 09:30）： 2026-11-20 09:30');
    expect(echoed).toMatch(/│ 办理对象\s+│ 张三（群众）/);
    expectFits(echoed);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(readItem(r, 'zjj/ZJJ-2026-0003.yaml')).toMatchObject({
      unit: 'zjj',
      party: { name: '张三', kind: '群众' },
      events: [{ type: 'registered', at: '2026-11-20T09:30:00+08:00', by: '王敏' }],
    });
  });

  it('a configured unit in capitals is the unit, offered first', async () => {
    const r = repo();
    const t = open(r, ['register', ...FLAGS, '--party', '淮阴某建材有限公司', '--at', '2026-11-20 10:00'], {
      BBCS_UNIT: 'WANGYING',
    });
    await t.waitFor(/❯ 淮阴区王营街道办事处（wangying）/);
    t.press('Enter');
    const kind = await t.waitFor('? 办理对象类型');
    expect(kind).toMatch(/❯ 企业/);
    t.press('Enter');
    await t.waitFor('? 受理人员： (王敏)');
    t.press('Enter');
    await t.waitFor('? 确认登记？');
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(readItem(r, 'wangying/WANGYING-2026-0002.yaml')).toMatchObject({ party: { kind: '企业' } });
  });
});

describe.skipIf(!HAS_TMUX)('every step asks 时间', () => {
  it('offers now, refuses a time before the last event and one in the future, echoes the time typed and previews it', async () => {
    const r = repo([item('ZJJ-2026-0501', HANDLING)]);
    const t = open(r, ['feedback', 'ZJJ-2026-0501'], { BBCS_UNIT: 'zjj' });
    const asked = await t.waitFor('? 时间（北京时间，直接回车为现在）');
    // "Now" is offered as the answer: a date and minute.
    expect(asked).toMatch(/时间（北京时间，直接回车为现在）： \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}\)/);
    t.type('2026/11/4 9:00');
    t.press('Enter');
    // The sentence wraps at the terminal's width; its words are all there.
    const before = await t.waitFor('时间 2026-11-04 09:00 早于该事项上一个事件“区办研判”的时间 2026-11-04 10:00');
    expect(before.replace(/\n/g, '')).toContain('：事件按发生先后记录');
    expectFits(before);
    t.press('C-u');
    t.type('2999年1月1日 上午9点');
    t.press('Enter');
    const future = await t.waitFor(/时间 2999-01-01 09:00 晚于当前时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(future.replace(/\n/g, '')).toContain('：不能预先记录尚未发生的步骤');
    t.press('C-u');
    t.type('11月6日 下午3点');
    t.press('Enter');
    // A date without its year is the latest one not after today: the year is shown, not guessed silently.
    const echoed = await t.waitFor(/✔ 时间（北京时间，直接回车为现在）： \d{4}-11-06 15:00/);
    expectFits(echoed);
    await t.waitFor('? 反馈的是进展还是结果');
    t.press('Enter');
    await t.waitFor('? 反馈方式');
    t.press('Enter');
    await t.waitFor('? 反馈内容');
    t.type('已电话告知进展');
    t.press('Enter');
    const preview = await t.waitFor('? 确认写入？');
    expect(preview).toMatch(/ {2}时间：\d{4}-11-06 15:00/);
    expect(preview).toContain('  经办人：王敏');
    expect(preview).toContain('  反馈内容：已电话告知进展');
    expectFits(preview);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    const recorded = readItem(r, 'zjj/ZJJ-2026-0501.yaml').events.at(-1)!;
    expect(recorded.at).toMatch(/^\d{4}-11-06T15:00:00\+08:00$/);
    expect(recorded).toMatchObject({
      type: 'feedback',
      kind: '进展',
      method: '电话',
      content: '已电话告知进展',
    });
  });

  it('decide words the difficulty by the ledger’s own policy, and previews the deadline it starts', async () => {
    const r = repo([item('ZJJ-2026-0502', REPORTED)]);
    writeFileSync(
      path.join(r.ledger, 'policy.yaml'),
      [
        'version: 1',
        'rules:',
        '  - id: feedback',
        '    name: 向当事方反馈',
        '    owner: responsible',
        '    start:',
        '      - event: decided',
        '        where:',
        '          decision: [1]',
        '    stop:',
        '      - event: feedback',
        '    days_by_difficulty:',
        '      简单: 2',
        '      复杂: 4',
        '      特别复杂: 8',
        '',
      ].join('\n'),
    );
    const t = open(r, ['decide', 'ZJJ-2026-0502', '--at', '2026-11-04 10:00'], { BBCS_UNIT: 'qbb' });
    await t.waitFor('? 区办办理意见');
    t.press('Enter');
    const difficulty = await t.waitFor('? 难易程度');
    expect(difficulty).toContain('难易程度（决定向当事方反馈的期限：简单 2、复杂 4、特别复杂 8 个工作日）');
    expect(difficulty).toContain('开始计时：向当事方反馈 2 个工作日');
    t.press('Down');
    await t.waitFor('开始计时：向当事方反馈 4 个工作日');
    t.press('Enter');
    await t.waitFor('? 责任单位');
    t.press('Enter');
    await t.waitFor('? 办理意见说明');
    t.type('退回办理');
    t.press('Enter');
    const preview = await t.waitFor('? 确认写入？');
    // Decided on Wednesday 2026-11-04: four working days end on Tuesday 2026-11-10.
    expect(preview).toContain('  期限：向当事方反馈：4 个工作日，至 2026-11-10 24:00');
    expectFits(preview);
    t.press('C-c');
    expect(await t.exitCode()).not.toBe(0);
    expect(t.screen()).toContain('已取消，没有写入任何内容。');
  });
});

describe.skipIf(!HAS_TMUX)('bbcs next offers the step that is due first, or none', () => {
  it('offers feedback while the feedback deadline runs', async () => {
    const r = repo([item('ZJJ-2026-0601', HANDLING)]);
    const t = open(r, ['next', 'ZJJ-2026-0601'], { BBCS_UNIT: 'zjj' });
    const screen = await t.waitFor('? 选择要进行的步骤');
    expect(screen).toMatch(/❯ 向当事方反馈（bbcs feedback）/);
    expectFits(screen);
    t.press('C-c');
    await t.exitCode();
  });

  it('offers nothing for a new item, where no deadline runs: Enter alone does nothing', async () => {
    const r = repo([item('ZJJ-2026-0602', [])]);
    const t = open(r, ['next', 'ZJJ-2026-0602'], { BBCS_UNIT: 'zjj' });
    const screen = await t.waitFor('? 选择要进行的步骤');
    expect(screen).toMatch(/❯ （请选择要进行的步骤）/);
    expect(screen).not.toMatch(/❯ 当场告知不能办理/);
    t.press('Enter');
    await t.waitFor('请先用 ↑↓ 选择一项，再按回车');
    t.press('C-c');
    await t.exitCode();
    expect(readItem(r, 'zjj/ZJJ-2026-0602.yaml').events).toHaveLength(1);
  });
});
