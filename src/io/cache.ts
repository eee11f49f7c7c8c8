import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { cacheDirFor, cacheDisabled, ensureCacheDir, programFingerprint, SOURCES_FILE } from './cache-place.js';
import { DecodedIndex, encodeIndex, type CacheEntry } from './cache-index.js';
import { ItemBlobs, type BlobRef } from './item-blobs.js';
import type { ItemFacets } from '../core/reports/facets.js';

export type { CacheEntry } from './cache-index.js';

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
 * On disk: `index.bin` (one small binary record per file: signature, hash, facets, where the
 * item is; see cache-index.ts) and segment files holding the checked items as JSON
 * (item-json.ts), read one item at a time when a command needs it. Every file is written under a temporary name and renamed
 * into place, and segments are never changed once written, so two bbcs processes never see half
 * a cache; an unreadable, corrupt or other-version cache is ignored and rebuilt. BBCS_NO_CACHE=1
 * (or --no-cache) bypasses it entirely.
 */

export const INDEX_FILE = 'index.bin';
const FORMAT = 5;
/** Segments of unreferenced items older than this are removed (a slower process may still read them). */
const SEGMENT_GRACE_MS = 10 * 60_000;
const MAX_SEGMENTS = 8;

/** What checking one item file found, as the cache keeps it. */
export type CachedCheck = Omit<CacheEntry, 'sha1' | 'sig' | 'blob'>;

/** What the cache's entries hold only together: the ledger's units and the facets' basis. */
export interface CacheBasis {
  units: string;
  facets: string;
}

export const sha1Of = (bytes: Uint8Array): string => createHash('sha1').update(bytes).digest('hex');

