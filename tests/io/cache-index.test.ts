import { describe, expect, it } from 'vitest';
import { DecodedIndex, encodeIndex, type CacheEntry } from '../../src/io/cache-index.js';

const HEADER = { format: 4, code: 'c', units: 'u', facets: 'f', segments: [] };
const entry = (id: string): CacheEntry => ({
  sha1: '0'.repeat(40),
  sig: null,
  id,
  links: [],
  diagnostics: [],
  latest: 0,
});
const FILES = [
  'zjj/ZJJ-2026-0001.yaml',
  'zjj/ZJJ-2026-0002.yaml',
  'wangying/王营-1.yaml',
  'wangying/WY-2026-0001.yaml',
  'x/a.yaml',
];
const decoded = (files: readonly string[]): DecodedIndex =>
  DecodedIndex.decode(
    encodeIndex(
      HEADER,
      files.map((f, i) => [f, entry(`ID-${i}`)] as const),
    ),
  )!;

describe('cache index lookup', () => {
  it('finds every file, asked in order, again, out of order, and after a rewind', () => {
    const index = decoded(FILES);
    expect(index.size).toBe(FILES.length);
    expect(index.files()).toEqual(FILES);
    FILES.forEach((f, row) => {
      expect(index.rowOf(f)).toBe(row);
      expect(index.rowOf(f)).toBe(row);
    });
    expect([...FILES].reverse().map((f) => index.rowOf(f))).toEqual([4, 3, 2, 1, 0]);
    index.rewind();
    expect(FILES.map((f) => index.rowOf(f))).toEqual([0, 1, 2, 3, 4]);
    expect(index.entry(2, FILES[2]!, true).id).toBe('ID-2');
  });

  it('does not take a file for another of the same length or a prefix, and knows what it lacks', () => {
    const index = decoded(FILES);
    expect(index.rowOf('zjj/ZJJ-2026-0003.yaml')).toBeUndefined();
    expect(index.rowOf('zjj/ZJJ-2026-0001.yam')).toBeUndefined();
    expect(index.rowOf('zjj/ZJJ-2026-0001.yaml')).toBe(0);
    expect(index.rowOf('zjj/ZJJ-2026-0001.yamlx')).toBeUndefined();
    expect(index.rowOf('')).toBeUndefined();
  });

  it('holds one file, or none', () => {
    expect(decoded(['a/b.yaml']).rowOf('a/b.yaml')).toBe(0);
    expect(decoded(['a/b.yaml']).files()).toEqual(['a/b.yaml']);
    expect(decoded([]).size).toBe(0);
    expect(decoded([]).rowOf('a/b.yaml')).toBeUndefined();
  });

  it('refuses an index whose names do not match its records', () => {
    const bytes = encodeIndex(
      HEADER,
      FILES.map((f, i) => [f, entry(`ID-${i}`)] as const),
    );
    // The last name's final byte turned into a separator: one name too many.
    const extra = Buffer.from(bytes);
    extra[extra.length - 2] = 0;
    expect(DecodedIndex.decode(extra)).toBeUndefined();
  });
});
