import type { Diagnostic } from '../core/diagnostics.js';
import type { ItemLink } from '../core/checks/item.js';
import type { ItemFacets } from '../core/reports/facets.js';
import { SIGNATURE_FIELDS, type FileSignature } from './file-signature.js';
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
  /** Rows by file name, built only when a file is not where the order of the last run puts it. */
  private byName: Map<string, number> | undefined;
  /** The row after the one last found: a run asks for the files in the order they were written. */
  private cursor = 0;
  private readonly sharedFacets = new Map<number, ItemFacets>();

  private constructor(
    private readonly stored: StoredHeader,
    private readonly records: Buffer,
    /** The file names, NUL-separated, and where each starts (one more entry: the end). */
    private readonly names: Buffer,
    private readonly starts: Uint32Array,
  ) {}

  get header(): IndexHeader {
    return this.stored;
  }

  get size(): number {
    return this.starts.length - 1;
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
      if (
        !Array.isArray(stored.segments) ||
        !Array.isArray(stored.facetUnits) ||
        typeof stored.ids !== 'object' ||
        typeof stored.problems !== 'object'
      )
        return undefined;
      const names = bytes.subarray(at, at + namesLength);
      const starts = new Uint32Array(count + 1);
      let row = 1;
      for (let i = names.indexOf(0); i >= 0 && row <= count; i = names.indexOf(0, i + 1)) starts[row++] = i + 1;
      // The names are joined by NUL: one fewer than the rows, and the last ends with the bytes.
      if (count > 0 && row !== count) return undefined;
      starts[count] = namesLength + 1;
      return new DecodedIndex(stored, records, names, starts);
    } catch {
      return undefined;
    }
  }

  /** The row of `file`, if the index holds it. */
  rowOf(file: string): number | undefined {
    // The same file asked about again, or the next one: compared byte for byte, no string made.
    for (let guess = Math.max(0, this.cursor - 1); guess <= this.cursor && guess < this.size; guess++) {
      if (this.nameIs(guess, file)) {
        this.cursor = guess + 1;
        return guess;
      }
    }
    const row = (this.byName ??= this.nameMap()).get(file);
    if (row !== undefined) this.cursor = row + 1;
    return row;
  }

  /** Starts lookups from the first row again, for a pass through the files in order. */
  rewind(): void {
    this.cursor = 0;
  }

  /** Every file name, in row order. */
  files(): string[] {
    return this.size === 0 ? [] : this.names.toString('utf8').split('\0');
  }

  /** Whether the row's name is `file` (an ASCII name is compared in place; any other goes by the map). */
  private nameIs(row: number, file: string): boolean {
    const start = this.starts[row]!;
    if (this.starts[row + 1]! - 1 - start !== file.length) return false;
    for (let i = 0; i < file.length; i++) {
      const c = file.charCodeAt(i);
      if (c >= 0x80 || this.names[start + i] !== c) return false;
    }
    return true;
  }

  private nameMap(): Map<string, number> {
    const map = new Map<string, number>();
    this.files().forEach((name, row) => map.set(name, row));
    return map;
  }

  latest(row: number): number {
    return this.records.readDoubleLE(row * RECORD + At.Latest);
  }

  /**
   * Whether the file's signature now — the i-th of a table of signatures (file-signature.ts) — is
   * the one recorded: compared in place, without an object per file.
   */
  signatureMatches(row: number, table: Float64Array, i: number): boolean {
    const base = row * RECORD;
    const at = i * SIGNATURE_FIELDS;
    const r = this.records;
    return (
      (r[base + At.Flags]! & Flag.Signed) !== 0 &&
      r.readDoubleLE(base + At.Ino) === table[at] &&
      r.readDoubleLE(base + At.Size) === table[at + 1] &&
      r.readDoubleLE(base + At.Mtime) === table[at + 2] &&
      r.readDoubleLE(base + At.Ctime) === table[at + 3]
    );
  }

  sha1(row: number): string {
    return this.records.toString('hex', row * RECORD + At.Sha1, row * RECORD + At.Sha1 + 20);
  }

  /** The SHA-1 the row records, as its 20 bytes in place. */
  digest(row: number): Uint8Array {
    return this.records.subarray(row * RECORD + At.Sha1, row * RECORD + At.Sha1 + 20);
  }

  /**
   * The file's id: its name without `.yaml` (`stem`) for nearly every file, else what the header
   * records (undefined: none). The caller has the stem already: no string is made per file.
   */
  id(row: number, stem: string): string | undefined {
    if (this.records[row * RECORD + At.Flags]! & Flag.IdIsStem) return stem;
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
      facets = Object.freeze({ unit: this.stored.facetUnits[unit], open: (flags & Flag.Open) !== 0 });
      this.sharedFacets.set(key, facets);
    }
    return facets;
  }

  blob(row: number): BlobRef | undefined {
    const base = row * RECORD;
    const segment = this.stored.segments[this.records.readInt32LE(base + At.Segment)];
    return segment === undefined
      ? undefined
      : {
          segment,
          offset: this.records.readDoubleLE(base + At.Offset),
          length: this.records.readUInt32LE(base + At.Length),
        };
  }

  /** The whole entry of a row, its facets left out when `withFacets` is false (computed under another policy). */
  entry(row: number, file: string, withFacets: boolean): CacheEntry {
    const base = row * RECORD;
    const r = this.records;
    const flags = r[base + At.Flags]!;
    // The hash and the signature are needed only when the entry is saved again: read on demand.
    const sha1 = (at: number): string => this.sha1(at);
    const entry: CacheEntry = {
      get sha1() {
        return sha1(row);
      },
      get sig() {
        return flags & Flag.Signed
          ? {
              ino: r.readDoubleLE(base + At.Ino),
              size: r.readDoubleLE(base + At.Size),
              mtimeMs: r.readDoubleLE(base + At.Mtime),
              ctimeMs: r.readDoubleLE(base + At.Ctime),
            }
          : null;
      },
      latest: r.readDoubleLE(base + At.Latest),
      diagnostics: this.diagnostics(row),
      links: this.links(row),
    };
    const id = this.id(row, stemOf(file));
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
  return Buffer.concat([
    MAGIC,
    u32(headerBytes.length),
    headerBytes,
    u32(entries.length),
    records,
    u32(names.length),
    names,
  ]);
}
