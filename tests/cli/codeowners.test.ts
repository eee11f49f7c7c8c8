import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Unit } from '../../src/core/schema/unit.js';
import { formatUnit } from '../../src/io/ledger-format.js';
import { codeownersText } from '../../src/cli/commands/codeowners.js';
import { MINI_LEDGER, runBbcs, tempLedger } from '../helpers/temp-ledger.js';

const unit = (code: string, maintainers: unknown): string =>
  formatUnit({
    ...(parse(readFileSync(path.join(MINI_LEDGER, code, 'unit.yaml'), 'utf8')) as Unit),
    maintainers,
  } as Unit);

describe('bbcs codeowners', () => {
  it('gives each unit folder to its maintainers and the rules and calendar to the 区办', () => {
    const repo = tempLedger({
      'qbb/unit.yaml': unit('qbb', ['@huaiyin/qbb', 'wumin@example.gov.cn']),
      'zjj/unit.yaml': unit('zjj', ['@zhangsan']),
    });
    try {
      const valid = runBbcs(['validate', '--as-of', '2026-11-26'], repo.dir);
      expect(valid.status, valid.stdout).toBe(0);
      const r = runBbcs(['codeowners'], repo.dir);
      expect(r.status, r.stderr).toBe(0);
      const text = readFileSync(path.join(repo.dir, 'CODEOWNERS'), 'utf8');
      const rules = text.split('\n').filter((l) => l.startsWith('/'));
      expect(rules).toEqual([
        '/ledger/qbb/ @huaiyin/qbb wumin@example.gov.cn',
        '/ledger/zjj/ @zhangsan',
        '/ledger/policy.yaml @huaiyin/qbb wumin@example.gov.cn',
        '/ledger/calendar/ @huaiyin/qbb wumin@example.gov.cn',
      ]);
      expect(text).toContain('# wangying');
      expect(r.stderr).toContain('wangying');
      const shown = runBbcs(['codeowners', '--out', '-'], repo.dir);
      expect(shown.stdout).toBe(text);
    } finally {
      repo.cleanup();
    }
  });

  it('a maintainer that is not a handle or an email is a validate error', () => {
    const repo = tempLedger({ 'zjj/unit.yaml': unit('zjj', ['张三 /ledger/ @evil']) });
    try {
      const r = runBbcs(['validate', '--as-of', '2026-11-26', '--json'], repo.dir);
      expect(r.status).toBe(1);
      const json = JSON.parse(r.stdout) as { diagnostics: { code: string; file: string; message: string }[] };
      expect(json.diagnostics.map((d) => [d.code, d.file])).toContainEqual(['invalid-value', 'ledger/zjj/unit.yaml']);
    } finally {
      repo.cleanup();
    }
  });

  it('codeownersText: a ledger at the repository top has no prefix', () => {
    const units = [{ code: 'qbb', name: '区办', kind: '区办', maintainers: ['@a'] }] as unknown as Unit[];
    expect(codeownersText(units, '').text).toContain('/qbb/ @a\n');
  });
});
