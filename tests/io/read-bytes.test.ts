import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { MAX_FILE_BYTES, readBytes, type LedgerFile } from '../../src/io/ledger-scan.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(name: string, content: Buffer): { read: LedgerFile; problems: Diagnostic[] } {
  writeFileSync(path.join(dir, name), content);
  const problems: Diagnostic[] = [];
  return {
    read: readBytes(dir, { kind: 'item', file: name, folder: '', stem: name.replace(/\.yaml$/, '') }, problems),
    problems,
  };
}

/** Bytes that differ from place to place, so that a piece read twice or left out shows. */
const pattern = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (i * 7 + (i >> 10)) & 0xff));

describe('readBytes', () => {
  it('reads files of every size up to the limit whole, however many reads they take', () => {
    for (const size of [0, 1, 4095, 4096, 65_535, 65_536, 65_537, 300_000, MAX_FILE_BYTES]) {
      const content = pattern(size);
      const { read: r, problems } = read(`f${size}.yaml`, content);
      expect(problems).toEqual([]);
      expect(Buffer.compare(Buffer.from(r.bytes!), content), `${size} bytes`).toBe(0);
    }
  });

  it('gives each file bytes of its own: a later read does not change an earlier one', () => {
    const first = read('a.yaml', Buffer.from('id: A\n')).read.bytes!;
    read('b.yaml', Buffer.from('id: B, and longer\n'));
    expect(Buffer.from(first).toString()).toBe('id: A\n');
  });

  it('refuses a file one byte over the limit, telling its size', () => {
    const { read: r, problems } = read('big.yaml', pattern(MAX_FILE_BYTES + 1));
    expect(r.bytes).toBeUndefined();
    expect(problems.map((d) => [d.code, d.message])).toEqual([['file-too-large', '文件大小 1.0 MB，超过上限 1 MB']]);
    const { problems: larger } = read('bigger.yaml', pattern(3 * MAX_FILE_BYTES));
    expect(larger[0]!.message).toBe('文件大小 3.0 MB，超过上限 1 MB');
  });

  it('a folder or a missing file is unreadable, with the reason', () => {
    const problems: Diagnostic[] = [];
    readBytes(dir, { kind: 'item', file: 'missing.yaml', folder: '', stem: 'missing' }, problems);
    readBytes(path.dirname(dir), { kind: 'item', file: path.basename(dir), folder: '', stem: 'x' }, problems);
    expect(problems.map((d) => [d.code, d.message])).toEqual([
      ['file-unreadable', '文件无法读取（ENOENT）'],
      ['file-unreadable', '文件无法读取（EISDIR）'],
    ]);
  });
});
