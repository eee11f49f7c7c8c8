import { describe, expect, it } from 'vitest';
import { displayWidth, printable, wrap } from '../../src/cli/format/width.js';

describe('terminal width of Chinese text', () => {
  it('counts CJK characters and full-width punctuation as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('工单编号')).toBe(8);
    expect(displayWidth('（一）、')).toBe(8);
    expect(displayWidth('\u001b[1m加粗\u001b[0m')).toBe(4);
  });

  it('wraps between any two Chinese characters, within the width', () => {
    const lines = wrap('登记一个办不成事事项并写入台账', 10).split('\n');
    expect(lines).toEqual(['登记一个办', '不成事事项', '并写入台账']);
  });

  it('never starts a line with 、，。） nor ends one with （“', () => {
    for (const width of [8, 10, 12, 14, 16, 20]) {
      const lines = wrap(
        '建立新的台账仓库：Git 仓库、ledger/（办理期限规则、节假日日历目录、区办单位）、README.md',
        width,
      ).split('\n');
      for (const line of lines) {
        expect(line).not.toMatch(/^[、，。；：）]/);
        expect(line).not.toMatch(/[（“]$/);
      }
      expect(lines.join('').replace(/\s/g, '')).toBe(
        '建立新的台账仓库：Git仓库、ledger/（办理期限规则、节假日日历目录、区办单位）、README.md',
      );
    }
  });
});

describe('terminal width beyond the common ideographs', () => {
  it('counts supplementary ideographs (rare characters in names) as two columns', () => {
    expect(displayWidth('𠮷')).toBe(2);
    expect(displayWidth('𠮷a中')).toBe(5);
    expect(displayWidth('\ud842')).toBe(1);
  });
});

describe('ledger text shown on a terminal', () => {
  it('turns a tab into a space, a carriage return into a line break and any other control character into �', () => {
    expect(printable('受理\t事项')).toBe('受理 事项');
    expect(printable('第一行\r\n第二行\r第三行\n第四行')).toBe('第一行\n第二行\n第三行\n第四行');
    expect(printable('\u001b[2J清屏\u0007\u0000\u007f\u009b')).toBe('\uFFFD[2J清屏\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(printable('普通文字 ABC 123（全角）')).toBe('普通文字 ABC 123（全角）');
    expect(printable('甲\u202e乙丙\u2066丁\u2028戊')).toBe('甲\uFFFD乙丙\uFFFD丁\n戊');
  });
});
