import { maskName, maskPhone } from '../../core/mask.js';
import { overdueReport, type OverdueReport } from '../../core/reports/overdue.js';
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

function toJson(report: OverdueReport, unmask: boolean): unknown {
  return {
    asOf: formatChinaTimestamp(report.asOf),
    within: report.within,
    red: report.red,
    yellow: report.yellow,
    provisionalYears: report.unknownYears,
    units: report.groups.map((g) => ({
      unit: g.unit,
      name: g.unitName,
      red: g.red,
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
      })),
    })),
  };
}

function printTable(report: OverdueReport, unmask: boolean): void {
  const out = process.stdout;
  out.write(`逾期与临期事项（截至 ${formatChinaMinute(report.asOf)}，黄牌：${report.within} 个工作日内到期）\n`);
  if (report.groups.length === 0) {
    out.write('没有逾期或临期的事项。\n');
    return;
  }
  for (const group of report.groups) {
    out.write(`\n${group.unitName}（${group.unit}）：红牌 ${group.red} 件，黄牌 ${group.yellow} 件\n`);
    const rows = group.rows.map((row) => {
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
    const table = renderGrid(rows, {
      head: ['工单编号', '受理事项名称', '办理对象', '联系电话', '应办', '期限', '状态'],
      wordWrap: true,
      colWidths: [18, 28, 18, 16, 14, 20, 24],
    });
    out.write(`${table}\n`);
  }
  out.write(`\n合计：红牌 ${report.red} 件，黄牌 ${report.yellow} 件。\n`);
  const note = provisionalNote(report.unknownYears);
  if (note) out.write(`${note}\n`);
}

export async function runOverdue(options: OverdueOptions): Promise<number> {
  const within = parseWithin(options.within);
  const { ledger, asOf } = openLedger(options);
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
  if (options.json) process.stdout.write(`${JSON.stringify(toJson(report, unmask), null, 2)}\n`);
  else printTable(report, unmask);
  if (options.xlsx) {
    const { writeOverdueWorkbook } = await import('../../io/excel/overdue-workbook.js');
    await writeOverdueWorkbook(report, options.xlsx, { mask: options.mask === true });
    if (!options.json) process.stdout.write(`已导出：${options.xlsx}\n`);
  }
  return options.fail && report.red > 0 ? EXIT_FINDINGS : EXIT_OK;
}