export class CheckCache {
  /** Rows of the index read that stay as they are in the next run. */
  private readonly keptRows: Uint8Array;
  private keptRowCount = 0;
  /** Entries made or changed in this run, kept for the next one. */
  private readonly keptEntries = new Map<string, CacheEntry>();
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly index: DecodedIndex | undefined,
    private readonly code: string,
    private readonly basis: CacheBasis,
    readonly blobs: ItemBlobs,
    /** Facets were computed with another policy: entries come without them, for the caller to recompute. */
    readonly facetsStale: boolean,
  ) {
    this.keptRows = new Uint8Array(index?.size ?? 0);
  }

  /** The ledger's cache, empty when missing, unreadable, corrupt or from another version; undefined when disabled. */
  static open(root: string, basis: CacheBasis): CheckCache | undefined {
    if (cacheDisabled()) return undefined;
    const dir = cacheDirFor(root);
    const code = programFingerprint(FORMAT);
    let index: DecodedIndex | undefined;
    try {
      index = DecodedIndex.decode(readFileSync(path.join(dir, INDEX_FILE)));
    } catch {
      // Missing or unreadable: start afresh; the next save replaces it.
    }
    const header = index?.header;
    if (!header || header.format !== FORMAT || header.code !== code || header.units !== basis.units) index = undefined;
    const segments = (index?.header.segments ?? []).filter(
      (s) => typeof s === 'string' && /^seg-[\w.-]+\.items$/.test(s),
    );
    // Segments are opened now, so that one removed by another process meanwhile can still be read.
    return new CheckCache(
      dir,
      index,
      code,
      basis,
      new ItemBlobs(dir, segments),
      index !== undefined && index.header.facets !== basis.facets,
    );
  }

  /**
   * The row of a file whose stat signature (the i-th of the table) is the one recorded. The row
   * is kept for the next run as it is; read what it holds with the accessors below (a warm run on
   * a large ledger builds nothing per file it need not keep).
   */
  rowBySignature(file: string, signatures: Float64Array, i: number, asOf: number): number | undefined {
    const row = this.index?.rowOf(file);
    if (row === undefined || !this.index!.signatureMatches(row, signatures, i) || this.index!.latest(row) > asOf)
      return undefined;
    if (!this.keptRows[row]) this.keptRowCount++;
    this.keptRows[row] = 1;
    return row;
  }

  /** A row's whole entry, its facets left out when they were computed under another policy. */
  entryAt(row: number, file: string): CacheEntry {
    return this.index!.entry(row, file, !this.facetsStale);
  }

  /** `stem`: the file's name without `.yaml`. */
  idAt(row: number, stem: string): string | undefined {
    return this.index!.id(row, stem);
  }

  linksAt(row: number): CacheEntry['links'] {
    return this.index!.links(row);
  }

  diagnosticsAt(row: number): CacheEntry['diagnostics'] {
    return this.index!.diagnostics(row);
  }

  /** The row's facets (shared, frozen), or undefined when it has none or they are stale. */
  facetsAt(row: number): ItemFacets | undefined {
    return this.facetsStale ? undefined : this.index!.facets(row);
  }

  blobAt(row: number): BlobRef | undefined {
    return this.index!.blob(row);
  }

  /**
   * The SHA-1 of the bytes the cache holds a usable entry for, for a file whose signature does
   * not vouch for it: whoever reads the file can then leave it unchecked when its bytes hash the same.
   */
  knownDigest(file: string, asOf: number): Uint8Array | undefined {
    const row = this.index?.rowOf(file);
    return row === undefined || this.index!.latest(row) > asOf ? undefined : this.index!.digest(row);
  }

  /** The entry of a file with these bytes. */
  byContent(file: string, sha1: string, asOf: number): CacheEntry | undefined {
    const row = this.index?.rowOf(file);
    if (row === undefined || this.index!.sha1(row) !== sha1 || this.index!.latest(row) > asOf) return undefined;
    return this.index!.entry(row, file, !this.facetsStale);
  }

  /** Keeps an entry for the next run in place of what the index held for the file (old ones not kept drop out). */
  keep(file: string, entry: CacheEntry, asOf: number): void {
    const row = this.index?.rowOf(file);
    if (row !== undefined && this.keptRows[row]) {
      this.keptRows[row] = 0;
      this.keptRowCount--;
    }
    this.changed = true;
    if (entry.latest > asOf) this.keptEntries.delete(file);
    else this.keptEntries.set(file, entry);
  }

  /** Writes the entries kept in this run, in the order of `files`; quietly does nothing when it cannot. */
  save(files: readonly string[]): void {
    if (!this.changed && this.keptRowCount === (this.index?.size ?? 0)) return;
    const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
    try {
      ensureCacheDir(this.dir);
      const entries: (readonly [string, CacheEntry])[] = [];
      this.index?.rewind();
      for (const file of files) {
        const entry = this.keptEntries.get(file);
        const row = this.index?.rowOf(file);
        if (entry) entries.push([file, entry]);
        else if (row !== undefined && this.keptRows[row]) entries.push([file, this.index!.entry(row, file, true)]);
      }
      const segments = this.blobs.persist(
        entries.map(([, e]) => e),
        `seg-${suffix}.items`,
        MAX_SEGMENTS,
      );
      const bytes = encodeIndex(
        { format: FORMAT, code: this.code, units: this.basis.units, facets: this.basis.facets, segments },
        entries,
      );
      writeFileAtomic(path.join(this.dir, INDEX_FILE), bytes);
      this.removeLeftovers(new Set(segments));
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
  }
  /** Temporary files of a process killed while writing, segments no index uses any more, and older formats' files. */
  private removeLeftovers(live: ReadonlySet<string>): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (name === INDEX_FILE || name === SOURCES_FILE || name === '.gitignore' || live.has(name)) continue;
        const p = path.join(this.dir, name);
        const age = Math.abs(Date.now() - statSync(p).mtimeMs);
        // A segment still being written is touched by every write, so its age is the time since the last one.
        const grace =
          name.startsWith('seg-') || name.startsWith('.seg-')
            ? SEGMENT_GRACE_MS
            : name.startsWith(`.${INDEX_FILE}.`) || name.startsWith(`.${SOURCES_FILE}.`)
              ? 60_000
              : 0;
        if (age > grace) rmSync(p, { force: true });
      }
    } catch {
      // Nothing to tidy.
    }
  }
}
