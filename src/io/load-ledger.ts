import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Calendar, YearSchedule } from '../core/calendar/calendar.js';
import { checkCalendarFile } from '../core/checks/calendar.js';
import type { LedgerContext } from '../core/checks/context.js';
import { checkLedger, type CheckedUnit } from '../core/checks/ledger.js';
import type { ItemLink } from '../core/checks/item.js';
import { checkPolicy } from '../core/checks/policy.js';
import { checkUnit } from '../core/checks/unit.js';
import { policyFrom } from '../core/deadlines/default-policy.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { facetsBasis, itemFacets, type ItemFacets } from '../core/reports/facets.js';
import { officeCode } from '../core/reports/overdue.js';
import type { Item } from '../core/schema/item.js';
import type { Policy } from '../core/schema/policy.js';
import type { Unit } from '../core/schema/unit.js';
import { cacheDisabled, CheckCache, type CacheEntry } from './cache.js';
import { checkInWorkers, checkWorkerCount, type WorkerResult } from './check-workers.js';
import { DEFAULT_SETTLE_MS, settled, signatureAt, type FileSignature } from './file-signature.js';
import { ItemBlobs } from './item-blobs.js';
import { KnownDigests } from './known-digests.js';
import { checkItemFile, readAndCheck, type CheckedFile, type ItemCheckContext } from './item-check.js';
import { readBytes, scanLedger, type LedgerFile } from './ledger-scan.js';
import { LedgerChanged } from './ledger-changed.js';
import { CALENDAR_CHECK_CONTEXT, mergeCalendar } from './load-calendar.js';
import { SourceMemo } from './source-memo.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';
import { decodeItemJson } from './item-json.js';

/**
 * An item valid enough to report on. `item` is read and parsed on first use: a report that
 * needs a few items of a large ledger picks them by their facets and never reads the rest.
 */
export interface LedgerItem {
  readonly file: string;
  /** The item, read once and kept. */
  readonly item: Item;
  readonly facets: ItemFacets;
  /** The item, read afresh unless kept already: for going once through many items without holding them all. */
  read(): Item;
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
  /** The ledger has a policy.yaml (valid or not); without one the defaults of 第五条 are in force. */
  policyPresent: boolean;
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
  // Signatures are taken while listing, before any bytes are read: a change in between gives a
  // file a new one. Without a cache there is nothing to compare them with, nor to record them in.
  const scan = scanLedger(root, { deferItems: true, signatures: !cacheDisabled() });
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const sources = new Map<string, YamlSource>();
  // Units, policy and calendar files are few: read at once. Item files are checked one by one
  // below, through the cache.
  const memo = SourceMemo.open(root);
  const parsed: Parsed[] = scan.files.map((entry) => {
    if (!entry.bytes || entry.kind === 'item') return { entry };
    const source = memo.read(entry.file, entry.bytes);
    sources.set(entry.file, source);
    diagnostics.push(...source.diagnostics);
    return { entry, source };
  });
  memo.save();
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
  const policyPresent = scan.files.some((f) => f.kind === 'policy');
  const ledgerYears: YearSchedule[] = [];
  for (const { entry, source } of readable) {
    if (entry.kind === 'policy') {
      const result = checkPolicy(source.value, entry.file);
      diagnostics.push(...result.diagnostics);
      if (result.policy) policy = result.policy;
    }
    if (entry.kind === 'calendar') {
      const result = checkCalendarFile(source.value, entry.file, entry.stem, CALENDAR_CHECK_CONTEXT);
      diagnostics.push(...result.diagnostics);
      if (result.schedule) ledgerYears.push(result.schedule);
    }
  }

