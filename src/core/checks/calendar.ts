import { diagnostic, type DataPath, type Diagnostic } from '../diagnostics.js';
import { addDays, isoWeekday, toDayNumber, WEEKDAY_NAMES, yearOf } from '../calendar/civil.js';
import type { YearSchedule } from '../calendar/calendar.js';
import { holidayLawFor } from '../calendar/statutory.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { keysAt } from '../schema/known-keys.js';
import { CALENDAR_SCHEMA, type CalendarFile } from '../schema/calendar.js';
import type { CivilDate } from '../time.js';

export interface CalendarCheck {
  schedule?: YearSchedule;
  diagnostics: Diagnostic[];
}

/** What a ledger year is checked against. */
export interface CalendarCheckContext {
  /** The year as the bundled data has it, if it has it. */
  bundled(year: number): YearSchedule | undefined;
  /** The year as the law fixes it in advance (statutory holidays, provisional). */
  provisional(year: number): YearSchedule | undefined;
}

interface Located {
  holidays: Map<CivilDate, { name: string; index: number }>;
  workdays: Map<CivilDate, { name: string; index: number }>;
}

/**
 * Checks a ledger calendar file and turns it into the year's schedule: the file alone when it
 * says it is complete, else the file's days laid over the bundled year (or, for a year the
 * bundled data lacks, over the statutory holidays, and then still provisional).
 */
export function checkCalendarFile(
  value: unknown,
  file: string,
  stem: string,
  context: CalendarCheckContext,
): CalendarCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      diagnostics: [
        diagnostic(
          'not-a-map',
          file,
          [],
          '日历文件的顶层应是“字段: 值”的映射',
          '参照 calendar/README.md 中的示例，写明 year、notice、complete、holidays、workdays',
        ),
      ],
    };
  }
  const parsed = CALENDAR_SCHEMA.safeParse(value, { reportInput: true });
  if (!parsed.success)
    return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, [], (p) => keysAt(CALENDAR_SCHEMA, p)) };
  const data = parsed.data;
  const out: Diagnostic[] = [];
  if (String(data.year) !== stem) {
    out.push(
      diagnostic(
        'calendar-invalid',
        file,
        ['year'],
        `年份 ${data.year} 与文件名 ${stem}.yaml 不一致`,
        `把文件改名为 ${data.year}.yaml，或改正 year`,
      ),
    );
  }
  const located = listedDays(data, file, out);
  if (out.length > 0) return { diagnostics: out };

  const bundled = context.bundled(data.year);
  const schedule = effectiveYear(data, file, located, bundled ?? context.provisional(data.year));
  if (bundled) out.push(...differences(data, file, located, schedule, bundled));
  else {
    out.push(...statutoryWorked(data, file, located, schedule, context.provisional(data.year)));
    if (data.complete === undefined) {
      out.push(
        diagnostic(
          'calendar-incomplete',
          file,
          [],
          `${data.year} 年的日历文件没有写 complete：只按所列日期补充，其余日子按法定节假日和周末暂定，凡涉及 ${data.year} 年的期限仍标“暂定”`,
          '文件已写入国务院办公厅通知的全部放假和调休安排时，加一行 complete: true；只补充部分日期时写 complete: false',
          'warning',
        ),
      );
    }
  }
  return out.some((d) => d.severity === 'error') ? { diagnostics: out } : { schedule, diagnostics: out };
}

/** The days the file lists, each with the entry that lists it; problems with the entries go to `out`. */
function listedDays(data: CalendarFile, file: string, out: Diagnostic[]): Located {
  const holidays = new Map<CivilDate, { name: string; index: number }>();
  data.holidays.forEach((range, i) => {
    if (
      yearOf(range.from) !== data.year ||
      yearOf(range.to) !== data.year ||
      toDayNumber(range.to) < toDayNumber(range.from)
    ) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          ['holidays', i],
          `假期 ${range.name} 的起止日期 ${range.from}—${range.to} 不在 ${data.year} 年内或起止颠倒`,
          '跨年的假期分别写在两年的文件中；from 不能晚于 to',
        ),
      );
      return;
    }
    const overlapped = new Set<number>();
    for (let d = range.from; toDayNumber(d) <= toDayNumber(range.to); d = addDays(d, 1)) {
      const earlier = holidays.get(d);
      if (earlier) overlapped.add(earlier.index);
      else holidays.set(d, { name: range.name, index: i });
    }
    for (const index of overlapped) {
      const other = data.holidays[index]!;
      out.push(
        diagnostic(
          'calendar-overlap',
          file,
          ['holidays', i],
          `假期 ${range.name}（${range.from}—${range.to}）与第 ${index + 1} 项假期 ${other.name}（${other.from}—${other.to}）有重叠的日子`,
          '核对通知：每个放假日只写在一项假期中，连在一起的假期合并为一项或分开写不重叠的起止日期',
        ),
      );
    }
  });
  const workdays = new Map<CivilDate, { name: string; index: number }>();
  data.workdays.forEach((day, i) => {
    const at = ['workdays', i, 'date'];
    if (yearOf(day.date) !== data.year) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          at,
          `调休上班日 ${day.date} 不在 ${data.year} 年内`,
          '每个文件只写本年的日期',
        ),
      );
    } else if (isoWeekday(day.date) < 6) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          at,
          `调休上班日 ${day.date} 本来就是工作日（不是周六或周日）`,
          '核对通知中的调休上班日期',
        ),
      );
    } else if (holidays.has(day.date)) {
      out.push(
        diagnostic('calendar-invalid', file, at, `${day.date} 同时被写成假期和调休上班日`, '核对通知，删除其中一项'),
      );
    } else if (workdays.has(day.date)) {
      out.push(
        diagnostic(
          'calendar-overlap',
          file,
          at,
          `调休上班日 ${day.date} 重复：第 ${workdays.get(day.date)!.index + 1} 项已写过`,
          '删除重复的一项',
        ),
      );
    } else {
      workdays.set(day.date, { name: day.name, index: i });
    }
  });
  return { holidays, workdays };
}

