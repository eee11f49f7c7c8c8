import { createHash } from 'node:crypto';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { LedgerContext } from '../core/checks/context.js';
import { checkItem } from '../core/checks/item.js';
import { checkLedger, type CheckedItem, type CheckedUnit } from '../core/checks/ledger.js';
import { checkPolicy } from '../core/checks/policy.js';
import { checkUnit } from '../core/checks/unit.js';
import { checkCalendarFile } from '../core/checks/calendar.js';
import type { Calendar, YearSchedule } from '../core/calendar/calendar.js';
import { policyFrom } from '../core/deadlines/default-policy.js';
import type { Item } from '../core/schema/item.js';
import type { Policy } from '../core/schema/policy.js';
import { mergeCalendar } from './load-calendar.js';
import type { Unit } from '../core/schema/unit.js';
import { readBytes, scanLedger, type LedgerFile } from './ledger-scan.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { parseFast } from './parse-fast.js';
import { CheckCache, contentKey, type CachedCheck } from './cache.js';
import { parseTimestamp } from '../core/time.js';

export interface LoadedLedger {
  root: string;
  units: Map<string, Unit>;
  /** Items whose files are valid enough to report on, by id. */
  items: Map<string, { file: string; item: Item }>;
  /** The deadline rules in force: the ledger's policy file, or the defaults where it is broken or absent. */
  policy: Policy;
  /** The bundled schedules with the ledger's own calendar years laid over them. */
  calendar: Calendar;
  /** Every problem found, located and sorted. */
  diagnostics: Diagnostic[];
}

interface Parsed {
  entry: LedgerFile;
  source?: YamlSource;
}

/**
 * Reads and checks the whole ledger. Units first, because items are checked against them;
 * then items; then what only the whole ledger shows (duplicates, links).
 */
export function loadLedger(root: string, asOf: number): LoadedLedger {
  const scan = scanLedger(root, true);
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const sources = new Map<string, YamlSource>();
  // Units, policy and calendar files are few: always parsed with positions. Item files are
  // checked one by one below, through the cache and the quick parse.
  const parsed: Parsed[] = scan.files.map((entry) => {
    if (!entry.bytes || entry.kind === 'item') return { entry };
    const source = parseYamlSource(entry.file, entry.bytes);
    sources.set(entry.file, source);
    diagnostics.push(...source.diagnostics);
    return { entry, source };
  });
  const readable = parsed.filter((p): p is Required<Parsed> => p.source?.value !== undefined);

  const checkedUnits: CheckedUnit[] = [];
  for (const { entry, source } of readable.filter((p) => p.entry.kind === 'unit')) {
    const result = checkUnit(source.value, entry);
    diagnostics.push(...result.diagnostics);
    if (result.unit) checkedUnits.push({ file: entry.file, unit: result.unit });
  }
  const units = new Map(checkedUnits.map((u) => [u.unit.code, u.unit]));
  const context: LedgerContext = { units, asOf };

  let policy = policyFrom(undefined);
  const ledgerYears: YearSchedule[] = [];
  for (const { entry, source } of readable) {
    if (entry.kind === 'policy') {
      const result = checkPolicy(source.value, entry.file);
      diagnostics.push(...result.diagnostics);
      if (result.policy) policy = result.policy;
    }
    if (entry.kind === 'calendar') {
      const result = checkCalendarFile(source.value, entry.file, entry.stem);
      diagnostics.push(...result.diagnostics);
      if (result.schedule) ledgerYears.push(result.schedule);
    }
  }

  const cache = CheckCache.open(root);
  // What the item checks consult besides the file itself (every unit, whole); part of every cache key.
  const unitsKey = createHash('sha1')
    .update(JSON.stringify([...units.entries()].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');
  const itemFiles = new Map<string, LedgerFile>();
  const checkedItems: CheckedItem[] = [];
  for (const listed of scan.files) {
    if (listed.kind !== 'item') continue;
    itemFiles.set(listed.file, listed);
    const entry = readBytes(root, listed, diagnostics);
    if (!entry.bytes) continue;
    const key = cache ? contentKey(entry.bytes, entry.file, unitsKey) : '';
    let checked = cache?.get(key, asOf);
    if (!checked) {
      checked = checkItemFile(entry, context);
      cache?.put(key, checked, asOf);
    }
    diagnostics.push(...checked.diagnostics);
    checkedItems.push({ ...checked, file: entry.file });
  }
  cache?.save();
  diagnostics.push(...checkLedger(checkedUnits, checkedItems));

  const items = new Map<string, { file: string; item: Item }>();
  for (const checked of checkedItems) {
    if (checked.item && !items.has(checked.item.id)) items.set(checked.item.id, { file: checked.file, item: checked.item });
  }
  // Cross-file findings about item files are located with a positional parse, made only for
  // them (the file is read again: item bytes are not kept, to bound the memory a large ledger takes).
  const sourceOf = (file: string): YamlSource | undefined => {
    const listed = itemFiles.get(file);
    if (!sources.has(file) && listed) {
      const bytes = readBytes(root, listed, []).bytes;
      if (bytes) sources.set(file, parseYamlSource(file, bytes));
    }
    return sources.get(file);
  };
  const located = diagnostics.map((d) => (d.line !== undefined ? d : sourceOf(d.file)?.locate(d) ?? d)).sort(compareDiagnostics);
  const calendar = mergeCalendar(ledgerYears);
  return { root, units, items, policy, calendar, diagnostics: located };
}

/** The latest event time in an item file's value: "now" matters to its checks only before it. */
function latestEvent(value: unknown): number {
  let latest = -Infinity;
  const events = (value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return latest;
  for (const event of events) {
    const at = (event as { at?: unknown } | null)?.at;
    if (typeof at !== 'string') continue;
    const parsed = parseTimestamp(at);
    if (parsed.ok && parsed.epochMs > latest) latest = parsed.epochMs;
  }
  return latest;
}

/**
 * One item file parsed and checked, its diagnostics located. The quick parse serves clean files;
 * a file it declines, or one whose checks find something, is parsed with positions.
 */
function checkItemFile(entry: LedgerFile, context: LedgerContext): CachedCheck {
  const bytes = entry.bytes!;
  const quick = parseFast(bytes);
  if (quick !== undefined) {
    const result = checkItem(quick, entry, context);
    const latest = latestEvent(quick);
    if (result.diagnostics.length === 0) return { ...result, latest };
    const source = parseYamlSource(entry.file, bytes);
    return { ...result, diagnostics: result.diagnostics.map((d) => source.locate(d)), latest };
  }
  const source = parseYamlSource(entry.file, bytes);
  if (source.value === undefined) return { links: [], diagnostics: source.diagnostics.map((d) => source.locate(d)), latest: -Infinity };
  const result = checkItem(source.value, entry, context);
  return { ...result, diagnostics: [...source.diagnostics, ...result.diagnostics].map((d) => source.locate(d)), latest: latestEvent(source.value) };
}
