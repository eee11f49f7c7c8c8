import {
  RANKING_RULE,
  statsReport,
  type Period,
  type Rate,
  type StatsReport,
  type Tally,
  type UnitStats,
} from '../../core/reports/stats.js';
import { SCOPES } from '../../core/schema/vocabulary.js';
import { chinaDate, formatChinaMinute, formatChinaTimestamp, isCivilDate } from '../../core/time.js';
import type { SheetTable } from '../../io/excel/stats-workbook.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { fitRow, renderGrid } from '../format/table.js';
import { openLedger, provisionalNote } from '../ledger-session.js';
import type { LoadedLedger } from '../../io/load-ledger.js';
import type { Item } from '../../core/schema/item.js';
import type { LedgerOptions } from '../options.js';
import { unknownUnitMessage, type NamedUnit } from '../../core/unit-choice.js';

export interface PeriodOptions extends LedgerOptions {
  from?: string;
  to?: string;
  unit?: string;
  json?: boolean;
  xlsx?: string;
}

/** --from / --to as China dates; --to defaults to the day of --as-of (today). */
export function parsePeriod(options: PeriodOptions, asOf: number): Period {
  for (const [flag, value] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined && !isCivilDate(value))
      throw new UsageError(`${flag} 的值「${value}」不是有效日期：应写成 2026-01-01 这样的年-月-日`);
  }
  const to = options.to ?? chinaDate(asOf);
  if (options.from !== undefined && options.from > to)
    throw new UsageError(`--from（${options.from}）晚于 --to（${to}）：起始日期应不晚于截止日期`);
  return { ...(options.from !== undefined ? { from: options.from } : {}), to };
}

export function describePeriod(period: Period): string {
  return period.from ? `${period.from} 至 ${period.to}` : `截至 ${period.to}`;
}

export function requireUnit(code: string | undefined, units: ReadonlyMap<string, NamedUnit>): void {
  if (code !== undefined && !units.has(code)) throw new UsageError(unknownUnitMessage(code, units.values()));
}

/** Unit names are long: on a terminal their column wraps at this width. */
const UNIT_WIDTH = 16;

const percent = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
const rateCell = (r: Rate) => `${r.numerator.count}/${r.denominator.count}（${percent(r.rate)}）`;
const median = (m: number | null) => (m === null ? '—' : String(m));

function rows(report: StatsReport): UnitStats[] {
  return [...report.units, report.district];
}

/** The tables, once, for the terminal and the workbook. */
export function statsTables(report: StatsReport): SheetTable[] {
  const period = describePeriod(report.period);
  const asOf = formatChinaMinute(report.asOf);
  const scopes = Object.keys(SCOPES) as (keyof typeof SCOPES)[];
  const name = (s: UnitStats) => s.name;
  return [
    {
      name: '登记与分类',
      title: '“办不成事”事项登记与分类统计',
      subtitle: `登记时间：${period}；数据截至 ${asOf}`,
      head: ['单位', '登记', ...scopes.map((s) => `范围${s}`), '第1类', '第2类', '第3类', '第4类', '上报区办'],
      rows: rows(report).map((s) => [
        name(s),
        s.registered.count,
        ...scopes.map((k) => s.byScope[k].count),
        s.byClass[1].count,
        s.byClass[2].count,
        s.byClass[3].count,
        s.byClass[4].count,
        s.reported.count,
      ]),
      notes: [
        '登记：受理时间在统计期内的事项；范围：第三条适用范围；分类：牵头科室最后一次研判的类别；上报区办：已有上报记录的事项。',
      ],
    },
    {
      name: '研判与办结',
      title: '“办不成事”事项研判与办结统计',
      subtitle: `登记时间：${period}；数据截至 ${asOf}`,
      head: [
        '单位',
        '意见1',
        '意见2',
        '意见3',
        '意见4',
        '办成',
        '不能办理',
        '转办',
        '重启',
        '办结用时中位数（工作日）',
      ],
      rows: rows(report).map((s) => [
        name(s),
        s.decisions[1].count,
        s.decisions[2].count,
        s.decisions[3].count,
        s.decisions[4].count,
        s.closed.办成.count,
        s.closed.不能办理.count,
        s.closed.转办.count,
        s.restarts.count,
        median(s.medianDaysToClose),
      ]),
      notes: [
        '意见1–4：区办最后一次研判的办理意见；办成/不能办理/转办：事项当前的办理结果；重启：曾重启办理的事项；办结用时：受理日到办结（或转办、内部协调解决、当场告知）日之间的工作日数。',
      ],
    },
    {
      name: '时限与满意度',
      title: '“办不成事”事项办理时限与满意度统计',
      subtitle: `登记时间：${period}；数据截至 ${asOf}`,
      head: [
        '单位',
        '反馈按时',
        '备案按时',
        '红牌（现）',
        '黄牌（现）',
        '曾逾期',
        '满意',
        '基本满意',
        '不满意',
        '满意率',
      ],
      rows: rows(report).map((s) => [
        name(s),
        rateCell(s.feedbackOnTime),
        rateCell(s.filingOnTime),
        s.overdueNow.红牌.count,
        s.overdueNow.黄牌.count,
        s.overdueEver.count,
        s.satisfaction.满意.count,
        s.satisfaction.基本满意.count,
        s.satisfaction.不满意.count,
        rateCell(s.satisfaction.rate),
      ]),
      notes: [
        '按时：按时完成数/应完成数（按时完成＋逾期完成＋已逾期未完成，含留档暂存、重启停止计时时已逾期的），应完成数为 0 时记“—”；时限类数字按应办单位（责任单位）统计；曾逾期：逾期完成或已逾期未完成的时限；满意率：（满意＋基本满意）/回访数。',
      ],
    },
    {
      name: '单位排名',
      title: '“办不成事”工作单位排名',
      subtitle: `登记时间：${period}；数据截至 ${asOf}`,
      head: ['名次', '单位', '反馈按时率', '曾逾期', '备案按时率'],
      rows: report.ranking.map((r) => [r.rank, r.name, percent(r.feedbackRate), r.overdueEver, percent(r.filingRate)]),
      terminalWidths: [6, UNIT_WIDTH],
      notes: [RANKING_RULE],
    },
  ];
}