function effectiveYear(
  data: CalendarFile,
  file: string,
  located: Located,
  base: YearSchedule | undefined,
): YearSchedule {
  const named = (days: Located['holidays']) => new Map([...days].map(([d, { name }]) => [d, name]));
  const source = `台账 ${file}（${data.notice}）`;
  if (data.complete === true)
    return { year: data.year, holidays: named(located.holidays), workdays: named(located.workdays), source };
  const holidays = new Map(base?.holidays);
  const workdays = new Map(base?.workdays);
  for (const [date, { name }] of located.holidays) {
    holidays.set(date, name);
    workdays.delete(date);
  }
  for (const [date, { name }] of located.workdays) {
    workdays.set(date, name);
    holidays.delete(date);
  }
  return base === undefined || base.provisional === true
    ? { year: data.year, holidays, workdays, source: `${source}，只列部分日子，其余暂定`, provisional: true }
    : { year: data.year, holidays, workdays, source: `${source}，只列部分日子，其余按${base.source}` };
}

interface Day {
  working: boolean;
  text: string;
}

function dayIn(schedule: YearSchedule, date: CivilDate): Day {
  const holiday = schedule.holidays.get(date);
  if (holiday !== undefined) return { working: false, text: `节假日（${holiday}）` };
  const makeup = schedule.workdays.get(date);
  if (makeup !== undefined) return { working: true, text: `调休上班日（${makeup}）` };
  return isoWeekday(date) >= 6 ? { working: false, text: '周末' } : { working: true, text: '工作日' };
}

/** Where in the file a day's answer comes from: its entry, or the list it is missing from. */
function entryOf(located: Located, date: CivilDate, working: boolean): { path: DataPath; atKey: boolean } {
  const holiday = located.holidays.get(date);
  if (holiday) return { path: ['holidays', holiday.index], atKey: false };
  const workday = located.workdays.get(date);
  if (workday) return { path: ['workdays', workday.index, 'date'], atKey: false };
  return { path: [working ? 'holidays' : 'workdays'], atKey: true };
}

function everyDay(year: number, visit: (date: CivilDate) => void): void {
  const end = `${year}-12-31`;
  for (let d = `${year}-01-01`; ; d = addDays(d, 1)) {
    visit(d);
    if (d === end) return;
  }
}

/** Each day whose working status differs from the bundled data's. */
function differences(
  data: CalendarFile,
  file: string,
  located: Located,
  schedule: YearSchedule,
  bundled: YearSchedule,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const corrects = data.corrects;
  everyDay(data.year, (date) => {
    const ours = dayIn(schedule, date);
    const theirs = dayIn(bundled, date);
    if (ours.working === theirs.working) return;
    const { path, atKey } = entryOf(located, date, ours.working);
    out.push(
      diagnostic(
        'calendar-differs',
        file,
        path,
        `${date} ${WEEKDAY_NAMES[isoWeekday(date)]}：${bundled.source}为${theirs.text}，本文件为${ours.text}`,
        corrects === undefined
          ? '若内置数据确有错误，在文件中写明 corrects: <更正的依据>（如更正通知的文号），此处即改为警告；否则按国务院办公厅通知改正本文件'
          : `本文件写明了更正依据（${corrects}），按本文件计算；请再核对这一天与通知一致`,
        corrects === undefined ? 'error' : 'warning',
        atKey,
      ),
    );
  });
  return out;
}

/** Statutory holidays that the year, as the file makes it, would have worked. */
function statutoryWorked(
  data: CalendarFile,
  file: string,
  located: Located,
  schedule: YearSchedule,
  provisional: YearSchedule | undefined,
): Diagnostic[] {
  if (!provisional) return [];
  const out: Diagnostic[] = [];
  for (const [date, name] of provisional.holidays) {
    if (!dayIn(schedule, date).working) continue;
    const { path, atKey } = entryOf(located, date, true);
    out.push(
      diagnostic(
        'calendar-statutory',
        file,
        path,
        `${date} ${WEEKDAY_NAMES[isoWeekday(date)]}是${name}，按${holidayLawFor(data.year).title}是法定节假日，本文件却把它算作工作日`,
        '法定节假日总在通知的放假日之中：核对通知，把这一天补进 holidays 的假期；确是通知所定时可不理会此警告',
        'warning',
        atKey,
      ),
    );
  }
  return out;
}
