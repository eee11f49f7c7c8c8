import { describe, expect, it } from 'vitest';
import {
  allocateIds,
  chooseKept,
  formatItemId,
  highestSeq,
  IdsExhausted,
  idsInPath,
  idsInText,
  idYear,
  nextItemId,
  parseItemId,
  renumberRemark,
} from '../../src/core/ids.js';
import { ITEM_ID } from '../../src/core/schema/fields.js';
import { parseTimestamp } from '../../src/core/time.js';

const at = (iso: string) => {
  const parsed = parseTimestamp(iso);
  if (!parsed.ok) throw new Error(iso);
  return parsed.epochMs;
};

describe('工单编号 format', () => {
  it('parses and formats unit, year and sequence', () => {
    expect(parseItemId('ZJJ-2026-0007')).toEqual({ prefix: 'ZJJ', year: 2026, seq: 7 });
    expect(parseItemId('WANGYING-2025-12345')).toEqual({ prefix: 'WANGYING', year: 2025, seq: 12345 });
    expect(parseItemId('zjj-2026-0007')).toBeUndefined();
    expect(parseItemId('ZJJ-26-0007')).toBeUndefined();
    expect(formatItemId('zjj', 2026, 7)).toBe('ZJJ-2026-0007');
    expect(formatItemId('wangying', 2026, 12345)).toBe('WANGYING-2026-12345');
    expect(ITEM_ID.test(formatItemId('zjj', 2026, 999_999))).toBe(true);
  });

  it('numbers by the year of 受理时间 in China time, whatever the offset written', () => {
    expect(idYear(at('2025-12-31T23:59:59+08:00'))).toBe(2025);
    expect(idYear(at('2026-01-01T00:00:00+08:00'))).toBe(2026);
    // 2025-12-31 16:30 UTC is 2026-01-01 00:30 in Huai'an.
    expect(idYear(at('2025-12-31T16:30:00Z'))).toBe(2026);
    expect(idYear(at('2025-12-31T11:00:00-05:00'))).toBe(2026);
    expect(idYear(at('2025-12-31T10:00:00-05:00'))).toBe(2025);
  });
});

describe('allocation', () => {
  const used = [
    'ZJJ-2026-0001',
    'ZJJ-2026-0002',
    'ZJJ-2026-0009',
    'ZJJ-2025-0040',
    'WANGYING-2026-0003',
    'ZJJX-2026-0050',
  ];

  it('goes one past the highest number of the same unit and year, leaving gaps as gaps', () => {
    expect(highestSeq(used, 'zjj', 2026)).toBe(9);
    expect(nextItemId(used, 'zjj', 2026)).toBe('ZJJ-2026-0010');
    expect(nextItemId(used, 'zjj', 2025)).toBe('ZJJ-2025-0041');
    expect(nextItemId(used, 'wangying', 2026)).toBe('WANGYING-2026-0004');
  });

  it('starts each unit and year at 0001', () => {
    expect(nextItemId(used, 'zjj', 2027)).toBe('ZJJ-2027-0001');
    expect(nextItemId(used, 'scj', 2026)).toBe('SCJ-2026-0001');
    expect(nextItemId([], 'zjj', 2026)).toBe('ZJJ-2026-0001');
  });

  it('does not confuse a unit with one whose code begins the same way', () => {
    expect(highestSeq(['ZJJX-2026-0050'], 'zjj', 2026)).toBe(0);
  });

  it('reads ids case-insensitively, so a hand-typed lowercase id still reserves its number', () => {
    expect(nextItemId(['zjj-2026-0030'], 'zjj', 2026)).toBe('ZJJ-2026-0031');
  });

  it('ignores what is not an id', () => {
    expect(nextItemId(['unit', 'ZJJ-2026', 'ZJJ-2026-07', 'policy'], 'zjj', 2026)).toBe('ZJJ-2026-0001');
  });

  it('gives several consecutive ids at once, and grows past four digits', () => {
    expect(allocateIds(used, 'zjj', 2026, 3)).toEqual(['ZJJ-2026-0010', 'ZJJ-2026-0011', 'ZJJ-2026-0012']);
    expect(nextItemId(['ZJJ-2026-9999'], 'zjj', 2026)).toBe('ZJJ-2026-10000');
  });

  it('refuses past six digits', () => {
    expect(() => nextItemId(['ZJJ-2026-999999'], 'zjj', 2026)).toThrow(IdsExhausted);
    expect(() => allocateIds(['ZJJ-2026-999998'], 'zjj', 2026, 2)).toThrow(IdsExhausted);
  });
});

