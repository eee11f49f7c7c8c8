import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventOf, type EventType } from '../../src/core/schema/events.js';
import type { Item } from '../../src/core/schema/item.js';
import {
  CHANNELS,
  CLASSES,
  CLOSING_OUTCOMES,
  DECISIONS,
  DIFFICULTIES,
  FEEDBACK_KINDS,
  FEEDBACK_METHODS,
  MEETING_LEADS,
  PARTY_KINDS,
  RESTART_BASES,
  SATISFACTION,
  SCOPES,
  TRANSFER_TARGETS,
} from '../../src/core/schema/vocabulary.js';
import { parseTimestamp } from '../../src/core/time.js';
import { derive } from '../../src/core/workflow/derive.js';
import { STATES, type State } from '../../src/core/workflow/states.js';
import { formatItem, formatUnit } from '../../src/io/ledger-format.js';
import { loadLedger } from '../../src/io/load-ledger.js';

/*
 * The demo ledger shipped in ledger/ is what a new user sees first (`npx bbcs validate` in the
 * README), and what the report commands are demonstrated on. It must be valid, reach every
 * corner of the mechanism, and be written exactly as bbcs itself writes files.
 */

const DEMO_LEDGER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ledger');

function instant(text: string): number {
  const parsed = parseTimestamp(text);
  if (!parsed.ok) throw new Error(`bad timestamp in test: ${text}`);
  return parsed.epochMs;
}

/** A fixed "now" for the demo: never the clock, so the test gives the same answer every day. */
const AS_OF = instant('2026-11-26T00:00:00+08:00');

const ledger = loadLedger(DEMO_LEDGER, AS_OF);
const entries = [...ledger.items.values()];
const items = entries.map((e) => e.item);
const events = items.flatMap((item) => item.events);

function eventsOf<K extends EventType>(type: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> => e.type === type);
}

function finalState(item: Item): State {
  return derive(item.channel, item.events).situation.state;
}

/** Asserts that `used` covers every value of `all`, naming what is missing when it does not. */
function expectCovers(what: string, used: Iterable<unknown>, all: readonly unknown[]): void {
  const seen = new Set([...used].map(String));
  const missing = all.map(String).filter((v) => !seen.has(v));
  expect(missing, `${what} not used by any demo item`).toEqual([]);
}

