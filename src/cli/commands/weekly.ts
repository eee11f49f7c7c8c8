import path from 'node:path';
import { maskName, maskPhone } from '../../core/mask.js';
import { weeklySummary } from '../../core/reports/weekly.js';
import { chinaDate, isCivilDate } from '../../core/time.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { openLedger, provisionalNote } from '../ledger-session.js';
import { configuredOfficer, configuredUnit } from '../officer.js';
import type { LedgerOptions } from '../options.js';
import { unitsListed, unknownUnitMessage } from '../../core/unit-choice.js';

interface WeeklyOptions extends LedgerOptions {
  unit?: string;
  all?: boolean;
  week?: string;
  out?: string;
  mask?: boolean;
  json?: boolean;
  by?: string;
}

/** 填报时间 as the form is filled in by hand: 2026年11月27日. */
function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export async function runWeekly(options: WeeklyOptions): Promise<number> {
  if (options.week !== undefined && !isCivilDate(options.week)) {
    throw new UsageError(`--week 的值「${options.week}」不是有效日期：写该周中的任意一天，如 2026-11-27`);
  }
  const { ledger, asOf, rulesNote } = openLedger(options, { deadlines: true });
  const unitCodes = options.all
    ? [...ledger.units.values()].filter((u) => u.kind !== '区办').map((u) => u.code)
    : [options.unit ?? configuredUnit(process.cwd())];
  if (unitCodes[0] === undefined)
    throw new UsageError(
      `请用 --unit 指定填报单位（台账中的单位：${unitsListed(ledger.units.values())}），或用 --all 生成全区的汇总表`,
    );
  for (const code of unitCodes)
    if (!ledger.units.has(code!)) throw new UsageError(unknownUnitMessage(code!, ledger.units.values()));

  const day = options.week ?? chinaDate(asOf);
  // A unit's summary holds only its own items: the others are not even read.
  const wanted = new Set(unitCodes);
  const items = [...ledger.items.values()].filter((e) => wanted.has(e.facets.unit)).map((e) => e.item);
  const sheets = unitCodes.map((code) => ({
    unitName: ledger.units.get(code!)!.name,
    summary: weeklySummary(items, code!, ledger.calendar, ledger.policy.weeklyWeekday, day),
  }));
  const due = sheets[0]!.summary.to;
  const label = options.all ? '全区' : sheets[0]!.unitName;
  const file = path.resolve(options.out ?? `附件4_办不成事事项汇总表_${label}_${due}.xlsx`);
  const mask = options.mask
    ? (r: { party: string; partyKind: string; phone: string }) => ({
        party: r.partyKind === '群众' ? maskName(r.party) : r.party,
        phone: maskPhone(r.phone),
      })
    : undefined;

  const { writeWeeklyWorkbook } = await import('../../io/excel/weekly-workbook.js');
  const filledBy = options.by?.trim() || configuredOfficer(process.cwd());
  await writeWeeklyWorkbook(sheets, file, {
    ...(mask ? { mask } : {}),
    ...(filledBy ? { filledBy } : {}),
    district: options.all === true,
    filledOn: chineseDate(chinaDate(asOf)),
    created: new Date(),
  });

  const unknownYears = [...new Set(sheets.flatMap((s) => s.summary.unknownYears))];
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ file, from: sheets[0]!.summary.from, to: due, units: sheets.map((s) => ({ unit: s.summary.unit, name: s.unitName, items: s.summary.rows.map((r) => r.id) })), provisional: unknownYears.length > 0, builtInRules: rulesNote !== undefined }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  const provisional = unknownYears.length > 0 ? '，暂定' : '';
  const lines = [`汇总表（附件4）：上报时间 ${sheets[0]!.summary.from} 至 ${due}（报送日 ${due}${provisional}）`];
  for (const s of sheets)
    lines.push(
      `  ${s.unitName}：${s.summary.rows.length === 0 ? '本周无' : `${s.summary.rows.length} 件（${s.summary.rows.map((r) => r.id).join('、')}）`}`,
    );
  lines.push(`已生成 ${path.relative(process.cwd(), file) || file}，打印后由主要领导签字报送区办。`);
  const note = provisionalNote(unknownYears);
  if (note) lines.push(note);
  if (rulesNote) lines.push(rulesNote);
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