describe('where ids are found', () => {
  it('in file names, with or without folders, and in the names git gives conflict copies', () => {
    expect(idsInPath('ledger/zjj/ZJJ-2026-0008.yaml')).toEqual(['ZJJ-2026-0008']);
    expect(idsInPath('zjj\\ZJJ-2026-0008.yaml')).toEqual(['ZJJ-2026-0008']);
    expect(idsInPath('ZJJ-2026-0008.yaml~HEAD')).toEqual(['ZJJ-2026-0008']);
    expect(idsInPath('ledger/zjj/unit.yaml')).toEqual([]);
    expect(idsInPath('ledger/zjj/ZJJ-2026-0008.yml')).toEqual([]);
    expect(idsInPath('ledger/zjj/notes.yaml')).toEqual([]);
  });

  it('in the id line of a file, also one with conflict markers or syntax errors', () => {
    const conflicted = [
      '# 事项',
      '',
      'id: ZJJ-2026-0008 # 工单编号',
      'unit: zjj',
      '<<<<<<< HEAD',
      'title: 甲',
      '=======',
      'title: 乙',
      '>>>>>>> origin/main',
    ].join('\n');
    expect(idsInText(conflicted)).toEqual(['ZJJ-2026-0008']);
    expect(idsInText('id: "ZJJ-2026-0009"\n')).toEqual(['ZJJ-2026-0009']);
    expect(idsInText("id: 'ZJJ-2026-0010'   # c\n")).toEqual(['ZJJ-2026-0010']);
    expect(idsInText('related:\n  - ZJJ-2026-0011\nevents: []\n')).toEqual([]);
    expect(idsInText('  id: ZJJ-2026-0012\n')).toEqual([]);
  });
});

describe('renumbering', () => {
  it('records the old number in 备注, after what was there', () => {
    expect(renumberRemark('ZJJ-2026-0008', 'ZJJ-2026-0009', '2026-11-26')).toBe(
      '原工单编号 ZJJ-2026-0008（与另一事项重号，2026-11-26 改为 ZJJ-2026-0009）',
    );
    expect(renumberRemark('ZJJ-2026-0008', 'ZJJ-2026-0009', '2026-11-26', '当事人要求书面答复')).toBe(
      '当事人要求书面答复；原工单编号 ZJJ-2026-0008（与另一事项重号，2026-11-26 改为 ZJJ-2026-0009）',
    );
  });

  it('keeps the number for the side already in the shared repository', () => {
    expect(chooseKept({ ours: false, theirs: true }).keep).toBe('theirs');
    expect(chooseKept({ ours: true, theirs: false }).keep).toBe('ours');
    expect(chooseKept({ ours: false, theirs: false }).keep).toBe('ours');
    expect(chooseKept({ ours: true, theirs: true }).keep).toBe('ours');
    expect(chooseKept({ ours: false, theirs: true }, 'ours').keep).toBe('ours');
    expect(chooseKept({ ours: true, theirs: false }, 'theirs').keep).toBe('theirs');
    for (const choice of [chooseKept({ ours: false, theirs: false }), chooseKept({ ours: false, theirs: true })])
      expect(choice.why).toMatch(/\p{Script=Han}/u);
  });
});
