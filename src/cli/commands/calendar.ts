import {
  addWorkingDays,
  makeCalendar,
  workingDaysBetween,
  type Calendar,
  type DayInfo,
  type YearSchedule,
} from '../../core/calendar/calendar.js';
import { addDays, isoWeekday, WEEKDAY_NAMES, yearOf } from '../../core/calendar/civil.js';
import { isSupportedYear, LAST_SUPPORTED_YEAR, SUPPORTED_YEARS_TEXT } from '../../core/calendar/statutory.js';
import { reportingWeek } from '../../core/calendar/week.js';
import { policyFrom } from '../../core/deadlines/default-policy.js';
import { chinaDate, isCivilDate, type CivilDate } from '../../core/time.js';
import { bundledSchedules } from '../../io/bundled-calendar.js';
import { LedgerNotFound, resolveLedgerRoot } from '../../io/ledger-root.js';
import { ledgerCalendarYears, mergeCalendar, provisionalCalendar } from '../../io/load-calendar.js';
import { ledgerPolicy } from '../../io/load-policy.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { provisionalNote } from '../ledger-session.js';
import { asOf, type LedgerOptions } from '../options.js';
import { requireSoundRules } from '../rules.js';

interface CalendarOptions extends LedgerOptions {
  json?: boolean;
}

interface OpenCalendar {
  calendar: Calendar;
  weekday: number;
  /** A line about where the answers come from, when it is not the ledger. */
  note?: string;
}

/**
 * The calendar works without a ledger too: then only the bundled years are known. In a ledger,
 * a broken calendar file (or, for the weekly summary day, a broken policy.yaml) stops the
 * command, as it stops every command that computes deadlines.
 */
function openCalendar(options: CalendarOptions, needsPolicy = false): OpenCalendar {
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
  const policy = needsPolicy ? ledgerPolicy(root) : undefined;
  requireSoundRules([...diagnostics, ...(policy?.diagnostics ?? [])], root);
  return {
    calendar: mergeCalendar(years),
    weekday: policy?.policy.weeklyWeekday ?? policyFrom(undefined).weeklyWeekday,
    ...(policy && !policy.present
      ? { note: '（台账中没有 policy.yaml，按管理办法的默认规则：每周五报送汇总表）' }
      : {}),
  };
}

const outOfRange = (what: string) =>
  `${what}超出 bbcs 支持的年份范围（${SUPPORTED_YEARS_TEXT}）：节假日和工作日只按这些年份计算`;

function date(value: string, what: string): CivilDate {
  if (!isCivilDate(value)) throw new UsageError(`${what}「${value}」不是有效日期：写成 YYYY-MM-DD，如 2026-10-08`);
  if (!isSupportedYear(yearOf(value))) throw new UsageError(outOfRange(`${what} ${value} `));
  return value;
}

function count(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`工作日数「${value}」不合法：应为 0–999 的整数`);
  return Number(value);
}

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new UsageError(`年份「${value}」不合法：写四位数字，如 2027`);
  if (!isSupportedYear(Number(value))) throw new UsageError(outOfRange(`年份 ${value} `));
  return Number(value);
}

function describeKind(info: DayInfo): string {
  return info.kind === '节假日'
    ? `节假日（${info.name}）`
    : info.kind === '调休上班'
      ? `调休上班日（${info.name}）`
      : info.kind;
}

function describeDay(info: DayInfo): string {
  const weekday = WEEKDAY_NAMES[isoWeekday(info.date)];
  const why =
    info.kind === '节假日' || info.kind === '周末'
      ? `${describeKind(info)}，不上班`
      : info.kind === '调休上班'
        ? `${describeKind(info)}，是工作日`
        : '工作日';
  const provisional = `（暂定：${yearOf(info.date)} 年尚无完整的官方节假日安排，按法定节假日和周末推算）`;
  return `${info.date} ${weekday}：${why}${info.provisional ? provisional : ''}`;
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
  const list = dates.length > 0 ? dates.map((d) => date(d, '日期')) : [date(chinaDate(asOf(options)), '今天的日期')];
  const { calendar, note } = openCalendar(options);
  const infos = list.map((d) => calendar.day(d));
  const unknown = [...new Set(infos.filter((i) => i.provisional).map((i) => yearOf(i.date)))];
  return emit(options, infos, [...infos.map(describeDay), ...(note ? [note] : [])], unknown);
}

export function runCalendarAdd(from: string, n: string, options: CalendarOptions): number {
  const start = date(from, '起始日期');
  const days = count(n);
  const { calendar, note } = openCalendar(options);
  const result = addWorkingDays(calendar, start, days);
  if (!isSupportedYear(yearOf(result.date)))
    throw new UsageError(outOfRange(`${start} 之后第 ${days} 个工作日落在 ${LAST_SUPPORTED_YEAR} 年之后，`));
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
  const a = date(from, '起始日期');
  const b = date(to, '截止日期');
  const { calendar, note } = openCalendar(options);
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
  const asked = day === undefined ? date(chinaDate(asOf(options)), '今天的日期') : date(day, '日期');
  const { calendar, weekday, note } = openCalendar(options, true);
  const week = reportingWeek(calendar, asked, weekday);
  if (![week.monday, week.sunday, week.due].every((d) => isSupportedYear(yearOf(d))))
    throw new UsageError(outOfRange(`${asked} 所在的一周（${week.monday} 至 ${week.sunday}）`));
  const provisional = week.unknownYears.length > 0;
  const moved =
    week.due !== week.nominal ? `（${week.nominal} ${WEEKDAY_NAMES[isoWeekday(week.nominal)]}不是工作日，提前）` : '';
  const line = `${week.monday} 至 ${week.sunday} 这一周的汇总表（附件4）报送日：${week.due} ${WEEKDAY_NAMES[isoWeekday(week.due)]}${moved}${provisional ? '（暂定）' : ''}`;
  return emit(options, { ...week, provisional }, [line, ...(note ? [note] : [])], week.unknownYears);
}

