import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { ItemLink } from '../core/checks/item.js';
import type { ItemFacets } from '../core/reports/facets.js';
import { cacheDirFor, cacheDisabled, ensureCacheDir, programFingerprint } from './cache-place.js';
import { ItemBlobs, type BlobRef } from './item-blobs.js';

export { cacheDirFor, cacheDisabled } from './cache-place.js';

/**
 * What checking each item file found, kept between runs so that a large ledger is not parsed
 * and checked again file by file, and so that a report reads only the items it needs.
 *
 * A file's entry is found by the SHA-1 of its bytes; the whole cache also holds only for the
 * ledger's units (which the item checks consult) and this program (a fingerprint of its code).
 * A file whose stat signature (see file-signature.ts) matches the one recorded is known to have
 * the recorded bytes without reading it; any other file is read and hashed, so an edit, a
 * same-size rewrite with the old mtime restored, a checkout or a pull is always seen. The one
 * input not in the key is "now" (--as-of): an entry is stored only when none of the item's
 * events lies after "now", and used only while that still holds.
 *
 * On disk: `index.json` (one small record per file: signature, hash, diagnostics, links,
 * facets, where the item is) and segment files holding the checked items as JSON, read one item
 * at a time when a command needs it. Every file is written under a temporary name and renamed
 * into place, and segments are never changed once written, so two bbcs processes never see half
 * a cache; an unreadable, corrupt or other-version cache is ignored and rebuilt. BBCS_NO_CACHE=1
 * (or --no-cache) bypasses it entirely.
 */

export const INDEX_FILE = 'index.json';
const FORMAT = 3;
/** Segments of unreferenced items older than this are removed (a slower process may still read them). */
const SEGMENT_GRACE_MS = 10 * 60_000;
const MAX_SEGMENTS = 8;

export interface CachedCheck {
  id?: string;
  links: ItemLink[];
  /** Stored located (line, column, excerpt). */
  diagnostics: Diagnostic[];
  /** The latest event time in the file (epoch ms), or -Infinity. */
  latest: number;
  /** Present exactly when the file holds a usable item. */
  facets?: ItemFacets;
}

export interface CacheEntry extends CachedCheck {
  sha1: string;
  /** The stat signature, recorded once the file had settled. */
  sig: string | null;
  blob?: BlobRef;
}

/** What the cache's entries hold only together: the ledger's units and the facets' basis. */
export interface CacheBasis {
  units: string;
  facets: string;
}

type StoredEntry = [file: string, sig: string | null, sha1: string, latest: number | null, id: string | null, diagnostics: Diagnostic[], links: ItemLink[], facets: ItemFacets | null, segment: number, offset: number, length: number];

interface StoredIndex {
  format: number;
  code: string;
  units: string;
  facets: string;
  segments: string[];
  entries: StoredEntry[];
}

export const sha1Of = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

function fromStored(e: StoredEntry, segments: readonly string[]): CacheEntry | undefined {
  if (!Array.isArray(e) || e.length !== 11 || typeof e[0] !== 'string' || typeof e[2] !== 'string') return undefined;
  const [, sig, sha1, latest, id, diagnostics, links, facets, segment, offset, length] = e;
  if (!Array.isArray(diagnostics) || !Array.isArray(links) || (latest !== null && typeof latest !== 'number')) return undefined;
  const entry: CacheEntry = { sha1, sig: typeof sig === 'string' ? sig : null, latest: latest ?? -Infinity, diagnostics, links };
  if (typeof id === 'string') entry.id = id;
  if (facets && typeof facets === 'object') entry.facets = facets;
  if (segment >= 0) {
    if (!segments[segment] || !Number.isInteger(offset) || !Number.isInteger(length)) return undefined;
    entry.blob = { segment: segments[segment]!, offset, length };
  }
  return entry;
}

export class CheckCache {
  private readonly used = new Map<string, CacheEntry>();
  private changed = false;
  /** Entries whose facets were computed with another policy: to be recomputed by the caller. */
  readonly facetsStale: boolean;

  private constructor(
    private readonly dir: string,
    private readonly stored: Map<string, CacheEntry>,
    private readonly code: string,
    private readonly basis: CacheBasis,
    readonly blobs: ItemBlobs,
    facetsStale: boolean,
  ) {
    this.facetsStale = facetsStale;
  }

