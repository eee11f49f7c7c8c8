import { createHash } from 'node:crypto';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { LedgerContext } from '../core/checks/context.js';
import { checkItem, type ItemCheck } from '../core/checks/item.js';
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
import { readSource } from './parse-fast.js';
import { CheckCache, sha1Of, type CacheEntry } from './cache.js';
import { ItemBlobs } from './item-blobs.js';
import { DEFAULT_SETTLE_MS, fileSignature, settled } from './file-signature.js';
import { facetsBasis, itemFacets, type ItemFacets } from '../core/reports/facets.js';
import { officeCode } from '../core/reports/overdue.js';
import path from 'node:path';
import { parseTimestamp } from '../core/time.js';

/**
 * An item valid enough to report on. `item` is read and parsed on first use: a report that
 * needs a few items of a large ledger picks them by their facets and never reads the rest.
 */
export interface LedgerItem {
  file: string;
  readonly item: Item;
  facets: ItemFacets;
}

export interface LoadOptions {
  /** Files to check for real, whatever the cache holds (validate --since: the files changed). */
  fresh?: ReadonlySet<string>;
  /** How long a file must have been left alone before its stat signature is trusted (tests shorten it). */
  settleMs?: number;
}

export interface LoadedLedger {
  root: string;
  units: Map<string, Unit>;
  /** Items whose files are valid enough to report on, by id. */
  items: Map<string, LedgerItem>;
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
export function loadLedger(root: string, asOf: number, options: LoadOptions = {}): LoadedLedger {
  const startedAt = Date.now();
  const scan = scanLedger(root, true);
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const sources = new Map<string, YamlSource>();
  // Units, policy and calendar files are few: read at once. Item files are checked one by one
  // below, through the cache.
  const parsed: Parsed[] = scan.files.map((entry) => {
    if (!entry.bytes || entry.kind === 'item') return { entry };
    const source = readSource(entry.file, entry.bytes);
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

  const office = officeCode(units);
  const basis = { units: unitsKey(units), facets: facetsBasis(policy, office) };
  const cache = CheckCache.open(root, basis);
  const blobs = cache?.blobs ?? new ItemBlobs('', []);
  const work: ItemWork = { root, context, policy, office, blobs, startedAt, settleMs: options.settleMs ?? DEFAULT_SETTLE_MS, fresh: options.fresh ?? new Set() };
  const itemFiles = new Map<string, LedgerFile>();
  const checkedItems: CheckedItem[] = [];
  const items = new Map<string, LedgerItem>();
  for (const listed of scan.files) {
    if (listed.kind !== 'item') continue;
    itemFiles.set(listed.file, listed);
    let entry = findOrCheck(listed, work, cache, diagnostics);
    if (!entry) continue;
    if (!entry.facets && entry.blob) entry = { ...entry, facets: itemFacets(itemOf(entry, listed, work), policy, office) };
    cache?.keep(listed.file, entry, asOf);
    diagnostics.push(...entry.diagnostics);
    checkedItems.push({ file: listed.file, links: entry.links, diagnostics: [], ...(entry.id !== undefined ? { id: entry.id } : {}) });
    if (entry.facets && entry.id !== undefined && !items.has(entry.id)) items.set(entry.id, lazyItem(entry, listed, work));
  }
  cache?.save();
  diagnostics.push(...checkLedger(checkedUnits, checkedItems));

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
export function checkItemFile(entry: LedgerFile, context: LedgerContext): ItemCheck & { latest: number } {
  const source = readSource(entry.file, entry.bytes!);
  if (source.value === undefined) return { links: [], diagnostics: source.diagnostics.map((d) => source.locate(d)), latest: -Infinity };
  const result = checkItem(source.value, entry, context);
  return { ...result, diagnostics: [...source.diagnostics, ...result.diagnostics].map((d) => source.locate(d)), latest: latestEvent(source.value) };
}

/** What checking the item files needs, besides each file. */
interface ItemWork {
  root: string;
  context: LedgerContext;
  policy: Policy;
  office: string;
  blobs: ItemBlobs;
  startedAt: number;
  settleMs: number;
  fresh: ReadonlySet<string>;
}

/** A file's bytes checked for real, its item kept as JSON until a command asks for it. */
function checkFresh(read: LedgerFile, sha1: string, work: ItemWork): CacheEntry {
  const { item, ...check } = checkItemFile(read, work.context);
  const entry: CacheEntry = { ...check, sha1, sig: null };
  if (item) {
    entry.facets = itemFacets(item, work.policy, work.office);
    entry.blob = work.blobs.add(Buffer.from(JSON.stringify(item)));
  }
  return entry;
}

/**
 * The checked file: from the cache when its stat signature or its bytes are known (and it is not
 * among the files to check for real), else checked now. Undefined when it cannot be read.
 */
function findOrCheck(listed: LedgerFile, work: ItemWork, cache: CheckCache | undefined, diagnostics: Diagnostic[]): CacheEntry | undefined {
  const asOf = work.context.asOf;
  const trusted = !work.fresh.has(listed.file) ? cache : undefined;
  const signature = fileSignature(path.join(work.root, listed.file));
  const known = signature && trusted?.bySignature(listed.file, signature.sig, asOf);
  if (known) return known;
  const read = readBytes(work.root, listed, diagnostics);
  if (!read.bytes) return undefined;
  const sha1 = sha1Of(read.bytes);
  const entry = trusted?.byContent(listed.file, sha1, asOf) ?? checkFresh(read, sha1, work);
  // The signature was taken before the bytes were read: a change in between gives the file a new one.
  const sig = signature && settled(signature, work.startedAt, work.settleMs) ? signature.sig : null;
  return entry.sig === sig ? entry : { ...entry, sig };
}

/** The item of a file known to be valid: from the cache's JSON, or, if that is gone, checked again. */
function itemOf(entry: CacheEntry, listed: LedgerFile, work: ItemWork): Item {
  const json = entry.blob && work.blobs.read(entry.blob);
  if (json) {
    try {
      return JSON.parse(json.toString('utf8')) as Item;
    } catch {
      // A damaged segment: read the file itself below.
    }
  }
  const read = readBytes(work.root, listed, []);
  const item = read.bytes ? checkItemFile(read, work.context).item : undefined;
  if (!item) throw new Error(`${listed.file} changed or became unreadable while bbcs was running`);
  return item;
}

function lazyItem(entry: CacheEntry, listed: LedgerFile, work: ItemWork): LedgerItem {
  let item: Item | undefined;
  return {
    file: listed.file,
    facets: entry.facets!,
    get item(): Item {
      return (item ??= itemOf(entry, listed, work));
    },
  };
}

/** What the item checks consult besides the file itself: every unit, whole. */
function unitsKey(units: ReadonlyMap<string, Unit>): string {
  return createHash('sha1')
    .update(JSON.stringify([...units.entries()].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');
}