/** A day whose working status two calendars answer differently. */
interface Difference {
  date: CivilDate;
  before: DayInfo;
  now: DayInfo;
}

function differences(before: Calendar, now: Calendar, year: number): Difference[] {
  const out: Difference[] = [];
  for (let d = `${year}-01-01`; yearOf(d) === year; d = addDays(d, 1)) {
    const was = before.day(d);
    const is = now.day(d);
    if (was.working !== is.working) out.push({ date: d, before: was, now: is });
  }
  return out;
}

const fromLedger = (schedule: YearSchedule | undefined) => schedule?.source.startsWith('台账') === true;

export function runCalendarYears(options: CalendarOptions): number {
  const { calendar, note } = openCalendar(options);
  const years = calendar.years();
  const provisional = provisionalCalendar();
  const lines = ['已收录节假日安排的年份：'];
  for (const y of years) {
    lines.push(`  ${y.year}  ${y.source}${y.provisional ? '（暂定）' : ''}`);
    if (!fromLedger(y)) continue;
    const changed = differences(provisional, calendar, y.year).length;
    lines.push(`        与按法定节假日推算的暂定日历相比有 ${changed} 天不同（bbcs calendar diff ${y.year} 查看）`);
  }
  const final = years.filter((y) => !y.provisional);
  const next = (final[final.length - 1]?.year ?? 2026) + 1;
  lines.push(
    '',
    `bbcs 计算 ${SUPPORTED_YEARS_TEXT}的工作日。未收录的年份按《全国年节及纪念日放假办法》的法定节假日和周末推算（调休未知），结果标为“暂定”。`,
  );
  if (next <= LAST_SUPPORTED_YEAR)
    lines.push(
      `新一年的通知发布后，在台账中新建 calendar/${next}.yaml，写入通知的全部安排：`,
      '',
      `  year: ${next}`,
      `  notice: 国务院办公厅关于${next}年部分节假日安排的通知（国办发明电〔…〕…号）`,
      '  complete: true',
      '  holidays:',
      `    - { name: 元旦, from: ${next}-01-01, to: ${next}-01-01 }`,
      '  workdays:',
      `    - { name: 春节调休上班, date: ${next}-02-…… }`,
      '',
      '台账中的年份文件优先于内置数据；与内置数据不一致时须写明 corrects（更正依据），详见 bbcs validate 的提示。',
    );
  if (note) lines.push(note);
  return emit(
    options,
    years.map((y) => ({
      year: y.year,
      source: y.source,
      provisional: y.provisional === true,
      holidays: y.holidays.size,
      workdays: y.workdays.size,
    })),
    lines,
  );
}

const differenceJson = (d: Difference) => ({ date: d.date, before: d.before, now: d.now });

function differenceLines(list: readonly Difference[]): string[] {
  return list.map(
    (d) =>
      `  ${d.date} ${WEEKDAY_NAMES[isoWeekday(d.date)]}  ${describeKind(d.before)}${d.before.working ? '，上班' : '，不上班'}  →  ${describeKind(d.now)}${d.now.working ? '，上班' : '，不上班'}`,
  );
}

/**
 * What a year's official schedule changed: the days it answers differently from the calendar
 * worked out from the law, and — for a ledger file over a bundled year — from the bundled data.
 */
export function runCalendarDiff(value: string, options: CalendarOptions): number {
  const y = year(value);
  const { calendar, note } = openCalendar(options);
  const schedule = calendar.years().find((s) => s.year === y);
  const bundled = fromLedger(schedule) ? bundledSchedules().find((s) => s.year === y) : undefined;
  const lawful = differences(provisionalCalendar(), calendar, y);
  const corrected = bundled ? differences(makeCalendar([bundled]), calendar, y) : undefined;
  const final = calendar.hasYear(y);
  const lines = [
    `${y} 年现行安排：${schedule?.source ?? '尚无官方安排，按法定节假日和周末推算'}${final ? '' : '（暂定）'}`,
    '',
    lawful.length === 0
      ? '与按法定节假日推算的暂定日历相同。'
      : `与按法定节假日推算的暂定日历（通知发布前的计算依据）相比，有 ${lawful.length} 天不同：`,
    ...differenceLines(lawful),
  ];
  if (bundled && corrected) {
    lines.push(
      '',
      corrected.length === 0
        ? `与内置数据（${bundled.source}）相同。`
        : `与内置数据（${bundled.source}）相比，有 ${corrected.length} 天不同：`,
      ...differenceLines(corrected),
    );
  }
  if (note) lines.push(note);
  return emit(
    options,
    {
      year: y,
      source: schedule?.source ?? null,
      provisional: !final,
      againstProvisional: lawful.map(differenceJson),
      ...(corrected ? { againstBundled: corrected.map(differenceJson) } : {}),
    },
    lines,
    final ? [] : [y],
  );
}