  const office = officeCode(units);
  const basis = { units: unitsKey(units), facets: facetsBasis(policy, office) };
  const cache = CheckCache.open(root, basis);
  const blobs = cache?.blobs ?? new ItemBlobs('', []);
  const work: ItemWork = {
    root: path.resolve(root),
    context: { ...context, policy, office },
    blobs,
    startedAt,
    settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
    fresh: options.fresh ?? new Set(),
  };
  const itemFiles = scan.files.filter((f) => f.kind === 'item');
  const itemNames = itemFiles.map((f) => f.file);
  const found = checkItemFiles(itemFiles, cache && scan.itemSignatures, work, cache, diagnostics);
  const ids: (string | undefined)[] = new Array<string | undefined>(itemFiles.length).fill(undefined);
  const links = new Map<number, readonly ItemLink[]>();
  const items = new Map<string, LedgerItem>();
  const loader = new ItemLoader(work, cache);
  itemFiles.forEach((listed, i) => {
    let known = found[i];
    if (known === undefined) return;
    const file = listed.file;
    let id: string | undefined;
    let problems: readonly Diagnostic[];
    let linked: readonly ItemLink[];
    let facets: ItemFacets | undefined;
    if (typeof known === 'number' && cache && !cache.facetsStale) {
      // Unchanged since the last run: nothing is built but what the reports need.
      id = cache.idAt(known, listed.stem);
      problems = cache.diagnosticsAt(known);
      linked = cache.linksAt(known);
      facets = cache.facetsAt(known);
    } else {
      let entry = typeof known === 'number' ? cache!.entryAt(known, file) : known;
      if (!entry.facets && entry.blob)
        entry = { ...entry, facets: itemFacets(loader.read(listed, entry), policy, office) };
      cache?.keep(file, entry, asOf);
      known = entry;
      id = entry.id;
      problems = entry.diagnostics;
      linked = entry.links;
      facets = entry.facets;
    }
    if (problems.length > 0) diagnostics.push(...problems);
    if (linked.length > 0) links.set(i, linked);
    ids[i] = id;
    if (facets && id !== undefined && !items.has(id)) items.set(id, new StoredItem(listed, facets, known, loader));
  });
  cache?.save(itemNames);
  diagnostics.push(...checkLedger(checkedUnits, { files: itemNames, ids, links }));

  // Cross-file findings about item files are located with a positional parse, made only for
  // them (the file is read again: item bytes are not kept, to bound the memory a large ledger takes).
  // Built only when some finding needs it: most runs on a large ledger have none.
  let byFile: Map<string, LedgerFile> | undefined;
  const sourceOf = (file: string): YamlSource | undefined => {
    byFile ??= new Map(itemFiles.map((f) => [f.file, f]));
    const listed = byFile.get(file);
    if (!sources.has(file) && listed) {
      const bytes = readBytes(root, listed, []).bytes;
      if (bytes) sources.set(file, parseYamlSource(file, bytes));
    }
    return sources.get(file);
  };
  const located = diagnostics
    .map((d) => (d.line !== undefined ? d : (sourceOf(d.file)?.locate(d) ?? d)))
    .sort(compareDiagnostics);
  const calendar = mergeCalendar(ledgerYears);
  return { root, units, items, policy, policyPresent, calendar, diagnostics: located };
}

/** What checking the item files needs, besides each file. */
interface ItemWork {
  root: string;
  context: ItemCheckContext;
  blobs: ItemBlobs;
  startedAt: number;
  settleMs: number;
  fresh: ReadonlySet<string>;
}

function entryOf(checked: CheckedFile, sha1: string, sig: FileSignature | null, blobs: ItemBlobs): CacheEntry {
  // One shape for every entry, fields named one by one: a first run makes one per file.
  const { id, links, diagnostics, latest, facets } = checked.check;
  return {
    sha1,
    sig,
    id,
    links,
    diagnostics,
    latest,
    facets,
    blob: checked.json === undefined ? undefined : blobs.add(checked.json),
  };
}

/**
 * Every item file's check, in the files' order: the cache's row when a file's stat signature
 * matches (and it is not among the files to check for real), else the file is read — in worker
 * threads when there are many — and either found in the cache by its bytes' SHA-1 or checked now.
 * Undefined for a file that cannot be read.
 */
