import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/io/parse-block.js';
import { parseFast } from '../../src/io/parse-fast.js';
import { parseYamlSource } from '../../src/io/yaml-source.js';
import { DEMO_LEDGER } from '../helpers/temp-ledger.js';

/**
 * The line reader (parse-block.ts) serves the files bbcs writes; everything else must fall
 * through to js-yaml. Small edits of real item files probe its edges: whatever the quick parse
 * accepts, the positional parse must read the same, without a problem.
 */
const BITS = [
  ':',
  ': ',
  ' #',
  '#',
  '"',
  "'",
  '-',
  '- ',
  ' ',
  '  ',
  '\u3000',
  'null',
  '~',
  '\\',
  '|',
  '>',
  'true',
  'Null',
  '0x1F',
  '1e3',
  '.inf',
  '12',
  '-1',
  '?',
  ' : ',
  '__proto__: 1',
  '\n',
  '\n  ',
  '\n- ',
  'x:',
  '""',
  "''",
  '\u0085',
  '\u2028',
  '\x07',
];

function items(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) items(p, out);
    else if (/^[A-Z]+-\d{4}-\d+\.yaml$/.test(e.name)) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

function mutations(count: number): string[] {
  const sources = items(DEMO_LEDGER);
  let seed = 0x9e3779b9;
  const rnd = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) % 1000003) % n;
  };
  const out: string[] = [];
  for (let r = 0; r < count; r++) {
    const lines = sources[rnd(sources.length)]!.split('\n');
    const li = rnd(lines.length);
    const pos = rnd(lines[li]!.length + 1);
    const op = rnd(4);
    if (op === 0) lines[li] = lines[li]!.slice(0, pos) + BITS[rnd(BITS.length)] + lines[li]!.slice(pos);
    else if (op === 1) lines.splice(li, 1);
    else if (op === 2) lines[li] = ' '.repeat(rnd(4)) + lines[li]!.replace(/^ +/, '');
    else lines[li] = lines[li]!.slice(0, pos) + lines[li]!.slice(pos + 1 + rnd(3));
    out.push(lines.join('\n'));
  }
  return out;
}

describe('the line reader agrees with the positional parse', () => {
  it('on edited item files', () => {
    let accepted = 0;
    for (const text of mutations(3000)) {
      // Only the line reader's answers are judged here (js-yaml's are the subject of cache.test.ts).
      if (parseBlock(text, (plain) => plain) === undefined) continue;
      const bytes = Buffer.from(text);
      const quick = parseFast(bytes);
      accepted++;
      const full = parseYamlSource('zjj/ZJJ-2026-0001.yaml', bytes);
      expect(full.diagnostics, text).toEqual([]);
      expect(JSON.stringify(quick), text).toBe(JSON.stringify(full.value));
      expect(quick).toEqual(full.value);
    }
    expect(accepted).toBeGreaterThan(500);
  }, 60_000);
});
