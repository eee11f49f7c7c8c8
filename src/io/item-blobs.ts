import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The checked items of the parse cache, as JSON texts in segment files, read one at a time by
 * offset: a report that needs a few thousand of a hundred thousand items reads only those, and
 * an item not asked for is never parsed. Items checked in this run wait in memory (as UTF-8,
 * far smaller than the objects) until the cache is saved, and are read from there meanwhile.
 */

export interface BlobRef {
  /** The segment file's name; PENDING for an item checked in this run and not yet saved. */
  segment: string;
  offset: number;
  length: number;
}

const PENDING = '';
/** Items in memory are gathered into blocks of about this size. */
const BLOCK_BYTES = 4 << 20;

const closeAll = new FinalizationRegistry<number[]>((fds) => {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
});

export class ItemBlobs {
  private readonly fds = new Map<string, number>();
  private readonly sizes = new Map<string, number>();
  /** Saved blocks of pending items, and the pending items not yet gathered into a block. */
  private readonly blocks: { start: number; bytes: Buffer }[] = [];
  private loose: Buffer[] = [];
  private looseBytes = 0;
  private pendingBytes = 0;

  /** Opens the segments at once, so that one another process removes meanwhile can still be read. */
  constructor(
    private readonly dir: string,
    segments: readonly string[],
  ) {
    for (const name of segments) {
      try {
        const fd = openSync(path.join(dir, name), 'r');
        this.fds.set(name, fd);
        this.sizes.set(name, fstatSync(fd).size);
      } catch {
        // A missing segment: its items are checked again from their files.
      }
    }
    closeAll.register(this, [...this.fds.values()]);
  }

  /** Keeps an item checked in this run. */
  add(json: Buffer): BlobRef {
    const ref = { segment: PENDING, offset: this.pendingBytes, length: json.length };
    this.loose.push(json);
    this.looseBytes += json.length;
    this.pendingBytes += json.length;
    if (this.looseBytes >= BLOCK_BYTES) this.gather();
    return ref;
  }

  /** The item's JSON, or undefined when its segment is gone or damaged. */
  read(ref: BlobRef): Buffer | undefined {
    if (ref.segment === PENDING) return this.readPending(ref);
    const fd = this.fds.get(ref.segment);
    if (fd === undefined || ref.offset + ref.length > (this.sizes.get(ref.segment) ?? 0)) return undefined;
    const out = Buffer.allocUnsafe(ref.length);
    try {
      return readSync(fd, out, 0, ref.length, ref.offset) === ref.length ? out : undefined;
    } catch {
      return undefined;
    }
  }

  private gather(): void {
    if (this.loose.length === 0) return;
    this.blocks.push({ start: this.pendingBytes - this.looseBytes, bytes: Buffer.concat(this.loose, this.looseBytes) });
    this.loose = [];
    this.looseBytes = 0;
  }

  private readPending(ref: BlobRef): Buffer | undefined {
    this.gather();
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid]!.start <= ref.offset) lo = mid;
      else hi = mid - 1;
    }
    const block = this.blocks[lo];
    if (!block) return undefined;
    const at = ref.offset - block.start;
    return block.bytes.subarray(at, at + ref.length);
  }

  /**
   * Writes the pending items into a new segment named `name` and points their refs at it; when
   * the old segments are too many or mostly hold items no longer used, everything used is
   * rewritten into the new segment instead. Returns the segments the refs now use.
   */
  persist(entries: readonly { blob?: BlobRef }[], name: string, maxSegments: number): string[] {
    const refs = entries.flatMap((e) => (e.blob ? [e.blob] : []));
    const old = new Set(refs.filter((r) => r.segment !== PENDING).map((r) => r.segment));
    const liveOld = refs.reduce((n, r) => n + (r.segment === PENDING ? 0 : r.length), 0);
    const totalOld = [...old].reduce((n, s) => n + (this.sizes.get(s) ?? 0), 0);
    const compact = old.size + 1 > maxSegments || liveOld * 2 < totalOld;
    const moving = compact ? refs : refs.filter((r) => r.segment === PENDING);
    if (moving.length === 0) return [...old];

    const fd = openSync(path.join(this.dir, name), 'wx');
    try {
      let offset = 0;
      let batch: Buffer[] = [];
      let batchBytes = 0;
      const flush = () => {
        if (batchBytes > 0) writeSync(fd, Buffer.concat(batch, batchBytes));
        batch = [];
        batchBytes = 0;
      };
      const moved: [BlobRef, number][] = [];
      for (const ref of moving) {
        const bytes = this.read(ref);
        if (!bytes) continue;
        batch.push(bytes);
        batchBytes += bytes.length;
        moved.push([ref, offset]);
        offset += bytes.length;
        if (batchBytes >= BLOCK_BYTES) flush();
      }
      flush();
      for (const [ref, at] of moved) Object.assign(ref, { segment: name, offset: at });
    } finally {
      closeSync(fd);
    }
    this.fds.set(name, openSync(path.join(this.dir, name), 'r'));
    this.sizes.set(name, fstatSync(this.fds.get(name)!).size);
    closeAll.register(this, [this.fds.get(name)!]);
    return [...new Set(refs.map((r) => r.segment))].filter((s) => s !== PENDING);
  }
}