function checkItemFiles(
  files: readonly LedgerFile[],
  table: Float64Array | undefined,
  work: ItemWork,
  cache: CheckCache | undefined,
  diagnostics: Diagnostic[],
): (CacheEntry | number | undefined)[] {
  const asOf = work.context.asOf;
  const entries = new Array<CacheEntry | number | undefined>(files.length);
  const sigs = new Array<FileSignature | null>(files.length).fill(null);
  const pending: number[] = [];
  const knownAt: (Uint8Array | undefined)[] = [];
  files.forEach((listed, i) => {
    const trusted = work.fresh.has(listed.file) ? undefined : cache;
    const row = table ? trusted?.rowBySignature(listed.file, table, i, asOf) : undefined;
    if (row !== undefined) {
      entries[i] = row;
      return;
    }
    const stats = table && signatureAt(table, i);
    sigs[i] = stats && settled(stats, work.startedAt, work.settleMs) ? stats : null;
    knownAt[pending.length] = trusted?.knownDigest(listed.file, asOf);
    pending.push(i);
  });
  const known = KnownDigests.forFiles(pending.length);
  knownAt.forEach((digest, index) => digest && known.set(index, digest));

  const problems: Diagnostic[][] = [];
  const answered = new Uint8Array(pending.length);
  const take = ({ index, problems: found, sha1, checked }: WorkerResult) => {
    const i = pending[index]!;
    answered[index] = 1;
    if (found.length > 0) problems[i] = found;
    if (sha1 === undefined) return;
    if (checked) {
      entries[i] = entryOf(checked, sha1, sigs[i]!, work.blobs);
      return;
    }
    // Left unchecked: the cache has an entry for these very bytes.
    const cached = cache?.byContent(files[i]!.file, sha1, asOf);
    if (cached) entries[i] = { ...cached, sig: sigs[i]! };
    else take({ index, ...readAndCheck(work.root, files[i]!, work.context) });
  };
  const batch = pending.map((i) => files[i]!);
  checkInWorkers(work.root, batch, work.context, checkWorkerCount(batch.length), take, { known });
  batch.forEach((listed, index) => {
    if (!answered[index]) take({ index, ...readAndCheck(work.root, listed, work.context, known.at(index)) });
  });
  // Reading problems keep the files' order, as when every file is read in turn.
  for (const found of problems) if (found) diagnostics.push(...found);
  return entries;
}

/** The item kept in the cache, or undefined when its bytes are damaged (the file is read instead). */
function decodeKept(bytes: Buffer): Item | undefined {
  try {
    return decodeItemJson(bytes);
  } catch {
    return undefined;
  }
}

/** Reads the items of valid files: from the cache's JSON, or, if that is gone, by checking the file again. */
class ItemLoader {
  constructor(
    private readonly work: ItemWork,
    private readonly cache: CheckCache | undefined,
  ) {}

  read(listed: LedgerFile, found: CacheEntry | number): Item {
    const blob = typeof found === 'number' ? this.cache?.blobAt(found) : found.blob;
    const kept = blob && this.work.blobs.decode(blob, decodeKept);
    if (kept) return kept;
    const read = readBytes(this.work.root, listed, []);
    const item = read.bytes ? checkItemFile(read, this.work.context).item : undefined;
    if (!item) throw new LedgerChanged(listed.file);
    return item;
  }
}

/** A valid item of the ledger, read when first asked for. */
class StoredItem implements LedgerItem {
  private kept: Item | undefined;

  constructor(
    private readonly listed: LedgerFile,
    readonly facets: ItemFacets,
    /** The cache's row for the file, or its entry made in this run. */
    private readonly found: CacheEntry | number,
    private readonly loader: ItemLoader,
  ) {}

  get file(): string {
    return this.listed.file;
  }

  get item(): Item {
    return (this.kept ??= this.loader.read(this.listed, this.found));
  }

  read(): Item {
    return this.kept ?? this.loader.read(this.listed, this.found);
  }
}

/** What the item checks consult besides the file itself: every unit, whole. */
function unitsKey(units: ReadonlyMap<string, Unit>): string {
  return createHash('sha1')
    .update(JSON.stringify([...units.entries()].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');
}
