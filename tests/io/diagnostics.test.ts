import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, HISTORY_CODES, type Diagnostic, type DiagnosticCode } from '../../src/core/diagnostics.js';
import { parseTimestamp } from '../../src/core/time.js';
import { formatItem, formatUnit } from '../../src/io/ledger-format.js';
import { loadLedger, type LoadedLedger } from '../../src/io/load-ledger.js';
import { DIAGNOSTIC_FIXTURES, HISTORY_FIXTURES, HOSTILE_CASES } from '../fixtures/diagnostics.js';
import { MINI_LEDGER, tempLedger, type FileSpec } from '../helpers/temp-ledger.js';

/** A fixed "now", never the clock: 2026-11-26 12:00 China time. */
const AS_OF = (() => {
  const parsed = parseTimestamp('2026-11-26T12:00:00+08:00');
  if (!parsed.ok) throw new Error('AS_OF does not parse');
  return parsed.epochMs;
})();

/** Codes that the ledger's own invariants make impossible to report alone (see the fixture). */
const NOT_ISOLATABLE: readonly DiagnosticCode[] = ['duplicate-id'];

const MINI_ITEMS = {
  'ZJJ-2026-0001': 'zjj/ZJJ-2026-0001.yaml',
  'ZJJ-2026-0002': 'zjj/ZJJ-2026-0002.yaml',
  'WANGYING-2026-0001': 'wangying/WANGYING-2026-0001.yaml',
};

function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
const MINI_FILES = filesOf(MINI_LEDGER);

function load(files: Record<string, FileSpec>): LoadedLedger {
  const repo = tempLedger(files, MINI_LEDGER, false);
  try {
    return loadLedger(repo.ledger, AS_OF);
  } finally {
    repo.cleanup();
  }
}

const codesOf = (diagnostics: readonly Diagnostic[]): DiagnosticCode[] =>
  [...new Set(diagnostics.map((d) => d.code))].sort();
const sorted = (codes: readonly DiagnosticCode[]): DiagnosticCode[] => [...new Set(codes)].sort();
const HAN = /\p{Script=Han}/u;

function expectWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const where = `${d.file} [${d.code}]`;
    expect(d.line, where).toBeGreaterThanOrEqual(1);
    expect(d.column, where).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(d.line) && Number.isInteger(d.column), where).toBe(true);
    expect(d.message, where).toMatch(HAN);
    expect(d.hint, where).toMatch(HAN);
    expect(d.file, where).not.toMatch(/^\/|\\|^\.\.\//);
  }
}

function expectMiniItemsLoaded(ledger: LoadedLedger): void {
  for (const [id, file] of Object.entries(MINI_ITEMS)) {
    expect(ledger.items.get(id)?.file, id).toBe(file);
  }
  expect([...ledger.units.keys()]).toEqual(expect.arrayContaining(['qbb', 'zjj', 'wangying']));
}

describe('the mini ledger', () => {
  it('is valid: no diagnostics, 3 units, 3 items', () => {
    const ledger = load({});
    expect(ledger.diagnostics).toEqual([]);
    expect([...ledger.units.keys()].sort()).toEqual(['qbb', 'wangying', 'zjj']);
    expect([...ledger.items.keys()].sort()).toEqual(Object.keys(MINI_ITEMS).sort());
    expectMiniItemsLoaded(ledger);
  });

  it('is written exactly as formatItem and formatUnit write it', () => {
    const ledger = load({});
    const read = (rel: string) => readFileSync(path.join(MINI_LEDGER, rel), 'utf8');
    for (const { file, item } of ledger.items.values()) expect(formatItem(item), file).toBe(read(file));
    for (const unit of ledger.units.values()) expect(formatUnit(unit), unit.code).toBe(read(`${unit.code}/unit.yaml`));
  });
});

describe('diagnostic fixtures', () => {
  it('cover every code of DIAGNOSTIC_CODES exactly once (history codes by the history fixtures, tests/io/history.test.ts)', () => {
    expect(HISTORY_FIXTURES.map((f) => f.code).sort()).toEqual([...HISTORY_CODES].sort());
    const codes = [...DIAGNOSTIC_FIXTURES, ...HISTORY_FIXTURES].map((f) => f.code);
    expect(new Set(codes).size, 'a code has two fixtures').toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
  });

  it('allow companion codes only where the ledger makes isolation impossible', () => {
    const withCompanions = DIAGNOSTIC_FIXTURES.filter((f) => f.companions).map((f) => f.code);
    expect(withCompanions).toEqual(NOT_ISOLATABLE);
    for (const f of DIAGNOSTIC_FIXTURES.filter((x) => x.companions)) {
      expect(f.companions!.codes).toHaveLength(1);
      expect(f.companions!.codes).not.toContain(f.code);
    }
  });

  it.each(DIAGNOSTIC_FIXTURES.map((f) => [f.code, f] as const))('%s', (code, fixture) => {
    const ledger = load(fixture.files);
    const expected = sorted([code, ...(fixture.companions?.codes ?? [])]);
    expect(codesOf(ledger.diagnostics), fixture.description).toEqual(expected);
    expectWellFormed(ledger.diagnostics);
    // The overlay breaks only itself: the mini ledger's own files stay clean and loaded.
    expect(ledger.diagnostics.filter((d) => MINI_FILES.includes(d.file))).toEqual([]);
    expectMiniItemsLoaded(ledger);
  });
});

describe('hostile inputs', () => {
  it.each(HOSTILE_CASES.map((c) => [c.description, c] as const))('%s', (_description, hostile) => {
    const ledger = load(hostile.files);
    expect(codesOf(ledger.diagnostics)).toEqual(sorted(hostile.expect));
    expectWellFormed(ledger.diagnostics);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('all fixtures in one ledger: every code is still reported and the valid items still load', () => {
    const merged: Record<string, FileSpec> = {};
    for (const fixture of DIAGNOSTIC_FIXTURES) {
      for (const [rel, spec] of Object.entries(fixture.files)) {
        expect(merged, `${rel} is used by two fixtures`).not.toHaveProperty([rel]);
        expect(MINI_FILES, `${fixture.code} overwrites a mini ledger file`).not.toContain(rel);
        merged[rel] = spec;
      }
    }
    const ledger = load(merged);
    expect(codesOf(ledger.diagnostics)).toEqual(
      sorted((Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]).filter((c) => !HISTORY_CODES.includes(c))),
    );
    expectWellFormed(ledger.diagnostics);
    expectMiniItemsLoaded(ledger);
    // Each fixture's problem is still found in its own files, not just somewhere in the ledger.
    for (const fixture of DIAGNOSTIC_FIXTURES) {
      const touched = Object.keys(fixture.files).map((rel) => rel.split('/')[0]!);
      expect(
        ledger.diagnostics.some((d) => d.code === fixture.code && touched.includes(d.file.split('/')[0]!)),
        fixture.code,
      ).toBe(true);
    }
  });
});
