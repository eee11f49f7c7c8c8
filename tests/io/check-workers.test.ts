import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { officeCode } from '../../src/core/reports/overdue.js';
import { checkInWorkers, type WorkerResult } from '../../src/io/check-workers.js';
import { readAndCheck, type ItemCheckContext } from '../../src/io/item-check.js';
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
    const context: ItemCheckContext = { units: ledger.units, asOf, policy: ledger.policy, office: officeCode(ledger.units) };
    const files = scanLedger(DEMO_LEDGER, { deferItems: true }).files.filter((f) => f.kind === 'item');
    expect(files.length).toBeGreaterThan(20);
    const answers: WorkerResult[] = [];
    checkInWorkers(DEMO_LEDGER, files, context, 2, (r) => answers.push(r), BUILT_WORKER);
    expect(answers.map((a) => a.index).sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
    for (const answer of answers) {
      const here = readAndCheck(DEMO_LEDGER, files[answer.index]!, context);
      expect({ ...answer, checked: { ...answer.checked, json: Buffer.from(answer.checked!.json!).toString() } }).toEqual({
        index: answer.index,
        ...here,
        checked: { ...here.checked, json: Buffer.from(here.checked!.json!).toString() },
      });
    }
  });
});
