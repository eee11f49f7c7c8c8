#!/usr/bin/env node
// What a year without a published schedule costs a command: the lunar library (tyme4ts) is loaded
// and the year's statutory holidays worked out only when such a year is touched. Prints the CPU
// time (user + system, median of N runs, GNU time) of the same command on a date whose deadline
// stays in a bundled year and on one that crosses into an unpublished year, beside the floors
// measured in the same run (node starting, bbcs --help). Benchmarks are never tests.
// Usage: node bench/provisional-year.mjs [--runs 15]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repo, 'bin', 'bbcs');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 15;
if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed to measure CPU time');

function cpuMs(argv) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '@@%U %S', ...argv], { encoding: 'utf8', cwd: repo });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} → ${r.status}\n${r.stderr}`);
    const [user, system] = /@@([\d.]+) ([\d.]+)\s*$/.exec(r.stderr).slice(1).map(Number);
    times.push((user + system) * 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const rows = [
  ['node -e 0（下限）', [process.execPath, '-e', '0']],
  ['bbcs --help（下限）', [process.execPath, bin, '--help']],
  ['bbcs calendar add 2026-09-30 3（只涉及已收录年份）', [process.execPath, bin, 'calendar', 'add', '2026-09-30', '3']],
  [
    'bbcs calendar add 2026-12-30 3（跨入未收录的 2027 年）',
    [process.execPath, bin, 'calendar', 'add', '2026-12-30', '3'],
  ],
  [
    'bbcs calendar day 2027-01-01 2099-12-31（两个未收录年份）',
    [process.execPath, bin, 'calendar', 'day', '2027-01-01', '2099-12-31'],
  ],
];
console.log(`暂定年份的开销：CPU 时间（用户 + 系统），${RUNS} 次的中位数`);
console.log('');
console.log('| 命令 | CPU 时间 |');
console.log('| --- | --- |');
for (const [name, argv] of rows) console.log(`| ${name} | ${cpuMs(argv).toFixed(0)} ms |`);
