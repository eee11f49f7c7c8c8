import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { officeCode } from '../../src/core/reports/overdue.js';
import { checkInWorkers, TAKE, type WorkerResult } from '../../src/io/check-workers.js';
import { readAndCheck, type ItemCheckContext } from '../../src/io/item-check.js';
import { KnownDigests } from '../../src/io/known-digests.js';
import { scanLedger } from '../../src/io/ledger-scan.js';
import { loadLedger } from '../../src/io/load-ledger.js';
import { DEMO_LEDGER } from '../helpers/temp-ledger.js';

/** The check worker as built into the bundle that bin/bbcs runs (the sources have none to start). */
const BUILT_WORKER = pathToFileURL(path.resolve('dist/app/check-worker.js'));

describe('the built check worker', () => {
  it('answers for every file exactly as the main thread checks it, item JSON included', () => {
    expect(existsSync(fileURLToPath(BUILT_WORKER)), 'npm run build makes it').toBe(true);
    const asOf = Date.parse('2026-11-26T23:59:59+08:00');
    const ledger = loadLedger(DEMO_LEDGER, asOf);
    const context: ItemCheckContext = {
      units: ledger.units,
      asOf,
      policy: ledger.policy,
      office: officeCode(ledger.units),
    };
    const files = scanLedger(DEMO_LEDGER, { deferItems: true }).files.filter((f) => f.kind === 'item');
    expect(files.length).toBeGreaterThan(20);
    const answers: WorkerResult[] = [];
    checkInWorkers(DEMO_LEDGER, files, context, 2, (r) => answers.push(r), { workerScript: BUILT_WORKER });
    expect(answers.map((a) => a.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    for (const answer of answers) {
      const here = readAndCheck(DEMO_LEDGER, files[answer.index]!, context);
      expect({
        ...answer,
        checked: { ...answer.checked, json: Buffer.from(answer.checked!.json!).toString() },
      }).toEqual({
        index: answer.index,
        ...here,
        checked: { ...here.checked, json: Buffer.from(here.checked!.json!).toString() },
      });
    }
  });
});

describe('files whose bytes the cache knows', () => {
  it('are read and hashed but not checked, in the workers as in the main thread; any other digest gets the check', () => {
    const asOf = Date.parse('2026-11-26T23:59:59+08:00');
    const ledger = loadLedger(DEMO_LEDGER, asOf);
    const context: ItemCheckContext = {
      units: ledger.units,
      asOf,
      policy: ledger.policy,
      office: officeCode(ledger.units),
    };
    const files = scanLedger(DEMO_LEDGER, { deferItems: true }).files.filter((f) => f.kind === 'item');
    const digestOf = (i: number) =>
      createHash('sha1')
        .update(readFileSync(path.join(DEMO_LEDGER, files[i]!.file)))
        .digest();
    const known = KnownDigests.forFiles(files.length);
    // Even files: the digest of their bytes. Every third: a digest of other bytes. The rest: none.
    files.forEach((_, i) => {
      if (i % 2 === 0) known.set(i, digestOf(i));
      else if (i % 3 === 0) known.set(i, createHash('sha1').update('other bytes').digest());
    });
    const expectAnswer = (answer: WorkerResult) => {
      expect(answer.sha1).toBe(digestOf(answer.index).toString('hex'));
      expect(answer.checked === undefined, files[answer.index]!.file).toBe(answer.index % 2 === 0);
    };
    const answers: WorkerResult[] = [];
    checkInWorkers(DEMO_LEDGER, files, context, 2, (r) => answers.push(r), { workerScript: BUILT_WORKER, known });
    expect(answers.map((a) => a.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    answers.forEach(expectAnswer);
    files.forEach((file, index) =>
      expectAnswer({ index, ...readAndCheck(DEMO_LEDGER, file, context, known.at(index)) }),
    );
  });
});

describe('a check worker that dies', () => {
  it('leaves the files it took unanswered, for the caller to check, while the other worker answers the rest', () => {
    const asOf = Date.parse('2026-11-26T23:59:59+08:00');
    const ledger = loadLedger(DEMO_LEDGER, asOf);
    const context: ItemCheckContext = {
      units: ledger.units,
      asOf,
      policy: ledger.policy,
      office: officeCode(ledger.units),
    };
    const files = scanLedger(DEMO_LEDGER, { deferItems: true }).files.filter((f) => f.kind === 'item');
    const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-dying-'));
    try {
      // The first worker to start takes a batch of files and dies without a word; the other is the real one.
      const script = path.join(dir, 'dying-worker.mjs');
      writeFileSync(
        script,
        [
          "import { openSync } from 'node:fs';",
          "import { workerData } from 'node:worker_threads';",
          'let first = true;',
          "try { openSync(new URL('./died', import.meta.url), 'wx'); } catch { first = false; }",
          `if (first) { Atomics.add(new Int32Array(workerData.counters), 0, ${TAKE}); process.exit(1); }`,
          // The real one starts once the files are taken, so that it cannot take them first.
          'else {',
          '  const counters = new Int32Array(workerData.counters);',
          '  while (Atomics.load(counters, 0) === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);',
          `  await import(${JSON.stringify(BUILT_WORKER.href)});`,
          '}',
        ].join('\n'),
      );
      const answers: WorkerResult[] = [];
      checkInWorkers(DEMO_LEDGER, files, context, 2, (r) => answers.push(r), {
        workerScript: pathToFileURL(script),
        stallMs: 5000,
      });
      const answered = new Set(answers.map((a) => a.index));
      const missing = files.map((_, i) => i).filter((i) => !answered.has(i));
      // One batch, taken whole by the dead worker.
      expect(missing.length).toBeGreaterThan(0);
      expect(missing[0]! % TAKE).toBe(0);
      expect(missing).toEqual(
        Array.from({ length: Math.min(TAKE, files.length - missing[0]!) }, (_, k) => missing[0]! + k),
      );
      for (const answer of answers)
        expect(answer.checked?.check).toEqual(readAndCheck(DEMO_LEDGER, files[answer.index]!, context).checked?.check);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
