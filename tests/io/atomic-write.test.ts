import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { scanLedger } from '../../src/io/ledger-scan.js';
import { REPO_ROOT, tempLedger } from '../helpers/temp-ledger.js';

/**
 * A write either happens completely or not at all: the file is the old content or the new,
 * whatever moment the writer dies at. The only trace a killed writer may leave is its hidden
 * temporary file, which the ledger scanner skips.
 */

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-atomic-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TEMP_NAME = (target: string) =>
  new RegExp(`^\\.${path.basename(target).replace(/\./g, '\\.')}\\.tmp-\\d+-[0-9a-f]{8}$`);

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving nothing else behind', () => {
    const dir = tempDir();
    const target = path.join(dir, 'ZJJ-2026-0001.yaml');
    writeFileAtomic(target, '第一版\n');
    expect(readFileSync(target, 'utf8')).toBe('第一版\n');
    writeFileAtomic(target, Buffer.from('第二版\n', 'utf8'));
    expect(readFileSync(target, 'utf8')).toBe('第二版\n');
    expect(readdirSync(dir)).toEqual(['ZJJ-2026-0001.yaml']);
  });

  it('an exclusive write creates a new file but never replaces an existing one', () => {
    const dir = tempDir();
    const target = path.join(dir, 'ZJJ-2026-0002.yaml');
    writeFileAtomic(target, '先登记的\n', { exclusive: true });
    expect(() => writeFileAtomic(target, '后登记的\n', { exclusive: true })).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(readFileSync(target, 'utf8')).toBe('先登记的\n');
    expect(readdirSync(dir)).toEqual(['ZJJ-2026-0002.yaml']);
  });

  it('a failed write leaves the old file and no temporary file', () => {
    const dir = tempDir();
    const target = path.join(dir, 'missing-folder', 'x.yaml');
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the ledger scanner skips a hidden temporary file left by a killed writer', () => {
    const r = tempLedger({ 'zjj/.ZJJ-2026-0001.yaml.tmp-12345-0a1b2c3d': '# 写到一半\nid: ZJJ-20' }, undefined, false);
    try {
      const scan = scanLedger(r.ledger);
      expect(scan.files.map((f) => f.file)).not.toContain('zjj/.ZJJ-2026-0001.yaml.tmp-12345-0a1b2c3d');
      expect(scan.diagnostics.filter((d) => d.file.includes('.tmp-'))).toEqual([]);
    } finally {
      r.cleanup();
    }
  });
});

describe('kill -9 during writes', () => {
  // Two large contents of different lengths, so a torn or mixed file cannot pass for either.
  const A = `${'甲'.repeat(600_000)}\n`;
  const B = `${'乙'.repeat(900_000)}\nend\n`;
  const module = pathToFileURL(path.join(REPO_ROOT, 'dist/io/atomic-write.js')).href;

  function writer(dir: string, target: string): string {
    const script = path.join(dir, 'writer.mjs');
    writeFileSync(
      script,
      [
        `import { writeFileAtomic } from ${JSON.stringify(module)};`,
        `const contents = [${JSON.stringify(A)}, ${JSON.stringify(B)}];`,
        `writeFileAtomic(${JSON.stringify(target)}, contents[0]);`,
        `process.stdout.write('ready\\n');`,
        `for (let i = 1; ; i++) writeFileAtomic(${JSON.stringify(target)}, contents[i % 2]);`,
      ].join('\n'),
    );
    return script;
  }

  async function killMidway(script: string, delayMs: number): Promise<void> {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', () => reject(new Error('the writer exited before it was ready')));
    });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
  }

  it('leaves exactly the old or the new content, and at most one hidden temporary file', async () => {
    expect(existsSync(new URL(module)), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
    const dir = tempDir();
    const target = path.join(dir, 'ZJJ-2026-0001.yaml');
    const script = writer(dir, target);
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      await killMidway(script, 30 + Math.floor(Math.random() * 250));
      const content = readFileSync(target, 'utf8');
      expect(content === A || content === B, `round ${round}: torn file of ${content.length} characters`).toBe(true);
      seen.add(content === A ? 'A' : 'B');
      const others = readdirSync(dir).filter((f) => f !== 'ZJJ-2026-0001.yaml' && f !== 'writer.mjs');
      expect(others.length).toBeLessThanOrEqual(1);
      for (const f of others) {
        expect(f).toMatch(TEMP_NAME(target));
        rmSync(path.join(dir, f));
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
