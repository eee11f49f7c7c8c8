import { describe, expect, it } from 'vitest';
import { checkStepTime } from '../../src/core/answers.js';
import { deadlinesStarted, difficultyDeadline } from '../../src/core/deadlines/describe.js';
import { policyFrom } from '../../src/core/deadlines/default-policy.js';
import { guessPartyKind } from '../../src/core/party-kind.js';
import { describeTimeProblem, echoEnteredTime, parseEnteredTime } from '../../src/core/time-input.js';

/**
 * Times as officers type them, read as China time whatever the machine's zone (run these under
 * TZ=America/New_York too): every expectation is an instant built with Date.UTC from the China
 * wall clock minus eight hours. "Now" is fixed: 2026-12-05 10:30 in China.
 */
const NOW = Date.UTC(2026, 11, 5, 2, 30);
const china = (y: number, mo: number, d: number, h: number, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('parseEnteredTime: the ways people write a time', () => {
  const accepted: [string, number][] = [
    ['2026-12-01 09:30', china(2026, 12, 1, 9, 30)],
    ['2026-12-01T09:30:15', china(2026, 12, 1, 9, 30, 15)],
    ['2026-12-01T01:30:00Z', china(2026, 12, 1, 9, 30)],
    ['2026/12/1 9:30', china(2026, 12, 1, 9, 30)],
    ['2026-12-1 9:30', china(2026, 12, 1, 9, 30)],
    ['2026.12.1 9:30', china(2026, 12, 1, 9, 30)],
    ['２０２６／１２／１　９：３０', china(2026, 12, 1, 9, 30)],
    ['2026年12月1日 9:30', china(2026, 12, 1, 9, 30)],
    ['2026年12月1日9时30分', china(2026, 12, 1, 9, 30)],
    ['2026年12月1日 上午9点半', china(2026, 12, 1, 9, 30)],
    ['2026年12月1号下午3点', china(2026, 12, 1, 15, 0)],
    ['2026年12月1日 下午3点15分', china(2026, 12, 1, 15, 15)],
    ['2026年12月1日 晚上8点一刻', china(2026, 12, 1, 20, 15)],
    ['2026年12月1日 中午1点', china(2026, 12, 1, 13, 0)],
    ['2026年12月1日 凌晨12点', china(2026, 12, 1, 0, 0)],
    ['二〇二六年十二月一日 上午九点三十分', china(2026, 12, 1, 9, 30)],
    ['2026年12月1日 十点整', china(2026, 12, 1, 10, 0)],
    ['12月1日 9:30', china(2026, 12, 1, 9, 30)],
    ['12/1 9:30', china(2026, 12, 1, 9, 30)],
    // A date later in the year than today is last year's: what is recorded has already happened.
    ['12月20日 9:30', china(2025, 12, 20, 9, 30)],
    ['今天 9:30', china(2026, 12, 5, 9, 30)],
    ['昨天下午4点', china(2026, 12, 4, 16, 0)],
    ['前天 16:00', china(2026, 12, 3, 16, 0)],
    ['下午3点', china(2026, 12, 5, 15, 0)],
    ['9:05', china(2026, 12, 5, 9, 5)],
  ];
  it.each(accepted)('%s', (text, epochMs) => {
    expect(parseEnteredTime(text, NOW)).toEqual({ ok: true, epochMs });
  });

  it('the start of a year without a year written: 1月1日 typed on 1 January is this year, 12月31日 last year', () => {
    const newYear = china(2027, 1, 1, 8);
    expect(parseEnteredTime('1月1日 7:00', newYear)).toEqual({ ok: true, epochMs: china(2027, 1, 1, 7) });
    expect(parseEnteredTime('12月31日 23:00', newYear)).toEqual({ ok: true, epochMs: china(2026, 12, 31, 23) });
    expect(parseEnteredTime('昨天 23:00', newYear)).toEqual({ ok: true, epochMs: china(2026, 12, 31, 23) });
  });

  const refused: [string, string][] = [
    ['2026-12-01', 'date-only'],
    ['2026年12月1日', 'date-only'],
    ['12月1日', 'date-only'],
    ['昨天', 'date-only'],
    ['2026/2/30 9:30', 'no-such-date'],
    ['2026年2月29日 9:30', 'no-such-date'],
    ['2026/12/1 25:00', 'out-of-range'],
    ['2026/12/1 9:60', 'out-of-range'],
    ['2026年12月1日 晚上12点', 'out-of-range'],
    ['2026年12月1日 上午15点', 'out-of-range'],
    ['1826/12/1 9:30', 'out-of-range'],
    ['明天上午', 'format'],
    ['下周一 9:30', 'format'],
    ['9', 'format'],
    ['', 'format'],
  ];
  it.each(refused)('refuses %s (%s)', (text, problem) => {
    expect(parseEnteredTime(text, NOW)).toEqual({ ok: false, problem });
  });

  it('without "now", a date without its year is refused rather than guessed', () => {
    expect(parseEnteredTime('12月1日 9:30')).toEqual({ ok: false, problem: 'no-year' });
    expect(parseEnteredTime('2026/12/1 9:30')).toEqual({ ok: true, epochMs: china(2026, 12, 1, 9, 30) });
  });

  it('echoes what was typed as the ledger reads it back, and names the accepted forms when refusing', () => {
    expect(echoEnteredTime('12月1日 上午9点半', NOW)).toBe('2026-12-01 09:30');
    expect(echoEnteredTime('昨天下午4点', NOW)).toBe('2026-12-04 16:00');
    expect(echoEnteredTime('不是时间', NOW)).toBe('不是时间');
    expect(describeTimeProblem('12月1日', 'date-only')).toBe(
      '「12月1日」只有日期，没有时刻：可写 2026-03-02 09:30（北京时间），也可写 2026/3/2 9:30、3月2日 上午9点半、昨天 16:00',
    );
  });
});

describe('checkStepTime', () => {
  const last = { name: '登记', at: '2026-12-01T09:00:00+08:00' };
  it('takes a past time after the last event, with its ISO form', () => {
    expect(checkStepTime('时间', '12月1日 上午9点半', NOW, last)).toEqual({
      ok: true,
      value: { epochMs: china(2026, 12, 1, 9, 30), iso: '2026-12-01T09:30:00+08:00' },
    });
  });
  it('refuses the future and a time before the last event, each in one sentence', () => {
    expect(checkStepTime('时间', '今天 11:00', NOW, last)).toEqual({
      ok: false,
      message: '时间 2026-12-05 11:00 晚于当前时间 2026-12-05 10:30（北京时间）：不能预先记录尚未发生的步骤',
    });
    expect(checkStepTime('时间', '2026/12/1 8:59', NOW, last)).toEqual({
      ok: false,
      message: '时间 2026-12-01 08:59 早于该事项上一个事件“登记”的时间 2026-12-01 09:00：事件按发生先后记录',
    });
  });
  it('the current minute, as the prompt offers it, means now: never before a last event of the same minute', () => {
    const justBefore = { name: '登记', at: '2026-12-05T10:30:00+08:00' };
    const now = NOW + 40_000;
    expect(checkStepTime('时间', '2026-12-05 10:30', now, justBefore)).toMatchObject({
      ok: true,
      value: { epochMs: now },
    });
  });
});

describe('the deadlines the policy sets, in the questions that start them', () => {
  const policy = policyFrom(undefined);
  it('reads them from the policy in force, not from the defaults', () => {
    expect(difficultyDeadline(policy)).toBe('向当事方反馈的期限：简单 3、复杂 5、特别复杂 10 个工作日');
    expect(deadlinesStarted(policy, 'decided', 'difficulty', '复杂')).toBe('开始计时：向当事方反馈 5 个工作日');
    expect(deadlinesStarted(policy, 'classified', 'class', '2')).toBe('开始计时：上报区办 1 个工作日');
    expect(deadlinesStarted(policy, 'classified', 'class', '1')).toBeUndefined();
    const own = {
      ...policy,
      rules: policy.rules.map((r) =>
        r.id === 'feedback' ? { ...r, days_by_difficulty: { 简单: 2, 复杂: 4, 特别复杂: 8 } } : r,
      ),
    };
    expect(difficultyDeadline(own)).toBe('向当事方反馈的期限：简单 2、复杂 4、特别复杂 8 个工作日');
    expect(deadlinesStarted(own, 'decided', 'difficulty', '特别复杂')).toBe('开始计时：向当事方反馈 8 个工作日');
  });
});

describe('guessPartyKind', () => {
  it('an enterprise by its name, a person otherwise', () => {
    expect(guessPartyKind('淮阴某建材有限公司')).toBe('企业');
    expect(guessPartyKind('王营镇某某超市')).toBe('企业');
    expect(guessPartyKind('张三')).toBe('群众');
  });
});
