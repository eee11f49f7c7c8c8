import {
  accountabilityReport,
  accountabilityTotal,
  type AccountabilityReport,
  type LateEntry,
} from '../../core/reports/accountability.js';
import { EVENT_NAMES } from '../../core/schema/events.js';
import { formatChinaMinute, formatChinaTimestamp } from '../../core/time.js';
import type { SheetTable } from '../../io/excel/stats-workbook.js';
import { describePeriod, runPeriodReport, type PeriodOptions } from './stats.js';

const KINDS = {
  notReportedInTime: '未按时上报区办',
  missingFromWeekly: '未列入当周汇总表',
  feedbackLate: '反馈逾期',
  filingLate: '备案逾期',
} as const;

/**
 * Opens the explanation of a row whose dates depend on a year without an official schedule:
 * first, so that a wrapped cell still shows it on the row's first line.
 */
const provisional = (p: boolean) => (p ? '（暂定）' : '');

const late = (e: LateEntry) =>
  `${provisional(e.provisional)}应于 ${e.due} 前完成，${
    e.doneOn
      ? `${e.doneOn} 完成，逾期 ${e.daysLate} 个工作日`
      : e.stopped
        ? `未完成；${e.stopped.on} ${EVENT_NAMES[e.stopped.by]}停止计时时已逾期 ${e.daysLate} 个工作日`
        : `至今未完成，已逾期 ${e.daysLate} 个工作日`
  }`;

export function accountabilityTables(report: AccountabilityReport): SheetTable[] {
  const period = describePeriod(report.period);
  const asOf = formatChinaMinute(report.asOf);
  const summary: SheetTable = {
    name: '问责汇总',
    title: '“办不成事”工作问责情况汇总',
    subtitle: `应办日期：${period}；数据截至 ${asOf}`,
    head: ['单位', ...Object.values(KINDS), '合计'],
    rows: report.units.map((u) => [
      u.name,
      u.notReportedInTime.length,
      u.missingFromWeekly.length,
      u.feedbackLate.length,
      u.filingLate.length,
      accountabilityTotal(u),
    ]),
    notes: [
      '未按时上报区办：牵头科室研判为第 2–4 类后，1 个工作日内未上报（含已逾期仍未上报），按应上报日统计；未列入当周汇总表：研判为第 2–4 类的事项到当周汇总日仍未上报，按汇总日统计；反馈逾期、备案逾期：应反馈、应备案日在统计期内且逾期完成或逾期未完成（含留档暂存、重启停止计时时已逾期的：逾期一经发生即保留）。',
    ],
  };
  const detail: SheetTable = {
    name: '问责明细',
    title: '“办不成事”工作问责明细',
    subtitle: `应办日期：${period}；数据截至 ${asOf}`,
    head: ['单位', '情形', '工单编号', '说明'],
    rows: report.units.flatMap((u) => [
      ...u.notReportedInTime.map((e) => [u.name, KINDS.notReportedInTime, e.id, late(e)]),
      ...u.missingFromWeekly.map((m) => [
        u.name,
        KINDS.missingFromWeekly,
        m.id,
        `${provisional(m.provisional)}${m.classifiedOn} 研判分类，应列入 ${m.summaryDay} 的汇总表，${m.reportedOn ? `${m.reportedOn} 才上报` : '至今未上报'}`,
      ]),
      ...u.feedbackLate.map((e) => [u.name, KINDS.feedbackLate, e.id, late(e)]),
      ...u.filingLate.map((e) => [u.name, KINDS.filingLate, e.id, late(e)]),
    ]),
    terminalWidths: [16, 18, 20, 44],
  };
  return [summary, detail];
}

export function accountabilityJson(report: AccountabilityReport): unknown {
  return {
    asOf: formatChinaTimestamp(report.asOf),
    period: { from: report.period.from ?? null, to: report.period.to },
    units: report.units.map((u) => ({
      unit: u.unit,
      name: u.name,
      total: accountabilityTotal(u),
      notReportedInTime: { count: u.notReportedInTime.length, items: u.notReportedInTime },
      missingFromWeekly: { count: u.missingFromWeekly.length, items: u.missingFromWeekly },
      feedbackLate: { count: u.feedbackLate.length, items: u.feedbackLate },
      filingLate: { count: u.filingLate.length, items: u.filingLate },
    })),
    provisionalYears: report.unknownYears,
  };
}

export function runAccountability(options: PeriodOptions): Promise<number> {
  return runPeriodReport(options, {
    build: (items, ledger, query) => accountabilityReport(items, ledger.units, ledger.policy, ledger.calendar, query),
    tables: accountabilityTables,
    json: accountabilityJson,
  });
}
