import type { Diagnostic } from '../core/diagnostics.js';
import type { ItemLink } from '../core/checks/item.js';
import type { ItemFacets } from '../core/reports/facets.js';
import type { FileSignature } from './file-signature.js';
import type { BlobRef } from './item-blobs.js';

/**
 * The parse cache's index on disk: one fixed-size binary record per item file, so that a warm
 * run on a hundred thousand files reads a few megabytes and parses nothing — JSON of the same
 * index took longer to parse than the work it saved. What is rare (diagnostics, links, an id
 * other than the file name) sits in a small JSON header beside the records.
 *
 *   "BBCSIDX1" · u32 header length · header (JSON) · u32 record count · records · file names (NUL-separated)
 */

export interface CacheEntry {
  sha1: string;
  /** The stat signature, recorded once the file had settled. */
  sig: FileSignature | null;
  id?: string;
  links: ItemLink[];
  /** Stored located (line, column, excerpt). */
  diagnostics: Diagnostic[];
  /** The latest event time in the file (epoch ms), or -Infinity. */
  latest: number;
  /** Present exactly when the file holds a usable item. */
  facets?: ItemFacets;
  blob?: BlobRef;
}

export interface IndexHeader {
  format: number;
  code: string;
  units: string;
  facets: string;
  segments: string[];
}

interface StoredHeader extends IndexHeader {
  facetUnits: string[];
  /** Row → id, for files whose id is not their file name (or who have none: null). */
  ids: Record<string, string | null>;
  /** Row → [diagnostics, links], where either is not empty. */
  problems: Record<string, [Diagnostic[], ItemLink[]]>;
}

const MAGIC = Buffer.from('BBCSIDX1');
const RECORD = 84;
const enum At {
  Ino = 0,
  Size = 8,
  Mtime = 16,
  Ctime = 24,
  Latest = 32,
  Offset = 40,
  Length = 48,
  Segment = 52,
  FacetUnit = 56,
  Flags = 60,
  Sha1 = 64,
}
const enum Flag {
  Signed = 1,
  Open = 2,
  HasFacets = 4,
  IdIsStem = 8,
}

const NONE: readonly never[] = Object.freeze([]);
const stemOf = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/\.yaml$/, '');

/** A decoded index: entries are made only for the files asked about. */
export class DecodedIndex {
  private constructor(
    private readonly stored: StoredHeader,
    private readonly records: Buffer,
    readonly rows: Map<string, number>,
  ) {}

  private readonly sharedFacets = new Map<number, ItemFacets>();

  get header(): IndexHeader {
    return this.stored;
  }

