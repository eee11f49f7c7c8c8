import { describe, expect, it } from 'vitest';
import { closestWord, compareCodes, editDistance } from '../../src/core/text.js';
import { EVENT_TYPES } from '../../src/core/schema/events.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['phone', 'phone', 0],
    ['phnoe', 'phone', 1], // a swap of neighbours counts as one
    ['hpone', 'phone', 1],
    ['phoen', 'phone', 1],
    ['phon', 'phone', 1], // deletion
    ['phonee', 'phone', 1], // insertion
    ['phome', 'phone', 1], // substitution
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edit of a swapped pair
    ['registerd', 'registered', 1],
    ['regsitered', 'registered', 1],
    ['办理', '办结', 1],
  ] as const)('%j → %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('is case sensitive (closestWord lowercases before comparing)', () => {
    expect(editDistance('Phone', 'phone')).toBe(1);
  });
});

describe('closestWord', () => {
  const ITEM_KEYS = [
    'id',
    'unit',
    'party',
    'title',
    'reason',
    'remark',
    'scope',
    'channel',
    'responsible_unit',
    'related',
    'events',
  ];
  const PARTY_KEYS = ['name', 'kind', 'phone'];

  it.each([
    ['phnoe', PARTY_KEYS, 'phone'],
    ['phon', PARTY_KEYS, 'phone'],
    ['nmae', PARTY_KEYS, 'name'],
    ['Phone', PARTY_KEYS, 'phone'],
    ['PHONE', PARTY_KEYS, 'phone'],
    ['evnets', ITEM_KEYS, 'events'],
    ['event', ITEM_KEYS, 'events'],
    ['titel', ITEM_KEYS, 'title'],
    ['chanel', ITEM_KEYS, 'channel'],
    ['resposible_unit', ITEM_KEYS, 'responsible_unit'],
    ['responsible', ITEM_KEYS, 'responsible_unit'], // a shortened key is a typo too
    ['consent', ['section', 'consent_by', 'note'], 'consent_by'],
    ['regsitered', EVENT_TYPES, 'registered'],
    ['registerd', EVENT_TYPES, 'registered'],
    ['confirm', EVENT_TYPES, 'confirmed'],
    ['decide', EVENT_TYPES, 'decided'],
    ['archive', EVENT_TYPES, 'archived'],
    ['restart', EVENT_TYPES, 'restarted'],
    ['transfered', EVENT_TYPES, 'transferred'],
    ['feedbak', EVENT_TYPES, 'feedback'],
  ] as const)('suggests %j → %j', (word, candidates, expected) => {
    expect(closestWord(word, candidates)).toBe(expected);
  });

  it.each([
    ['xyz', PARTY_KEYS],
    ['telephone', PARTY_KEYS],
    ['address', ITEM_KEYS],
    ['', PARTY_KEYS],
    ['status', EVENT_TYPES],
    ['approved', EVENT_TYPES],
    ['foo', EVENT_TYPES],
  ] as const)('does not suggest anything for %j', (word, candidates) => {
    expect(closestWord(word, candidates)).toBeUndefined();
  });

  it('does not suggest from an empty list', () => {
    expect(closestWord('phone', [])).toBeUndefined();
  });

  it('short words allow one edit only, longer ones a third of their length', () => {
    // "id" → one edit allowed
    expect(closestWord('ix', ['id'])).toBe('id');
    expect(closestWord('xy', ['id'])).toBeUndefined();
    // 9 letters → 3 edits allowed, 4 not
    expect(closestWord('abcdefxyz', ['abcdefghi'])).toBe('abcdefghi');
    expect(closestWord('abcdewxyz', ['abcdefghi'])).toBeUndefined();
  });

  it('prefers the nearest candidate and, at equal distance, the first listed', () => {
    expect(closestWord('kind', ['kinds', 'kind'])).toBe('kind');
    expect(closestWord('nam', ['name', 'nama'])).toBe('name');
    expect(closestWord('nam', ['nama', 'name'])).toBe('nama');
  });

  it('returns the candidate as spelt in the list', () => {
    expect(closestWord('CHANNEL', ['Channel'])).toBe('Channel');
  });
});

describe('compareCodes', () => {
  it('orders work-order numbers and unit codes by code unit, as collation does in en and zh-CN', () => {
    const ids = [
      'ZJJ-2026-0001',
      'ZJJ-2026-10000',
      'ZJJ-2026-9999',
      'ZJ-2026-0001',
      'Z1-2026-0001',
      'AB-2026-0002',
      'A1-2026-0001',
      'Y1-2026-0001',
      'I9-2026-0001',
      'K2-2026-0001',
      'ZJJ-2025-0001',
    ];
    const codes = ['zjj', 'zj', 'z1', 'ab', 'a1', 'y1', 'i9', 'k2', 'zhen02', 'zhen10'];
    for (const list of [ids, codes]) {
      const sorted = [...list].sort(compareCodes);
      for (const locale of ['en', 'zh-CN'])
        expect(sorted, locale).toEqual([...list].sort(new Intl.Collator(locale).compare));
      // The default sort compares code units: no locale comes into it.
      expect(sorted).toEqual([...list].sort());
    }
    expect(compareCodes('ZJJ-2026-0001', 'ZJJ-2026-0001')).toBe(0);
  });
});
