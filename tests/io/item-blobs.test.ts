import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ItemBlobs, type BlobRef } from '../../src/io/item-blobs.js';
import { decodeItemJson, encodeItemJson } from '../../src/io/item-json.js';
import type { Item } from '../../src/core/schema/item.js';

/** Items of varied sizes, some larger than a read window (64 KB), one empty. */
function items(): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < 400; i++) {
    const size = i === 7 ? 0 : i % 97 === 0 ? 70_000 + i : 200 + ((i * 7919) % 3000);
    out.push(Buffer.from(`{"n":${i},"t":"${'事'.repeat(Math.floor(size / 3))}"}`));
  }
  return out;
}

describe('item segments', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every item back exactly, in order, out of order, sparsely and across windows, before and after saving', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bbcs-blobs-'));
    const all = items();
    const writing = new ItemBlobs(dir, []);
    const refs = all.map((b) => writing.add(b));
    // Pending (not yet saved) items read back as they were.
    refs.forEach((ref, i) => expect(writing.read(ref)?.equals(all[i]!)).toBe(true));
    const segments = writing.persist(
      refs.map((blob) => ({ blob })),
      'seg-test.items',
      8,
    );
    expect(segments).toEqual(['seg-test.items']);

    const reading = new ItemBlobs(dir, segments);
    const check = (order: number[]) => {
      for (const i of order) expect(reading.read(refs[i]!)?.toString()).toBe(all[i]!.toString());
    };
    check(all.map((_, i) => i));
    check(all.map((_, i) => all.length - 1 - i));
    check(all.map((_, i) => (i * 131) % all.length));
    // A few here and there, in order, as overdue picks them; then in order again, where they meet what is cached.
    check(all.map((_, i) => i).filter((i) => i % 8 === 3));
    check(all.map((_, i) => i).filter((i) => i % 3 !== 0));
    // What is returned is the caller's: reading more does not change it.
    const first = reading.read(refs[0]!)!;
    const copy = Buffer.from(first);
    for (const ref of refs.slice(1, 200)) reading.read(ref);
    expect(first.equals(copy)).toBe(true);
    // decode sees the bytes in place, told whether they are a window's that later reads reuse.
    const seen = all.map((_, i) =>
      reading.decode(refs[i]!, (bytes, shared) => ({ text: bytes.toString(), shared, length: bytes.length })),
    );
    seen.forEach((s, i) => {
      expect(s?.text).toBe(all[i]!.toString());
      expect(s?.shared).toBe(all[i]!.length <= 64 << 10);
    });
    expect(writing.decode(refs[1]!, (bytes) => bytes.toString())).toBe(all[1]!.toString());
  });

  it('reads two segments taken in turn, in order and sparsely, each item exactly', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bbcs-blobs-'));
    const all = items();
    const refsOf = (name: string) => {
      const writing = new ItemBlobs(dir, []);
      const refs = all.map((b) => writing.add(b));
      writing.persist(
        refs.map((blob) => ({ blob })),
        name,
        8,
      );
      return refs;
    };
    const a = refsOf('seg-a.items');
    const b = refsOf('seg-b.items');
    const reading = new ItemBlobs(dir, ['seg-a.items', 'seg-b.items']);
    for (const pick of [(_i: number) => true, (i: number) => i % 7 === 2, (i: number) => i % 2 === 0]) {
      all.forEach((bytes, i) => {
        if (!pick(i)) return;
        expect(reading.read(a[i]!)?.equals(bytes), `a ${i}`).toBe(true);
        expect(reading.read(b[all.length - 1 - i]!)?.equals(all[all.length - 1 - i]!), `b ${i}`).toBe(true);
      });
    }
  });

  it('gives nothing for an item beyond the end of a truncated segment', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bbcs-blobs-'));
    writeFileSync(path.join(dir, 'seg-short.items'), Buffer.alloc(1000, 0x20));
    const blobs = new ItemBlobs(dir, ['seg-short.items']);
    const ref = (offset: number, length: number): BlobRef => ({ segment: 'seg-short.items', offset, length });
    expect(blobs.read(ref(900, 100))?.length).toBe(100);
    expect(blobs.read(ref(950, 100))).toBeUndefined();
    expect(blobs.read({ segment: 'seg-gone.items', offset: 0, length: 10 })).toBeUndefined();
  });
});

describe('item JSON in segments', () => {
  it('gives back the item exactly, lone surrogates and control characters included', () => {
    const item = {
      id: 'ZJJ-2026-0001',
      title: '办不成事\u0000\t\r\n',
      party: { name: 'a\ud800b\udc00c😀' },
    } as unknown as Item;
    const bytes = encodeItemJson(item);
    expect(decodeItemJson(bytes)).toEqual(item);
    // Two bytes a UTF-16 unit: a Chinese character takes two, not three as in UTF-8.
    expect(encodeItemJson({ title: '事'.repeat(100) } as unknown as Item).length).toBe(
      2 * JSON.stringify({ title: '事'.repeat(100) }).length,
    );
  });

  it('fails loudly on bytes that are not an item’s JSON', () => {
    expect(() => decodeItemJson(Buffer.from('{"id":', 'utf16le'))).toThrow();
  });
});
