import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../src/io/yaml-source.js';

const parse = (text: string) => parseYamlSource('zjj/ZJJ-2026-0001.yaml', Buffer.from(text, 'utf8'));
const where = (text: string) => parse(text).diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);

describe('parseYamlSource guards against hostile files', () => {
  it('finds every duplicate key, at any depth, at the repeated key', () => {
    expect(where('a: 1\nb:\n  c: 2\n  c: 3\na: 4\n').sort()).toEqual([
      'yaml-duplicate-key@4:3',
      'yaml-duplicate-key@5:1',
    ]);
    expect(parse('a: 1\na: 2\n').value).toBeUndefined();
  });

  it('finds a duplicate among many keys (the library check is quadratic; ours is not)', () => {
    let text = '';
    for (let i = 0; i < 5000; i++) text += `k${i}: v\n`;
    expect(where(`${text}k17: again\n`)).toEqual(['yaml-duplicate-key@5001:1']);
  });

  it('refuses deep bracket nesting before parsing, at the bracket that goes too deep', () => {
    const text = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(where(text)).toEqual(['yaml-syntax@1:36']);
  });

  it('does not count brackets inside quotes or comments', () => {
    const text = `a: 'it''s ${'['.repeat(40)}'\nb: "${'{'.repeat(40)}"\nc: [1, [2]] # ${'['.repeat(40)}\n`;
    const result = parse(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.value).toEqual({ a: `it's ${'['.repeat(40)}`, b: '{'.repeat(40), c: [1, [2]] });
  });
});