const tallyJson = (t: Tally) => ({ count: t.count, items: t.items });
const rateJson = (r: Rate) => ({
  numerator: tallyJson(r.numerator),
  denominator: tallyJson(r.denominator),
  rate: r.rate,
});

function unitJson(s: UnitStats): unknown {
  const map = <T>(o: Record<string, T>, f: (v: T) => unknown) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
  return {
    unit: s.unit,
    name: s.name,
    registered: tallyJson(s.registered),
    byScope: map(s.byScope, tallyJson),
    byClass: map(s.byClass, tallyJson),
    reported: tallyJson(s.reported),
    decisions: map(s.decisions, tallyJson),
    closed: map(s.closed, tallyJson),
    feedbackOnTime: rateJson(s.feedbackOnTime),
    filingOnTime: rateJson(s.filingOnTime),
    overdueNow: map(s.overdueNow, tallyJson),
    overdueEver: tallyJson(s.overdueEver),
    satisfaction: {
      满意: tallyJson(s.satisfaction.满意),
      基本满意: tallyJson(s.satisfaction.基本满意),
      不满意: tallyJson(s.satisfaction.不满意),
      rate: rateJson(s.satisfaction.rate),
    },
    restarts: tallyJson(s.restarts),
    transfers: tallyJson(s.transfers),
    medianDaysToClose: s.medianDaysToClose,
    daysToClose: s.daysToClose,
  };
}

export function statsJson(report: StatsReport): unknown {
  return {
    asOf: formatChinaTimestamp(report.asOf),
    period: { from: report.period.from ?? null, to: report.period.to },
    units: report.units.map(unitJson),
    district: unitJson(report.district),
    ranking: report.ranking,
    rankingRule: RANKING_RULE,
    provisionalYears: report.unknownYears,
  };
}

export function printTables(tables: readonly SheetTable[]): void {
  for (const t of tables) {
    process.stdout.write(`\n${t.title}${t.subtitle ? `（${t.subtitle}）` : ''}\n`);
    const widths = t.terminalWidths ?? [UNIT_WIDTH];
    const table = renderGrid(
      t.rows.map((row) => fitRow(row.map(String), widths)),
      { head: t.head, colWidths: widths },
    );
    process.stdout.write(`${table}\n`);
    for (const note of t.notes ?? []) process.stdout.write(`${note}\n`);
  }
}

export async function exportTables(file: string, tables: readonly SheetTable[], quiet: boolean): Promise<void> {
  const { writeTablesWorkbook } = await import('../../io/excel/stats-workbook.js');
  await writeTablesWorkbook(file, tables);
  if (!quiet) process.stdout.write(`已导出：${file}\n`);
}

/** What a period report needs from the ledger; stats and accountability differ only in what they build. */
export interface PeriodReport<R extends { unknownYears: number[] }> {
  build(items: Item[], ledger: LoadedLedger, query: { asOf: number; period: Period; unit?: string }): R;
  tables(report: R): SheetTable[];
  json(report: R): unknown;
}

/** Load, build, print (or print JSON), and export to Excel when asked: the same for every period report. */
export async function runPeriodReport<R extends { unknownYears: number[] }>(
  options: PeriodOptions,
  kind: PeriodReport<R>,
): Promise<number> {
  const { ledger, asOf, rulesNote } = openLedger(options, { deadlines: true });
  requireUnit(options.unit, ledger.units);
  const period = parsePeriod(options, asOf);
  const items = [...ledger.items.values()].map((e) => e.item);
  const report = kind.build(items, ledger, {
    asOf,
    period,
    ...(options.unit !== undefined ? { unit: options.unit } : {}),
  });
  const tables = kind.tables(report);
  if (options.json) {
    const json = { ...(kind.json(report) as object), builtInRules: rulesNote !== undefined };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    printTables(tables);
    const note = provisionalNote(report.unknownYears);
    if (note) process.stdout.write(`${note}\n`);
    if (rulesNote) process.stdout.write(`${rulesNote}\n`);
  }
  if (options.xlsx) await exportTables(options.xlsx, tables, options.json === true);
  return EXIT_OK;
}

export function runStats(options: PeriodOptions): Promise<number> {
  return runPeriodReport(options, {
    build: (items, ledger, query) => statsReport(items, ledger.units, ledger.policy, ledger.calendar, query),
    tables: statsTables,
    json: statsJson,
  });
}
