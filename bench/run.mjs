#!/usr/bin/env node
// Benchmark of the read commands on generated ledgers (bench/generate.mjs): for each command the
// wall time (best of N runs), the peak memory (GNU time, when present) and the ratio to reading
// every ledger file, measured in the same run. "cold" runs start without the parse cache
// (<ledger>/.bbcs-cache removed); "warm" runs find it filled. Benchmarks are never tests.
// Usage: npm run bench [-- 10000 100000] [--runs 3]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedLedger } from './generate.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'bbcs');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs').map(Number);
const gnuTime = existsSync('/usr/bin/time');
const AS_OF = '2026-11-26';
const out = mkdtempSync(path.join(tmpdir(), 'bbcs-bench-out-'));

// bbcs exits with 1 when it finds problems in a ledger: an answer, not a failure. The baseline
// scripts have no such answer: exiting with 1 they failed, and their time would mean nothing.
function once(argv, env, mayFind = true) {
  const start = process.hrtime.bigint();
  const full = gnuTime ? ['/usr/bin/time', '-f', '@@%M', ...argv] : argv;
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const r = spawnSync(full[0], full.slice(1), { encoding: 'utf8', env: merged, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const mem = gnuTime ? Number(/@@(\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN) / 1024 : NaN;
  if (r.status !== 0 && !(mayFind && r.status === 1))
    throw new Error(`${argv.join(' ')} → ${r.status}\n${r.stderr.slice(-800)}`);
  return { ms, mem };
}

function best(argv, { cold, ledger, env = {}, runs = RUNS, mayFind = true }) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    if (cold && ledger) rmSync(path.join(ledger, '.bbcs-cache'), { recursive: true, force: true });
    results.push(once(argv, env, mayFind));
  }
  return { ms: Math.min(...results.map((r) => r.ms)), mem: Math.max(...results.map((r) => r.mem)) };
}

const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtMb = (mb) => (Number.isNaN(mb) ? '—' : `${mb.toFixed(0)} MB`);

console.log(
  `bbcs 基准：node ${process.version}，${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}，内存 ${(totalmem() / 2 ** 30).toFixed(0)} GB；每项取 ${RUNS} 次中最快的一次；开始时系统负载 ${loadavg()[0].toFixed(1)}`,
);
console.log('');
console.log('| 事项数 | 命令 | 无缓存 | 有缓存 | 内存峰值 | 与“读全部文件”之比（有缓存） |');
console.log('| --- | --- | --- | --- | --- | --- |');
const help = best([process.execPath, bin, '--help'], {});
const nodeFloor = best([process.execPath, '-e', '0'], {});
// NODE_EXTRA_CA_CERTS makes every Node.js start load a certificate bundle (about 80 ms here); a
// machine without it starts that much sooner, so --help is timed both ways.
const bare = { NODE_EXTRA_CA_CERTS: undefined };
const helpBare = process.env.NODE_EXTRA_CA_CERTS ? best([process.execPath, bin, '--help'], { env: bare }) : undefined;
const nodeFloorBare = process.env.NODE_EXTRA_CA_CERTS ? best([process.execPath, '-e', '0'], { env: bare }) : undefined;
for (const count of sizes.length > 0 ? sizes : [10000, 100000]) {
  const { dir, total } = generatedLedger(count);
  const read = best([process.execPath, path.join(repo, 'bench', 'read-all.mjs'), dir], { mayFind: false });
  const n = total.toLocaleString('en-US');
  console.log(`| ${n} | 读全部文件（基线） | ${fmtS(read.ms)} | | ${fmtMb(read.mem)} | 1.0 |`);
  const parsed = best([process.execPath, path.join(repo, 'bench', 'read-all.mjs'), dir, '--js-yaml'], {
    runs: 1,
    mayFind: false,
  });
  console.log(
    `| ${n} | 读并用 js-yaml 解析全部文件（基线） | ${fmtS(parsed.ms)} | | ${fmtMb(parsed.mem)} | ${(parsed.ms / read.ms).toFixed(1)} |`,
  );
  const L = ['--ledger', dir, '--as-of', AS_OF];
  const commands = [
    ['validate', ['validate', ...L]],
    ['overdue', ['overdue', ...L]],
    [
      'weekly --unit zhen02',
      ['weekly', '--unit', 'zhen02', '--week', '2026-11-20', '--out', path.join(out, 'weekly.xlsx'), ...L],
    ],
    ['track（导出附件5）', ['track', '--out', path.join(out, 'track.xlsx'), ...L]],
    ['show', ['show', 'ZJJ-2026-0001', ...L]],
  ];
  for (const [label, argv] of commands) {
    const full = [process.execPath, bin, ...argv];
    const runs = label.startsWith('track') && count >= 100000 ? 1 : RUNS;
    const saved = RUNS;
    const cold =
      runs === saved
        ? best(full, { cold: true, ledger: dir })
        : once((rmSync(path.join(dir, '.bbcs-cache'), { recursive: true, force: true }), full));
    const warm = best(full, { cold: false, ledger: dir });
    console.log(
      `| ${n} | ${label} | ${fmtS(cold.ms)} | ${fmtS(warm.ms)} | ${fmtMb(Math.max(cold.mem, warm.mem))} | ${(warm.ms / read.ms).toFixed(1)} |`,
    );
  }
  // A CI job's fresh clone with the cache it kept (BBCS_CACHE_DIR): every file is new to the
  // cache's signatures, so each is read and hashed, and found by its bytes. The copy is not timed.
  const restored = [];
  for (let i = 0; i < RUNS; i++) {
    const clone = mkdtempSync(path.join(tmpdir(), 'bbcs-bench-clone-'));
    try {
      cpSync(dir, clone, { recursive: true });
      restored.push(once([process.execPath, bin, 'validate', '--ledger', clone, '--as-of', AS_OF], {}));
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }
  const clone = { ms: Math.min(...restored.map((r) => r.ms)), mem: Math.max(...restored.map((r) => r.mem)) };
  console.log(
    `| ${n} | validate（新克隆，取回缓存） | | ${fmtS(clone.ms)} | ${fmtMb(clone.mem)} | ${(clone.ms / read.ms).toFixed(1)} |`,
  );
}
console.log(`| — | --help | ${fmtS(help.ms)} | | ${fmtMb(help.mem)} | |`);
console.log(`| — | （对照）node -e 0 | ${fmtS(nodeFloor.ms)} | | ${fmtMb(nodeFloor.mem)} | |`);
if (helpBare && nodeFloorBare) {
  console.log(`| — | --help（不设 NODE_EXTRA_CA_CERTS） | ${fmtS(helpBare.ms)} | | ${fmtMb(helpBare.mem)} | |`);
  console.log(
    `| — | （对照）node -e 0（不设 NODE_EXTRA_CA_CERTS） | ${fmtS(nodeFloorBare.ms)} | | ${fmtMb(nodeFloorBare.mem)} | |`,
  );
}
rmSync(out, { recursive: true, force: true });
