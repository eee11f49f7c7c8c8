import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { runStep } from '../../src/cli/commands/step.js';
import type { Choice, Prompter } from '../../src/cli/prompts.js';
import type { Item } from '../../src/core/schema/item.js';
import { edit, itemFile } from '../fixtures/diagnostics.js';
import { MINI_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

/**
 * A unit's 主要领导 (optional in unit.yaml): given with `unit add --principal`, shown on form 2,
 * and offered as the consent when the unit reports a matter to the 区办 (第五条（三）).
 */

const NEW_UNIT = [
  ...['--code', 'scj', '--name', '淮阴区市场监督管理局', '--kind', '区直单位'],
  ...['--leader-name', '郑国强', '--leader-title', '副局长', '--leader-phone', '0517-84901001'],
  ...['--section-name', '行政审批科', '--section-head', '何琳', '--section-phone', '0517-84901002'],
  ...['--contact-name', '王敏', '--contact-title', '科员', '--contact-phone', '13800000301'],
];

describe('主要领导 of a unit', () => {
  let repo: TempRepo;
  beforeAll(() => {
    const unit = readFileSync(path.join(MINI_LEDGER, 'zjj/unit.yaml'), 'utf8');
    repo = tempLedger({
      'zjj/unit.yaml': edit(unit, 'kind: 区直单位', 'kind: 区直单位\nprincipal: 测试局长'),
      'zjj/ZJJ-2026-0601.yaml': itemFile('ZJJ-2026-0601', {
        events: [
          { type: 'registered', at: '2026-11-02T09:00:00+08:00', by: '测试己' },
          { type: 'confirmed', at: '2026-11-02T10:00:00+08:00', by: '测试己', section: '规划科', consent_by: '测试丁' },
          { type: 'classified', at: '2026-11-03T09:00:00+08:00', by: '测试戊', class: 2 },
        ],
      }),
    });
  });
  afterAll(() => repo.cleanup());

  it('unit add --principal writes it after the kind; without it the unit has none and nothing is asked', () => {
    const r = runBbcs(['unit', 'add', ...NEW_UNIT, '--principal', '李局长', '--by', '王敏'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(path.join(repo.ledger, 'scj/unit.yaml'), 'utf8');
    expect(text).toContain('kind: 区直单位 # 单位类型（区直单位/镇街/区办）\nprincipal: 李局长 # 主要领导姓名');
    expect(parse(text)).toMatchObject({ code: 'scj', principal: '李局长' });
    expect(runBbcs(['unit', 'show', 'scj'], repo.dir).stdout).toContain('主要领导：李局长');

    const other = NEW_UNIT.map((v) => (v === 'scj' ? 'scj2' : v === '淮阴区市场监督管理局' ? '淮阴区审批局' : v));
    const without = runBbcs(['unit', 'add', ...other, '--by', '王敏'], repo.dir);
    expect(without.status).toBe(0);
    expect(parse(readFileSync(path.join(repo.ledger, 'scj2/unit.yaml'), 'utf8'))).not.toHaveProperty('principal');
    expect(runBbcs(['validate'], repo.dir).status).toBe(0);
  });

  it('report offers the unit’s 主要领导 as the consent in a terminal', async () => {
    const asked: { message: string; default: string | undefined }[] = [];
    const prompter: Prompter = {
      input: (message: string, options: { default?: string } = {}) => {
        asked.push({ message, default: options.default });
        return Promise.resolve(options.default ?? '');
      },
      select: <T extends string>(_m: string, choices: readonly Choice<T>[]) => Promise.resolve(choices[0]!.value),
      confirm: () => Promise.resolve(true),
    };
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await runStep(
        'report',
        'ZJJ-2026-0601',
        { ledger: repo.ledger, at: '2026-11-03 10:00', by: '测试戊', yes: true },
        { prompter },
      );
      expect(code).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(asked).toEqual([{ message: '同意上报的主要领导姓名：', default: '测试局长' }]);
    const item = parse(readFileSync(path.join(repo.ledger, 'zjj/ZJJ-2026-0601.yaml'), 'utf8')) as Item;
    expect(item.events.at(-1)).toMatchObject({ type: 'reported', consent_by: '测试局长' });
  });
});
