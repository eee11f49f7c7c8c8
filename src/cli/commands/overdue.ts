import { maskName, maskPhone } from '../../core/mask.js';
import { overdueReport, provisionallyRed, type OverdueReport, type OverdueRow } from '../../core/reports/overdue.js';
import { formatChinaMinute, formatChinaTimestamp } from '../../core/time.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { describeDue, describeStanding } from '../format/standing.js';
import { renderGrid } from '../format/table.js';
import { openLedger, provisionalNote } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';
import { unknownUnitMessage } from '../../core/unit-choice.js';

interface OverdueOptions extends LedgerOptions {
  unit?: string;
  within?: string;
  json?: boolean;
  xlsx?: string;
  fail?: boolean;
  unmask?: boolean;
  mask?: boolean;
}

function parseWithin(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value)) throw new UsageError(`--within 的值「${value}」不合法：应为 0–99 的整数（个工作日）`);
  return Number(value);
}

function toJson(report: OverdueReport, unmask: boolean, builtInRules: boolean): unknown {
  return {
    asOf: formatChinaTimestamp(report.asOf),
    within: report.within,
    red: report.red,
    provisionalRed: report.provisionalRed,
    yellow: report.yellow,
    provisionalYears: report.unknownYears,
    builtInRules,
    units: report.groups.map((g) => ({
      unit: g.unit,
      name: g.unitName,
      red: g.red,
      provisionalRed: g.provisionalRed,
      yellow: g.yellow,
      items: g.rows.map((r) => ({
        id: r.item.id,
        title: r.item.title,
        party: unmask || r.item.party.kind === '企业' ? r.item.party.name : maskName(r.item.party.name),
        phone: unmask ? r.item.party.phone : maskPhone(r.item.party.phone),
        obligation: r.obligation.rule.id,
        obligationName: r.obligation.rule.name,
        startedAt: formatChinaTimestamp(r.obligation.startedAt),
        due: r.obligation.due,
        standing: r.assessment.standing,
        daysLate: r.assessment.daysLate ?? null,
        daysLeft: r.assessment.daysLeft ?? null,
        provisional: r.assessment.provisional,
        provisionallyRed: provisionallyRed(r),
      })),
    })),
  };
}

function rowsTable(rows: readonly OverdueRow[], unmask: boolean): string {
  const cells = rows.map((row) => {
    const party = unmask || row.item.party.kind === '企业' ? row.item.party.name : maskName(row.item.party.name);
    return [
      row.item.id,
      row.item.title,
      party,
      unmask ? row.item.party.phone : maskPhone(row.item.party.phone),
      row.obligation.rule.name,
      describeDue(row.obligation),
      describeStanding(row.assessment),
    ];
  });
  return renderGrid(cells, {
    head: ['工单编号', '受理事项名称', '办理对象', '联系电话', '应办', '期限', '状态'],
    wordWrap: true,
    colWidths: [18, 28, 18, 16, 14, 20, 24],
  });
}

/**
 * Red cards that are only provisional come after the rest, apart: the 区办 should see them,
 * but they are not findings yet (the year's notice may move their due days).
 */
function printTable(report: OverdueReport, unmask: boolean, rulesNote: string | undefined): void {
  const out = process.stdout;
  out.write(`逾期与临期事项（截至 ${formatChinaMinute(report.asOf)}，黄牌：${report.within} 个工作日内到期）\n`);
  if (report.groups.length === 0) out.write('没有逾期或临期的事项。\n');
  for (const group of report.groups) {
    const rows = group.rows.filter((r) => !provisionallyRed(r));
    if (rows.length === 0) continue;
    const aside = group.provisionalRed > 0 ? `（另有暂定红牌 ${group.provisionalRed} 件，见后）` : '';
    out.write(
      `\n${group.unitName}（${group.unit}）：红牌 ${group.red - group.provisionalRed} 件，黄牌 ${group.yellow} 件${aside}\n`,
    );
    out.write(`${rowsTable(rows, unmask)}\n`);
  }
  if (report.provisionalRed > 0) {
    out.write(
      `\n暂定红牌：期限所在年份的节假日安排尚未公布，按法定节假日和周末暂定；通知公布后期限可能变化，因此不计入 --fail。\n`,
    );
    for (const group of report.groups) {
      const rows = group.rows.filter(provisionallyRed);
      if (rows.length === 0) continue;
      out.write(`\n${group.unitName}（${group.unit}）：暂定红牌 ${rows.length} 件\n${rowsTable(rows, unmask)}\n`);
    }
  }
  if (report.groups.length > 0) {
    const aside = report.provisionalRed > 0 ? `；另有暂定红牌 ${report.provisionalRed} 件` : '';
    out.write(`\n合计：红牌 ${report.red - report.provisionalRed} 件，黄牌 ${report.yellow} 件${aside}。\n`);
  }
  const note = provisionalNote(report.unknownYears);
  if (note) out.write(`${note}\n`);
  if (rulesNote) out.write(`${rulesNote}\n`);
}

export async function runOverdue(options: OverdueOptions): Promise<number> {
  const within = parseWithin(options.within);
  const { ledger, asOf, rulesNote } = openLedger(options, { deadlines: true });
  if (options.unit !== undefined && !ledger.units.has(options.unit)) {
    throw new UsageError(unknownUnitMessage(options.unit, ledger.units.values()));
  }
  // Only an item with a clock still running can be late or due soon: the others are not even read.
  const items = (function* () {
    for (const entry of ledger.items.values()) if (entry.facets.open) yield entry.read();
  })();
  const query = {
    asOf,
    ...(within !== undefined ? { within } : {}),
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
  };
  const report = overdueReport(items, ledger.units, ledger.policy, ledger.calendar, query);
  const unmask = options.unmask === true;
  if (options.json)
    process.stdout.write(`${JSON.stringify(toJson(report, unmask, rulesNote !== undefined), null, 2)}\n`);
  else printTable(report, unmask, rulesNote);
  if (options.xlsx) {
    const { writeOverdueWorkbook } = await import('../../io/excel/overdue-workbook.js');
    await writeOverdueWorkbook(report, options.xlsx, { mask: options.mask === true });
    if (!options.json) process.stdout.write(`已导出：${options.xlsx}\n`);
  }
  // Only a red card that is red for certain is a finding: a provisional one may vanish with the notice.
  return options.fail && report.red - report.provisionalRed > 0 ? EXIT_FINDINGS : EXIT_OK;
}
