import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * The bytes of one zip entry as they are produced: markup and text are encoded straight into a
 * buffer (no joined string in between, which took twice as long), and each full buffer goes to
 * zlib, which compresses on a pool thread while the caller builds the next rows.
 */

const CHUNK = 1 << 16;
/** A buffer is handed on once this full; the rest is room for the row being written. */
const BUFFER = 4 * CHUNK;

export interface EntrySizes {
  crc: number;
  compressed: number;
  size: number;
}

export class DeflatedEntry {
  private buffer = Buffer.allocUnsafe(BUFFER);
  private used = 0;
  private crc = 0;
  private size = 0;
  private compressed = 0;
  private backedUp = false;
  // A failed write (a full disk) is kept and thrown to the writer at its next step: thrown from
  // the data handler it would escape every caller and end the process.
  private failure: Error | undefined;
  private readonly deflate: DeflateRaw;

  constructor(level: number, output: (compressed: Buffer) => void) {
    // zlib passes stream options through (its types do not say so): a few chunks may wait for
    // the pool thread, so the writer seldom stops for it.
    this.deflate = createDeflateRaw({ level, chunkSize: CHUNK, highWaterMark: 4 * CHUNK } as ZlibOptions);
    this.deflate.on('error', (error) => (this.failure ??= error));
    this.deflate.on('data', (chunk: Buffer) => {
      if (this.failure) return;
      this.compressed += chunk.length;
      try {
        output(chunk);
      } catch (error) {
        this.deflate.destroy((this.failure = error as Error));
      }
    });
  }

  /** Markup known to be ASCII: one byte a character. */
  ascii(markup: string): void {
    if (this.used + markup.length > BUFFER) this.handOn();
    if (markup.length > BUFFER) return this.handOnWhole(Buffer.from(markup, 'latin1'));
    this.used += this.buffer.write(markup, this.used, 'latin1');
  }

  /** Any text, as UTF-8: at most three bytes for each UTF-16 unit. */
  text(text: string): void {
    const most = text.length * 3;
    if (this.used + most > BUFFER) this.handOn();
    if (most > BUFFER) return this.handOnWhole(Buffer.from(text, 'utf8'));
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /**
   * Call between rows: hands a full buffer on, and returns a promise when zlib has more than it
   * wants waiting. Awaiting it keeps memory bounded.
   */
  ready(): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    if (this.used >= CHUNK) this.handOn();
    if (!this.backedUp) return undefined;
    this.backedUp = false;
    return once(this.deflate, 'drain').then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** Ends the data; resolves with its checksum and sizes once every compressed byte is out. */
  async close(): Promise<EntrySizes> {
    this.handOn();
    this.deflate.end();
    await finished(this.deflate);
    if (this.failure) throw this.failure;
    return { crc: this.crc, compressed: this.compressed, size: this.size };
  }

  /** Stops compressing and lets go of the buffers: the archive is being given up. */
  discard(): void {
    this.failure ??= new Error('zip entry discarded');
    this.deflate.destroy();
  }

  private handOn(): void {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // zlib keeps the buffer until it is compressed, so the next rows go into a new one.
    this.buffer = Buffer.allocUnsafe(BUFFER);
    this.used = 0;
    this.handOnWhole(full);
  }

  private handOnWhole(data: Buffer): void {
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    if (!this.deflate.write(data)) this.backedUp = true;
  }
}
