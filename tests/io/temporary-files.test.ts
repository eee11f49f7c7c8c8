import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The built modules: a child process runs them, and interrupts itself. */
const built = (module: string) => pathToFileURL(path.resolve('dist/io', module)).href;
const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(script: string) {
  const file = path.join(dir, `child-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
}

describe('an interrupted export', () => {
  it('removes the temporary file it holds, then ends by the same signal', () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      const temp = path.join(dir, `.held-${signal}.tmp`);
      const r = child(`
        import { writeFileSync } from 'node:fs';
        import { holdTemporary } from '${built('temporary-files.js')}';
        writeFileSync(${JSON.stringify(temp)}, 'half');
        holdTemporary(${JSON.stringify(temp)});
        process.kill(process.pid, '${signal}');
        setTimeout(() => process.exit(0), 10_000);
      `);
      expect(r.signal, r.stderr).toBe(signal);
      expect(existsSync(temp)).toBe(false);
    }
  });

  it('leaves Ctrl+C as it was once the file is let go', () => {
    const temp = path.join(dir, '.released.tmp');
    const r = child(`
      import { writeFileSync } from 'node:fs';
      import { holdTemporary } from '${built('temporary-files.js')}';
      writeFileSync(${JSON.stringify(temp)}, 'whole');
      holdTemporary(${JSON.stringify(temp)})();
      console.log(process.listenerCount('SIGINT'));
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => process.exit(0), 10_000);
    `);
    expect(r.stdout.trim()).toBe('0');
    expect(r.signal).toBe('SIGINT');
    expect(existsSync(temp)).toBe(true);
  });

  it('a workbook being written when Ctrl+C comes leaves nothing behind, and the older file stays', () => {
    const out = mkdtempSync(path.join(dir, 'out-'));
    const target = path.join(out, '跟踪台账.xlsx');
    writeFileSync(target, 'older');
    const r = child(`
      import { XlsxStreamWriter } from '${built('excel/xlsx-stream.js')}';
      const writer = new XlsxStreamWriter(${JSON.stringify(target)}, { sheets: [{ name: '表', widths: [20] }], styles: { body: { font: { name: '宋体', size: 11 } } }, creator: 'bbcs', created: new Date(0) });
      await writer.write(async ([sheet]) => {
        for (let i = 0; i < 1_000_000; i++) {
          await sheet.add(['第 ' + i + ' 行'], 'body');
          if (i === 2000) process.kill(process.pid, 'SIGINT');
        }
      });
      console.log('finished');
    `);
    expect(r.stdout).not.toContain('finished');
    expect(r.signal, r.stderr).toBe('SIGINT');
    expect(readdirSync(out)).toEqual(['跟踪台账.xlsx']);
  });
});
