import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { formatText } from '../../src/cli/format/diagnostics.js';

const at = (excerpt: string, column: number): string[] => {
  const d: Diagnostic = {
    code: 'yaml-syntax',
    severity: 'error',
    file: 'zjj/ZJJ-2026-0001.yaml',
    path: [],
    message: '语法错误',
    hint: '检查这一行',
    line: 9,
    column,
    excerpt,
  };
  return formatText(d, { root: '/ledger', cwd: '/ledger' }).split('\n').slice(1, 3);
};

describe('the source line under a diagnostic', () => {
  it('puts the caret under the character, past wide characters and tabs', () => {
    // 7 ASCII characters, then 受 and 理 (two columns each): the 10th character starts at column 12.
    expect(at('title: 受理事项', 10)).toEqual(['  9 | title: 受理事项', `    | ${' '.repeat(11)}^`]);
    expect(at('\tname: x', 3)).toEqual(['  9 | \tname: x', '    | \t ^']);
  });

  it('shows a stray control character as � without letting it act on the screen, the caret still in place', () => {
    // 8 ASCII characters, 清 and 屏 (two columns each), then � (one column): the [ after it is the 12th character.
    expect(at('title: "清屏\u001b[2J"', 12)).toEqual(['  9 | title: "清屏\uFFFD[2J"', `    | ${' '.repeat(13)}^`]);
    expect(at('id: x\r', 5)).toEqual(['  9 | id: x', '    |     ^']);
  });

  it('shows a value quoted in the message or hint the same way', () => {
    const d: Diagnostic = {
      code: 'invalid-value',
      severity: 'error',
      file: 'zjj/ZJJ-2026-0001.yaml',
      path: ['scope'],
      message: '适用范围「\u001b[2J七」不合法',
      hint: '不是「\u0007」',
      line: 9,
      column: 8,
    };
    const text = formatText(d, { root: '/ledger', cwd: '/ledger' });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('适用范围「\uFFFD[2J七」不合法');
    expect(text).toContain('提示：不是「\uFFFD」');
  });
});
