#!/usr/bin/env node
// Benchmark: `bbcs validate` on the demo ledger and on generated ledgers of 1,000 and 5,000
// items (demo items copied under new ids). Prints wall time and peak memory; no test asserts
// on these figures — they are for the README and for comparing changes.
// Usage: npm run bench [-- 1000 5000]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'bbcs');
const demo = path.join(repo, 'ledger');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

function demoItems() {
  const items = [];
  for (const unit of readdirSync(demo, { withFileTypes: true })) {
    if (!unit.isDirectory() || unit.name === 'calendar') continue;
    for (const file of readdirSync(path.join(demo, unit.name))) {
      if (file.endsWith('.yaml') && file !== 'unit.yaml') items.push({ unit: unit.name, text: readFileSync(path.join(demo, unit.name, file), 'utf8') });
    }
  }
  return items;
}

function generate(count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-bench-'));
  cpSync(demo, dir, { recursive: true });
  const templates = demoItems();
  for (let k = 0; k < count; k++) {
    const { unit, text } = templates[k % templates.length];
    const id = `${unit.toUpperCase()}-2026-${String(1000 + k).padStart(5, '0')}`;
    writeFileSync(path.join(dir, unit, `${id}.yaml`), text.replace(/^id: \S+/m, `id: ${id}`));
  }
  return dir;
}

const gnuTime = existsSync('/usr/bin/time');

function measure(label, ledger, items) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const args = [process.execPath, bin, 'validate', '--ledger', ledger, '--as-of', '2026-11-26'];
    const r = gnuTime ? spawnSync('/usr/bin/time', ['-f', '%M', ...args], { encoding: 'utf8' }) : spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const peakKb = gnuTime ? Number(r.stderr.trim().split('\n').pop() ?? '0') : NaN;
    if (r.status !== 0) throw new Error(`validate failed on ${label}: ${r.stdout.slice(-500)}`);
    runs.push({ ms, peakKb });
  }
  const best = runs.sort((a, b) => a.ms - b.ms)[0];
  const memory = Number.isNaN(best.peakKb) ? '—' : `${(best.peakKb / 1024).toFixed(0)} MB`;
  console.log(`| ${label} | ${items} | ${best.ms.toFixed(0)} ms | ${memory} |`);
  return best.ms;
}

console.log(`bbcs validate — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; best of 3 runs`);
console.log('| ledger | items | wall time | peak memory |');
console.log('| --- | --- | --- | --- |');
const points = [[demoItems().length, measure('demo ledger', demo, demoItems().length)]];
for (const n of sizes.length > 0 ? sizes : [1000, 5000]) {
  const dir = generate(n);
  try {
    points.push([n + demoItems().length, measure(`generated ${n}`, dir, n + demoItems().length)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// The marginal cost: what each further 1,000 items add, start-up excluded.
const [[n0, t0], [n1, t1]] = [points[1], points[points.length - 1]];
if (n1 > n0) console.log(`each further 1,000 items: ${(((t1 - t0) / (n1 - n0)) * 1000).toFixed(0)} ms`);
