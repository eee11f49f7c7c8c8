import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync, writevSync } from 'node:fs';
import path from 'node:path';
import { ensureCacheDir } from './cache-place.js';

/**
 * The checked items of the parse cache, as JSON texts (item-json.ts) in segment files, read one
 * at a time by offset: a report that needs a few thousand of a hundred thousand items reads only
 * those, and an item not asked for is never parsed. Items checked in this run are written, block
 * by block, to a temporary segment that saving the cache renames into place (without a cache
 * they wait in memory, encoded, far smaller than the objects), and are read from there meanwhile.
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
/** Segment reads go through this many windows of at most this size (items are 2–3 KB). */
const WINDOW_BYTES = 64 << 10;
const WINDOWS = 4;
/** The least a window read asks for (unless the item is larger). */
const MIN_READ = 4 << 10;

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
  /** Pending items gathered into blocks kept in memory (no cache folder, or it cannot be written). */
  private readonly blocks: { start: number; bytes: Buffer }[] = [];
  /** Pending items gathered into blocks written to a temporary segment, which saving renames. */
  private spill: { fd: number; file: string; bytes: number } | undefined;
  /** Pending items stay in memory: no cache folder, it cannot be written, or the temporary segment is used up. */
  private inMemory: boolean;
  /** Every item added, kept or not, so that all of them follow the temporary segment's renaming. */
  private readonly pendingRefs: BlobRef[] = [];
  /** The segment windows read last, most recent first, with how many of their bytes were asked for. */
  private readonly windows: { segment: string; start: number; length: number; used: number; bytes: Buffer }[] = [];
  /** How much the next window read of each segment asks for; see readAhead. */
  private readonly readSizes = new Map<string, number>();
  private loose: Uint8Array[] = [];
  private looseBytes = 0;
  private pendingBytes = 0;

  /**
   * Opens the segments at once, so that one another process removes meanwhile can still be read.
   * `dir` is the cache folder, or '' when there is none (everything pending then stays in memory).
   */
  constructor(
    private readonly dir: string,
    segments: readonly string[],
  ) {
    this.inMemory = dir === '';
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
  add(json: Uint8Array): BlobRef {
    const ref = { segment: PENDING, offset: this.pendingBytes, length: json.length };
    this.pendingRefs.push(ref);
    this.loose.push(json);
    this.looseBytes += json.length;
    this.pendingBytes += json.length;
    if (this.looseBytes >= BLOCK_BYTES) this.gather();
    return ref;
  }

  /** The item's bytes, or undefined when its segment is gone or damaged. */
  read(ref: BlobRef): Buffer | undefined {
    return this.decode(ref, (bytes, shared) => (shared ? Buffer.from(bytes) : bytes));
  }

  /**
   * The item's bytes made into a value by `decode`, or undefined when its segment is gone or
   * damaged. The bytes are `shared` when they lie in a read window that later reads reuse: then
   * `decode` must not keep them (nor read another item before it is done with them), and
   * reading an item to parse it needs no copy.
   */
  decode<T>(ref: BlobRef, decode: (bytes: Buffer, shared: boolean) => T): T | undefined {
    if (ref.segment === PENDING) {
      const bytes = this.readPending(ref);
      return bytes && decode(bytes, false);
    }
    const fd = this.fds.get(ref.segment);
    const size = this.sizes.get(ref.segment) ?? 0;
    if (fd === undefined || ref.offset + ref.length > size) return undefined;
    if (ref.length > WINDOW_BYTES) {
      const bytes = readAt(fd, ref.offset, ref.length);
      return bytes && decode(bytes, false);
    }
    const bytes = this.readAhead(ref.segment, fd, size, ref.offset, ref.length);
    return bytes && decode(bytes, true);
  }

  /**
   * Reads through a few windows of a segment: a report going through thousands of items reads
   * them in the order they were written, so one read serves the items that follow. A report that
   * picks some items here and there (overdue takes those with a clock running) would leave most
   * of a large window unread, so the size adapts, segment by segment: when a segment's last
   * window was mostly unused its next read is halved, when it was mostly used it is doubled.
   * The windows' memory is reused (fresh memory is costly to touch on some virtual machines), so
   * what comes back is a view of a window, good until the next read.
   */
  private readAhead(segment: string, fd: number, size: number, offset: number, length: number): Buffer | undefined {
    let window = this.windows.find(
      (w) => w.segment === segment && offset >= w.start && offset + length <= w.start + w.length,
    );
    if (!window) {
      let readSize = this.readSizes.get(segment) ?? WINDOW_BYTES;
      // The most recent window of this segment (the windows are kept most recent first).
      const last = this.windows.find((w) => w.segment === segment);
      if (last && last.length > 0) {
        if (last.used * 4 < last.length) readSize = Math.max(MIN_READ, readSize >> 1);
        else if (last.used * 2 > last.length) readSize = Math.min(WINDOW_BYTES, readSize << 1);
        this.readSizes.set(segment, readSize);
      }
      window =
        this.windows.length < WINDOWS
          ? { segment, start: 0, length: 0, used: 0, bytes: Buffer.allocUnsafe(WINDOW_BYTES) }
          : this.windows.pop()!;
      const wanted = Math.min(Math.max(readSize, length), size - offset);
      try {
        window.length = readSync(fd, window.bytes, 0, wanted, offset);
      } catch {
        window.length = 0;
      }
      window.segment = segment;
      window.start = offset;
      window.used = 0;
      this.windows.unshift(window);
      if (window.length < length) return undefined;
    }
    // An item read again counts again; what matters is only whether the window was worth its size.
    window.used = Math.min(window.length, window.used + length);
    return window.bytes.subarray(offset - window.start, offset - window.start + length);
  }

  /** Pending items go to the temporary segment, so a cold run on a large ledger does not hold them all. */
  private gather(): void {
    if (this.loose.length === 0) return;
    const start = this.pendingBytes - this.looseBytes;
    const loose = this.loose;
    const length = this.looseBytes;
    this.loose = [];
    this.looseBytes = 0;
    if (!this.inMemory && (this.spill?.bytes ?? 0) === start) {
      try {
        if (!this.spill) {
          ensureCacheDir(this.dir);
          const file = path.join(this.dir, `.seg-${process.pid}.${randomBytes(4).toString('hex')}.items`);
          this.spill = { fd: openSync(file, 'w+'), file, bytes: 0 };
          closeAll.register(this, [this.spill.fd]);
        }
        // Written as they are, without joining them first.
        if (writevSync(this.spill.fd, loose) !== length) throw new Error('short write');
        this.spill.bytes += length;
        return;
      } catch {
        this.inMemory = true;
      }
    }
    this.blocks.push({ start, bytes: Buffer.concat(loose, length) });
  }

  private readPending(ref: BlobRef): Buffer | undefined {
    this.gather();
    if (this.spill && ref.offset + ref.length <= this.spill.bytes) return readAt(this.spill.fd, ref.offset, ref.length);
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.blocks[mid]!.start <= ref.offset) lo = mid;
      else hi = mid - 1;
    }
    const block = this.blocks[lo];
    if (!block || ref.offset < block.start) return undefined;
    const at = ref.offset - block.start;
    return block.bytes.subarray(at, at + ref.length);
  }

  /**
   * Makes the pending items a segment named `name` and points their refs at it; when the old
   * segments are too many or mostly hold items no longer used, everything used is rewritten into
   * the new segment instead. Returns the segments the refs now use.
   */
  persist(entries: readonly { blob?: BlobRef }[], name: string, maxSegments: number): string[] {
    const refs = entries.flatMap((e) => (e.blob ? [e.blob] : []));
    const old = new Set(refs.filter((r) => r.segment !== PENDING).map((r) => r.segment));
    const liveOld = refs.reduce((n, r) => n + (r.segment === PENDING ? 0 : r.length), 0);
    const totalOld = [...old].reduce((n, s) => n + (this.sizes.get(s) ?? 0), 0);
    const compact = old.size + 1 > maxSegments || liveOld * 2 < totalOld;
    const pending = refs.filter((r) => r.segment === PENDING);
    const segments = () => [...new Set(refs.map((r) => r.segment))].filter((s) => s !== PENDING);
    if ((compact ? refs : pending).length === 0) return [...old];
    this.gather();
    if (!compact && this.spill && this.blocks.length === 0) {
      // Every pending item is in the temporary segment already: it becomes the new one as it is.
      renameSync(this.spill.file, path.join(this.dir, name));
      this.fds.set(name, this.spill.fd);
      this.sizes.set(name, this.spill.bytes);
      this.spill = undefined;
      this.inMemory = true;
      for (const ref of this.pendingRefs) ref.segment = name;
      return segments();
    }
    this.writeSegment(compact ? refs : pending, name);
    return segments();
  }

  /** Copies the items of `refs` into a new segment, in order, and points the refs at it. */
  private writeSegment(refs: readonly BlobRef[], name: string): void {
    const file = path.join(this.dir, name);
    const fd = openSync(file, 'wx');
    const moved: [BlobRef, number][] = [];
    try {
      let offset = 0;
      let batch: Buffer[] = [];
      let batchBytes = 0;
      const flush = () => {
        if (batchBytes > 0) writeSync(fd, Buffer.concat(batch, batchBytes));
        batch = [];
        batchBytes = 0;
      };
      for (const ref of refs) {
        const bytes = this.read(ref);
        if (!bytes) continue;
        batch.push(bytes);
        batchBytes += bytes.length;
        moved.push([ref, offset]);
        offset += bytes.length;
        if (batchBytes >= BLOCK_BYTES) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
    for (const [ref, at] of moved) Object.assign(ref, { segment: name, offset: at });
    const readFd = openSync(file, 'r');
    this.fds.set(name, readFd);
    this.sizes.set(name, fstatSync(readFd).size);
    closeAll.register(this, [readFd]);
    if (this.spill) {
      rmSync(this.spill.file, { force: true });
      this.spill = undefined;
      this.inMemory = true;
    }
  }
}

function readAt(fd: number, offset: number, length: number): Buffer | undefined {
  const out = Buffer.allocUnsafe(length);
  try {
    return readSync(fd, out, 0, length, offset) === length ? out : undefined;
  } catch {
    return undefined;
  }
}
