#!/usr/bin/env node
// Benchmark: 附件5 export of 100,000 rows through bbcs's xlsx writer, the writer alone
// (rows are generated on the fly, not read from a ledger). Prints time, CPU time beside the floor
// (producing the same rows without writing them, in the same run) and peak memory.
// Usage: npm run bench:track [-- 100000 [distinct]]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTrackWorkbook } from '../dist/io/excel/track-workbook.js';

const count = Number(process.argv[2] ?? 100_000);
// `distinct`: every row's texts differ (no two neighbouring cells alike), the worst case for the
// row-height measure, which measures a value only when it differs from the row above.
const distinct = process.argv[3] === 'distinct';
const unique = (text, i) => (distinct ? `${text}（第${i}号）` : text);
const idOf = (i) => `DW${String(i % 60).padStart(2, '0')}-2026-${String(i).padStart(6, '0')}`;
function* ids() {
  for (let i = 0; i < count; i++) yield idOf(i);
}
function* rows() {
  for (let i = 0; i < count; i++) {
    yield {
      id: idOf(i),
      unit: `dw${i % 60}`,
      party: i % 2 ? '淮安市某某食品有限公司' : '张某某',
      partyKind: i % 2 ? '企业' : '群众',
      phone: '0517-80001234',
      title: unique('申请在自有住宅内开设网店办理个体工商户营业执照及相关经营许可', i),
      receivedBy: '王敏',
      receivedAt: '2026-07-20 10:00',
      result: unique(i % 3 ? '办成：已按住所申报承诺制核发个体工商户营业执照。' : '办理中', i),
      closedAt: i % 3 ? '2026-07-24 16:00' : '',
      stateName: '已办结',
      itemClass: '2 需要多部门协调解决',
      decision: '1 可以办理，退回原上报单位重新办理',
      difficulty: '复杂',
      responsibleUnit: 'scj',
      deadlines: [{ name: '向当事方反馈', due: '2026-07-27', standing: '按时完成' }],
      overdue: i % 50 === 0,
      provisional: false,
    };
  }
}

// The floor, measured in the same run: producing the rows alone, without writing them.
let floorCpu = process.cpuUsage();
let produced = 0;
for (const row of rows()) produced += row.id.length;
floorCpu = process.cpuUsage(floorCpu);

const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-track-'));
const file = path.join(dir, 'track.xlsx');
const start = performance.now();
const cpuStart = process.cpuUsage();
const written = await writeTrackWorkbook(rows(), file, { title: '基准测试', created: new Date(), ids: ids() });
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const floorSeconds = (floorCpu.user + floorCpu.system) / 1e6;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `附件5 export: ${written.rows} rows in ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(2)} s; floor, producing the rows alone: CPU ${floorSeconds.toFixed(2)} s, ratio ${(cpuSeconds / floorSeconds).toFixed(1)}), peak memory ${peakMb.toFixed(0)} MB, file ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB (node ${process.version}${produced ? '' : ''})`,
);
rmSync(dir, { recursive: true, force: true });
