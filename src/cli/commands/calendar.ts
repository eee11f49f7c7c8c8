import { addWorkingDays, workingDaysBetween, type Calendar, type DayInfo } from '../../core/calendar/calendar.js';
import { isoWeekday, WEEKDAY_NAMES, yearOf } from '../../core/calendar/civil.js';
import { chinaDate, isCivilDate } from '../../core/time.js';
import { LedgerNotFound, resolveLedgerRoot } from '../../io/ledger-root.js';
import { ledgerCalendarYears, mergeCalendar } from '../../io/load-calendar.js';
import { ledgerPolicy } from '../../io/load-policy.js';
import { policyFrom } from '../../core/deadlines/default-policy.js';
import { reportingWeek } from '../../core/calendar/week.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { provisionalNote } from '../ledger-session.js';
import { asOf, type LedgerOptions } from '../options.js';

interface CalendarOptions extends LedgerOptions {
  json?: boolean;
}

/** The calendar works without a ledger too: then only the bundled years are known. */
function openCalendar(options: CalendarOptions): { calendar: Calendar; weekday: number; note?: string } {
  let root: string;
  try {
    root = resolveLedgerRoot(options.ledger, process.env, process.cwd());
  } catch (error) {
    if (error instanceof LedgerNotFound && options.ledger === undefined && process.env.BBCS_LEDGER === undefined) {
      return {
        calendar: mergeCalendar([]),
        weekday: policyFrom(undefined).weeklyWeekday,
        note: '（未找到台账，只使用内置的节假日数据）',
      };
    }
    throw new UsageError((error as Error).message);
  }
  const { years, diagnostics } = ledgerCalendarYears(root);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    process.stderr.write(
      `注意：台账日历文件有 ${errors.length} 个错误，出错的年份未采用；运行 bbcs validate 查看详情。\n`,
    );
  return { calendar: mergeCalendar(years), weekday: ledgerPolicy(root).weeklyWeekday };
}

function date(value: string, what: string): string {
  if (!isCivilDate(value)) throw new UsageError(`${what}「${value}」不是有效日期：写成 YYYY-MM-DD，如 2026-10-08`);
  return value;
}

function count(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`工作日数「${value}」不合法：应为 0–999 的整数`);
  return Number(value);
}

function describeDay(info: DayInfo): string {
  const weekday = WEEKDAY_NAMES[isoWeekday(info.date)];
  const why =
    info.kind === '节假日'
      ? `节假日（${info.name}），不上班`
      : info.kind === '调休上班'
        ? `调休上班日（${info.name}），是工作日`
        : info.kind === '周末'
          ? '周末，不上班'
          : '工作日';
  return `${info.date} ${weekday}：${why}${info.provisional ? `（暂定：${yearOf(info.date)} 年的节假日安排尚未收录）` : ''}`;
}

function emit(options: CalendarOptions, json: unknown, lines: string[], provisionalYears: number[] = []): number {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_OK;
  }
  const note = provisionalNote(provisionalYears);
  process.stdout.write(`${[...lines, ...(note ? [note] : [])].join('\n')}\n`);
  return EXIT_OK;
}

export function runCalendarDay(dates: string[], options: CalendarOptions): number {
  const { calendar, note } = openCalendar(options);
  const list = dates.length > 0 ? dates.map((d) => date(d, '日期')) : [chinaDate(asOf(options))];
  const infos = list.map((d) => calendar.day(d));
  const unknown = [...new Set(infos.filter((i) => i.provisional).map((i) => yearOf(i.date)))];
  return emit(options, infos, [...infos.map(describeDay), ...(note ? [note] : [])], unknown);
}

export function runCalendarAdd(from: string, n: string, options: CalendarOptions): number {
  const { calendar, note } = openCalendar(options);
  const start = date(from, '起始日期');
  const days = count(n);
  const result = addWorkingDays(calendar, start, days);
  const provisional = result.unknownYears.length > 0;
  const line = `${start} 之后第 ${days} 个工作日是 ${result.date} ${WEEKDAY_NAMES[isoWeekday(result.date)]}，期限至该日 24:00（起始当日不计入）${provisional ? '（暂定）' : ''}`;
  return emit(
    options,
    { from: start, days, due: result.date, provisional, provisionalYears: result.unknownYears },
    [line, ...(note ? [note] : [])],
    result.unknownYears,
  );
}

export function runCalendarBetween(from: string, to: string, options: CalendarOptions): number {
  const { calendar, note } = openCalendar(options);
  const a = date(from, '起始日期');
  const b = date(to, '截止日期');
  const result = workingDaysBetween(calendar, a, b);
  const provisional = result.unknownYears.length > 0;
  const line = `${a} 之后到 ${b}（含）共有 ${result.days} 个工作日（起始当日不计入）${provisional ? '（暂定）' : ''}`;
  return emit(
    options,
    { from: a, to: b, workingDays: result.days, provisional, provisionalYears: result.unknownYears },
    [line, ...(note ? [note] : [])],
    result.unknownYears,
  );
}

export function runCalendarWeek(day: string | undefined, options: CalendarOptions): number {
  const { calendar, weekday, note } = openCalendar(options);
  const week = reportingWeek(calendar, day === undefined ? chinaDate(asOf(options)) : date(day, '日期'), weekday);
  const moved =
    week.due !== week.nominal ? `（${week.nominal} ${WEEKDAY_NAMES[isoWeekday(week.nominal)]}不是工作日，提前）` : '';
  const line = `${week.monday} 至 ${week.sunday} 这一周的汇总表（附件4）报送日：${week.due} ${WEEKDAY_NAMES[isoWeekday(week.due)]}${moved}`;
  return emit(
    options,
    { ...week, provisional: week.unknownYears.length > 0 },
    [line, ...(note ? [note] : [])],
    week.unknownYears,
  );
}

export function runCalendarYears(options: CalendarOptions): number {
  const { calendar, note } = openCalendar(options);
  const years = calendar.years();
  const lines = ['已收录节假日安排的年份：', ...years.map((y) => `  ${y.year}  ${y.source}`)];
  const next = (years[years.length - 1]?.year ?? 2026) + 1;
  lines.push(
    '',
    `未收录的年份（如 ${next} 年）按周一至周五推算，结果标为“暂定”。新一年的通知发布后，在台账中新建 calendar/${next}.yaml：`,
    '',
    `  year: ${next}`,
    '  notice: 国务院办公厅关于' + next + '年部分节假日安排的通知（国办发明电〔…〕…号）',
    '  holidays:',
    `    - { name: 元旦, from: ${next}-01-01, to: ${next}-01-01 }`,
    '  workdays:',
    `    - { name: 春节调休上班, date: ${next}-02-…… }`,
    '',
    '台账中的年份文件优先于内置数据，也可用来更正内置数据。',
  );
  if (note) lines.push(note);
  return emit(
    options,
    years.map((y) => ({ year: y.year, source: y.source, holidays: y.holidays.size, workdays: y.workdays.size })),
    lines,
  );
}
