import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';

const AS_OF = '2026-11-26T12:00:00+08:00';
const ZJJ_ITEMS = readdirSync(path.join(DEMO_LEDGER, 'zjj')).filter((f) => f !== 'unit.yaml');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

function repo(files = {}): TempRepo {
  const r = tempLedger(files, DEMO_LEDGER);
  repos.push(r);
  return r;
}

const head = (dir: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();

/** A 台账 as an officer keeps it: merged title rows, a blank line, columns in an order of its own. */
async function messySheet(file: string, rows: (string | Date)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Sheet1');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '住建局“办不成事”登记台账（2026年）';
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value = '填报单位：淮阴区住房和城乡建设局';
  ws.addRow([]);
  ws.addRow(['受理 时间', '办理对象', '反映事项', '联系\n电话', '受理人员', '备注']);
  ws.addRow([]);
  for (const row of rows) ws.addRow(row);
  ws.addRow(['主要领导：']);
  await workbook.xlsx.writeFile(file);
}

describe('bbcs import', () => {
  it('exporting 附件5 and importing it back gives the same items for the form fields', () => {
    const source = repo();
    const exported = path.join(source.dir, 'track.xlsx');
    expect(runBbcs(['track', '--unit', 'zjj', '--out', exported, '--as-of', AS_OF], source.dir).status).toBe(0);
    const target = repo(Object.fromEntries(ZJJ_ITEMS.map((f) => [`zjj/${f}`, { remove: true }])));
    const before = head(target.dir);
    const r = runBbcs(['import', exported, '--unit', 'zjj', '--yes', '--as-of', AS_OF], target.dir, {
      BBCS_OFFICER: '陈静',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`已导入 ${ZJJ_ITEMS.length} 个事项`);
    const changed = execFileSync('git', ['diff', '--name-only', before, 'HEAD'], { cwd: target.dir, encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(changed.sort()).toEqual(ZJJ_ITEMS.map((f) => `ledger/zjj/${f}`).sort());
    for (const file of ZJJ_ITEMS) {
      const original = parse(readFileSync(path.join(DEMO_LEDGER, 'zjj', file), 'utf8'));
      const imported = parse(readFileSync(path.join(target.ledger, 'zjj', file), 'utf8'));
      expect(imported.id).toBe(original.id);
      expect(imported.party).toEqual(original.party);
      expect(imported.title).toBe(original.title);
      expect(imported.events[0]).toEqual({ type: 'registered', at: original.events[0].at, by: original.events[0].by });
    }
    expect(runBbcs(['validate', '--as-of', AS_OF], target.dir).status).toBe(0);
  });

  it('reads a messy hand-made 台账, and a bad phone on one row stops the whole import', async () => {
    const target = repo();
    const file = path.join(target.dir, '台账.xlsx');
    await messySheet(file, [
      ['2026-11-02 09:30', '淮阴区某某建材有限公司', '建材堆场临时用地审批', '0517-80007777', '王敏', ''],
      [new Date(Date.UTC(2026, 10, 3, 14, 5)), '李四', '老旧小区加装电梯补贴申请', '0517-8490', '王敏', '加急'],
      ['2026/11/4 10:00', '王五', '房屋安全鉴定', '13900001111', '王敏', ''],
    ]);
    const before = head(target.dir);
    const bad = runBbcs(['import', file, '--yes', '--as-of', AS_OF], target.dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('第 7 行：联系电话「0517-8490」不是有效的电话号码');
    expect(bad.stderr).toContain('没有导入任何事项');
    expect(head(target.dir)).toBe(before);
    expect(execFileSync('git', ['status', '--porcelain', 'ledger'], { cwd: target.dir, encoding: 'utf8' })).toBe('');

    await messySheet(file, [
      ['2026-11-02 09:30', '淮阴区某某建材有限公司', '建材堆场临时用地审批', '0517-80007777', '王敏', ''],
      [new Date(Date.UTC(2026, 10, 3, 14, 5)), '李四', '老旧小区加装电梯补贴申请', '0517-84901234', '王敏', '加急'],
    ]);
    const preview = runBbcs(['import', file, '--dry-run', '--as-of', AS_OF], target.dir);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('将导入到 zjj');
    expect(preview.stdout).toContain('ZJJ-2026-0006');
    const noConfirm = runBbcs(['import', file, '--as-of', AS_OF], target.dir);
    expect(noConfirm.status).toBe(2);
    const ok = runBbcs(['import', file, '--yes', '--as-of', AS_OF], target.dir);
    expect(ok.status).toBe(0);
    const first = parse(readFileSync(path.join(target.ledger, 'zjj', 'ZJJ-2026-0006.yaml'), 'utf8'));
    expect(first.party).toEqual({ name: '淮阴区某某建材有限公司', kind: '企业', phone: '0517-80007777' });
    expect(first.events[0].at).toBe('2026-11-02T09:30:00+08:00');
    const second = parse(readFileSync(path.join(target.ledger, 'zjj', 'ZJJ-2026-0007.yaml'), 'utf8'));
    expect(second.party.kind).toBe('群众');
    expect(second.events[0].at).toBe('2026-11-03T14:05:00+08:00');
    expect(second.remark).toMatch(/^加急；由 台账\.xlsx 第 7 行导入/);
    expect(runBbcs(['validate', '--as-of', AS_OF], target.dir).status).toBe(0);
  });

  it('says which columns are missing when no header is found, and refuses ids already used', async () => {
    const target = repo();
    const file = path.join(target.dir, 'x.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['姓名', '电话']);
    await workbook.xlsx.writeFile(file);
    const r = runBbcs(['import', file, '--unit', 'zjj'], target.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('找不到台账表头');
    const exported = path.join(target.dir, 'track.xlsx');
    runBbcs(['track', '--unit', 'zjj', '--out', exported, '--as-of', AS_OF], target.dir);
    const again = runBbcs(['import', exported, '--unit', 'zjj', '--yes', '--as-of', AS_OF], target.dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('在台账中已存在');
    expect(existsSync(path.join(target.ledger, 'zjj', 'ZJJ-2026-0006.yaml'))).toBe(false);
  });
});