  /** The ledger's cache, empty when missing, unreadable, corrupt or from another version; undefined when disabled. */
  static open(root: string, basis: CacheBasis): CheckCache | undefined {
    if (cacheDisabled()) return undefined;
    const dir = cacheDirFor(root);
    const code = programFingerprint(FORMAT);
    const entries = new Map<string, CacheEntry>();
    let segments: string[] = [];
    let facetsStale = false;
    try {
      const index = JSON.parse(readFileSync(path.join(dir, INDEX_FILE), 'utf8')) as StoredIndex;
      if (index?.format === FORMAT && index.code === code && index.units === basis.units && Array.isArray(index.entries) && Array.isArray(index.segments)) {
        segments = index.segments.filter((s) => typeof s === 'string' && /^seg-[\w.-]+\.json$/.test(s));
        facetsStale = index.facets !== basis.facets;
        for (const stored of index.entries) {
          const entry = fromStored(stored, index.segments);
          if (entry) entries.set(stored[0], facetsStale ? { ...entry, facets: undefined } as CacheEntry : entry);
        }
      }
    } catch {
      // Missing or damaged: start afresh; the next save replaces it.
    }
    // Segments are opened now, so that one removed by another process meanwhile can still be read.
    return new CheckCache(dir, entries, code, basis, new ItemBlobs(dir, segments), facetsStale);
  }

  /** Whether anything is recorded for this file (only then is hashing it worth the while). */
  has(file: string): boolean {
    return this.stored.has(file);
  }

  /** The entry for a file whose stat signature matches the one recorded. */
  bySignature(file: string, sig: string, asOf: number): CacheEntry | undefined {
    const entry = this.stored.get(file);
    return entry && entry.sig === sig && entry.latest <= asOf ? entry : undefined;
  }

  /** The entry for a file with these bytes. */
  byContent(file: string, sha1: string, asOf: number): CacheEntry | undefined {
    const entry = this.stored.get(file);
    return entry && entry.sha1 === sha1 && entry.latest <= asOf ? entry : undefined;
  }

  /** Keeps an entry for the next run (old ones not kept drop out). */
  keep(file: string, entry: CacheEntry, asOf: number): void {
    if (entry.latest > asOf) return;
    const before = this.stored.get(file);
    if (before !== entry || this.facetsStale) this.changed = true;
    this.used.set(file, entry);
  }

  /** Writes the entries kept in this run; quietly does nothing when it cannot. */
  save(): void {
    if (!this.changed && this.used.size === this.stored.size) return;
    const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      ensureCacheDir(this.dir);
      const entries = [...this.used];
      const segments = this.blobs.persist(entries.map(([, e]) => e), `seg-${suffix}.json`, MAX_SEGMENTS);
      const index: StoredIndex = {
        format: FORMAT,
        code: this.code,
        units: this.basis.units,
        facets: this.basis.facets,
        segments,
        entries: entries.map(([file, e]) => [file, e.sig, e.sha1, Number.isFinite(e.latest) ? e.latest : null, e.id ?? null, e.diagnostics, e.links, e.facets ?? null, e.blob ? segments.indexOf(e.blob.segment) : -1, e.blob?.offset ?? 0, e.blob?.length ?? 0]),
      };
      const temp = path.join(this.dir, `.${INDEX_FILE}.${suffix}`);
      try {
        writeFileSync(temp, JSON.stringify(index));
        renameSync(temp, path.join(this.dir, INDEX_FILE));
      } catch {
        rmSync(temp, { force: true });
      }
      this.removeLeftovers(new Set(segments));
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  }

  /** Temporary files of a process killed while writing, segments no index uses any more, and older formats' files. */
  private removeLeftovers(live: ReadonlySet<string>): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (name === INDEX_FILE || name === '.gitignore' || live.has(name)) continue;
        const p = path.join(this.dir, name);
        const age = Math.abs(Date.now() - statSync(p).mtimeMs);
        // A segment still being written is touched by every write, so its age is the time since the last one.
        const grace = name.startsWith('seg-') || name.startsWith('.seg-') ? SEGMENT_GRACE_MS : name.startsWith(`.${INDEX_FILE}.`) ? 60_000 : 0;
        if (age > grace) rmSync(p, { force: true });
      }
    } catch {
      // Nothing to tidy.
    }
  }
}