/** Every item file on disk: `<unit>/<ID>.yaml`, everything but unit.yaml and policy.yaml. */
function itemFilesOnDisk(): string[] {
  return readdirSync(DEMO_LEDGER, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'calendar')
    .flatMap((d) =>
      readdirSync(path.join(DEMO_LEDGER, d.name))
        .filter((f) => f.endsWith('.yaml') && f !== 'unit.yaml')
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}

describe('demo ledger', () => {
  it('validates with no errors and no warnings', () => {
    expect(ledger.diagnostics).toEqual([]);
    expect(ledger.units.size).toBe(6);
    expect(items.length).toBeGreaterThanOrEqual(20);
  });

  it('every item file on disk is a valid item', () => {
    expect(entries.map((e) => e.file).sort()).toEqual(itemFilesOnDisk());
  });

  it('every item follows the workflow without a rejected step', () => {
    for (const item of items) {
      expect(derive(item.channel, item.events).rejected, item.id).toEqual([]);
    }
  });

  it('reaches every state except unregistered as some item’s final state', () => {
    const reached = new Set(items.map(finalState));
    expectCovers(
      'final state',
      reached,
      STATES.filter((s) => s !== 'unregistered'),
    );
    expect(reached.has('unregistered')).toBe(false);
  });

  it('uses every scope, channel, party kind, class, decision and difficulty', () => {
    expectCovers(
      'scope',
      items.map((i) => i.scope),
      Object.keys(SCOPES),
    );
    expectCovers(
      'channel',
      items.map((i) => i.channel),
      Object.keys(CHANNELS),
    );
    expectCovers(
      'party kind',
      items.map((i) => i.party.kind),
      PARTY_KINDS,
    );
    expectCovers(
      'class',
      eventsOf('classified').map((e) => e.class),
      Object.keys(CLASSES),
    );
    expectCovers(
      'decision',
      eventsOf('decided').map((e) => e.decision),
      Object.keys(DECISIONS),
    );
    expectCovers(
      'difficulty',
      eventsOf('decided').flatMap((e) => (e.difficulty ? [e.difficulty] : [])),
      DIFFICULTIES,
    );
  });

  it('uses every event type and every value of the events’ own vocabularies', () => {
    expectCovers(
      'event type',
      events.map((e) => e.type),
      EVENT_TYPES,
    );
    expectCovers(
      'meeting lead',
      eventsOf('met').map((e) => e.led_by),
      MEETING_LEADS,
    );
    expectCovers(
      'feedback kind',
      eventsOf('feedback').map((e) => e.kind),
      FEEDBACK_KINDS,
    );
    expectCovers(
      'feedback method',
      eventsOf('feedback').map((e) => e.method),
      FEEDBACK_METHODS,
    );
    expectCovers(
      'closing outcome',
      eventsOf('closed').map((e) => e.outcome),
      CLOSING_OUTCOMES,
    );
    expectCovers(
      'satisfaction',
      eventsOf('visited').map((e) => e.satisfaction),
      SATISFACTION,
    );
    expectCovers(
      'transfer target',
      eventsOf('transferred').map((e) => e.to),
      TRANSFER_TARGETS,
    );
    expectCovers(
      'restart basis',
      eventsOf('restarted').map((e) => e.basis),
      RESTART_BASES,
    );
  });

  it('shows the optional links and the 区办’s own collection', () => {
    expect(items.some((i) => (i.related ?? []).length > 0)).toBe(true);
    const precedents = eventsOf('restarted').flatMap((e) => (e.precedent_item ? [e.precedent_item] : []));
    expect(precedents.length).toBeGreaterThan(0);
    for (const id of precedents) expect(ledger.items.has(id), id).toBe(true);

    const office = [...ledger.units.values()].find((u) => u.kind === '区办')!;
    const collected = items.filter((i) => i.channel === '区办收集');
    expect(collected.length).toBeGreaterThan(0);
    for (const item of collected) {
      expect(item.unit, item.id).toBe(office.code);
      expect(item.responsible_unit, item.id).toBeDefined();
    }
  });

  it('spreads items over every unit, numbered per unit from 0001 in order of registration', () => {
    for (const code of ledger.units.keys()) {
      const own = items
        .filter((i) => i.unit === code)
        .sort((a, b) => instant(a.events[0]!.at) - instant(b.events[0]!.at));
      expect(own.length, code).toBeGreaterThan(0);
      own.forEach((item, k) => expect(item.id).toBe(`${code.toUpperCase()}-2026-${String(k + 1).padStart(4, '0')}`));
    }
  });

  it('records the consents of the right leaders, and difficulty on every decision 1', () => {
    for (const item of items) {
      const unit = ledger.units.get(item.unit)!;
      const principals = new Set<string>();
      for (const event of item.events) {
        if (event.type === 'confirmed') expect(event.consent_by, item.id).toBe(unit.leader.name);
        if (event.type === 'reported') {
          expect(event.consent_by, item.id).toBeTruthy();
          expect(event.consent_by, `${item.id}: 主要领导 is not the 分管领导`).not.toBe(unit.leader.name);
          principals.add(event.consent_by!);
        }
        if (event.type === 'decided' && event.decision === 1) expect(event.difficulty, item.id).toBeDefined();
        if (event.type === 'closed' && event.outcome === '不能办理') expect(event.refusal_reason, item.id).toBeTruthy();
      }
      expect(principals.size, `${item.id}: one 主要领导 per unit`).toBeLessThanOrEqual(1);
    }
  });

  it('dates every event in 2026, in order, before 2026-11-20', () => {
    const limit = instant('2026-11-20T00:00:00+08:00');
    for (const item of items) {
      let previous = -Infinity;
      for (const event of item.events) {
        expect(event.at, item.id).toMatch(/^2026-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        const at = instant(event.at);
        expect(at, `${item.id} ${event.type}`).toBeGreaterThanOrEqual(previous);
        expect(at, `${item.id} ${event.type}`).toBeLessThan(limit);
        previous = at;
      }
    }
  });

  it('writes every item file exactly as formatItem does', () => {
    for (const { file, item } of entries) {
      const bytes = readFileSync(path.join(DEMO_LEDGER, file), 'utf8');
      expect(formatItem(item), file).toBe(bytes);
    }
  });

  it('writes every unit.yaml exactly as formatUnit does', () => {
    for (const unit of ledger.units.values()) {
      const file = path.join(DEMO_LEDGER, unit.code, 'unit.yaml');
      expect(formatUnit(unit), file).toBe(readFileSync(file, 'utf8'));
    }
  });
});