  /** The index in `bytes`, or undefined when they are not one (damaged, truncated, another format). */
  static decode(bytes: Buffer): DecodedIndex | undefined {
    try {
      if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) return undefined;
      let at = 8;
      const headerLength = bytes.readUInt32LE(at);
      at += 4;
      const stored = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as StoredHeader;
      at += headerLength;
      const count = bytes.readUInt32LE(at);
      at += 4;
      const records = bytes.subarray(at, at + count * RECORD);
      at += count * RECORD;
      const namesLength = bytes.readUInt32LE(at);
      at += 4;
      if (records.length !== count * RECORD || at + namesLength !== bytes.length) return undefined;
      const names = count === 0 ? [] : bytes.toString('utf8', at, at + namesLength).split('\0');
      if (names.length !== count || !Array.isArray(stored.segments) || !Array.isArray(stored.facetUnits) || typeof stored.ids !== 'object' || typeof stored.problems !== 'object') return undefined;
      const rows = new Map<string, number>();
      names.forEach((name, row) => rows.set(name, row));
      return new DecodedIndex(stored, records, rows);
    } catch {
      return undefined;
    }
  }

  latest(row: number): number {
    return this.records.readDoubleLE(row * RECORD + At.Latest);
  }

  /** Whether the file's signature now is the one recorded (compared without building anything). */
  signatureMatches(row: number, sig: FileSignature): boolean {
    const base = row * RECORD;
    const r = this.records;
    return (r[base + At.Flags]! & Flag.Signed) !== 0 && r.readDoubleLE(base + At.Ino) === sig.ino && r.readDoubleLE(base + At.Size) === sig.size && r.readDoubleLE(base + At.Mtime) === sig.mtimeMs && r.readDoubleLE(base + At.Ctime) === sig.ctimeMs;
  }

  sha1(row: number): string {
    return this.records.toString('hex', row * RECORD + At.Sha1, row * RECORD + At.Sha1 + 20);
  }

  /** The file's id: its file name for nearly every file, else what the header records (undefined: none). */
  id(row: number, file: string): string | undefined {
    if (this.records[row * RECORD + At.Flags]! & Flag.IdIsStem) return stemOf(file);
    const id = this.stored.ids[row];
    return typeof id === 'string' ? id : undefined;
  }

  diagnostics(row: number): Diagnostic[] {
    return this.stored.problems[row]?.[0] ?? (NONE as never[]);
  }

  links(row: number): ItemLink[] {
    return this.stored.problems[row]?.[1] ?? (NONE as never[]);
  }

  /** The row's facets; rows with the same ones share one frozen object (a large ledger has a few hundred kinds). */
  facets(row: number): ItemFacets | undefined {
    const base = row * RECORD;
    const flags = this.records[base + At.Flags]!;
    const unit = this.records.readInt32LE(base + At.FacetUnit);
    if (!(flags & Flag.HasFacets) || this.stored.facetUnits[unit] === undefined) return undefined;
    const key = unit * 2 + (flags & Flag.Open ? 1 : 0);
    let facets = this.sharedFacets.get(key);
    if (!facets) {
      facets = Object.freeze({ unit: this.stored.facetUnits[unit]!, open: (flags & Flag.Open) !== 0 });
      this.sharedFacets.set(key, facets);
    }
    return facets;
  }

  blob(row: number): BlobRef | undefined {
    const base = row * RECORD;
    const segment = this.stored.segments[this.records.readInt32LE(base + At.Segment)];
    return segment === undefined ? undefined : { segment, offset: this.records.readDoubleLE(base + At.Offset), length: this.records.readUInt32LE(base + At.Length) };
  }

  /** The whole entry of a row, its facets left out when `withFacets` is false (computed under another policy). */
  entry(row: number, file: string, withFacets: boolean): CacheEntry {
    const base = row * RECORD;
    const r = this.records;
    const flags = r[base + At.Flags]!;
    // The hash and the signature are needed only when the entry is saved again: read on demand.
    const index = this;
    const entry: CacheEntry = {
      get sha1() {
        return index.sha1(row);
      },
      get sig() {
        return flags & Flag.Signed ? { ino: r.readDoubleLE(base + At.Ino), size: r.readDoubleLE(base + At.Size), mtimeMs: r.readDoubleLE(base + At.Mtime), ctimeMs: r.readDoubleLE(base + At.Ctime) } : null;
      },
      latest: r.readDoubleLE(base + At.Latest),
      diagnostics: this.diagnostics(row),
      links: this.links(row),
    };
    const id = this.id(row, file);
    if (id !== undefined) entry.id = id;
    const facets = withFacets ? this.facets(row) : undefined;
    if (facets) entry.facets = { ...facets };
    const blob = this.blob(row);
    if (blob) entry.blob = blob;
    return entry;
  }
}

/** The index of `entries` (file → entry), their blobs in `header.segments`. */
export function encodeIndex(header: IndexHeader, entries: readonly (readonly [string, CacheEntry])[]): Buffer {
  const records = Buffer.alloc(entries.length * RECORD);
  const facetUnits: string[] = [];
  const unitRow = new Map<string, number>();
  const stored: StoredHeader = { ...header, facetUnits, ids: {}, problems: {} };
  entries.forEach(([file, e], row) => {
    const base = row * RECORD;
    let flags = 0;
    if (e.sig) {
      flags |= Flag.Signed;
      records.writeDoubleLE(e.sig.ino, base + At.Ino);
      records.writeDoubleLE(e.sig.size, base + At.Size);
      records.writeDoubleLE(e.sig.mtimeMs, base + At.Mtime);
      records.writeDoubleLE(e.sig.ctimeMs, base + At.Ctime);
    }
    records.writeDoubleLE(e.latest, base + At.Latest);
    records.writeInt32LE(e.blob ? header.segments.indexOf(e.blob.segment) : -1, base + At.Segment);
    records.writeDoubleLE(e.blob?.offset ?? 0, base + At.Offset);
    records.writeUInt32LE(e.blob?.length ?? 0, base + At.Length);
    let unit = -1;
    if (e.facets) {
      flags |= Flag.HasFacets | (e.facets.open ? Flag.Open : 0);
      unit = unitRow.get(e.facets.unit) ?? facetUnits.push(e.facets.unit) - 1;
      unitRow.set(e.facets.unit, unit);
    }
    records.writeInt32LE(unit, base + At.FacetUnit);
    if (e.id !== undefined && e.id === stemOf(file)) flags |= Flag.IdIsStem;
    else stored.ids[row] = e.id ?? null;
    if (e.diagnostics.length > 0 || e.links.length > 0) stored.problems[row] = [e.diagnostics, e.links];
    records[base + At.Flags] = flags;
    records.write(e.sha1, base + At.Sha1, 20, 'hex');
  });
  const headerBytes = Buffer.from(JSON.stringify(stored));
  const names = Buffer.from(entries.map(([file]) => file).join('\0'));
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  return Buffer.concat([MAGIC, u32(headerBytes.length), headerBytes, u32(entries.length), records, u32(names.length), names]);
}
