import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { addDays, isoWeekday, toDayNumber, yearOf } from '../calendar/civil.js';
import type { YearSchedule } from '../calendar/calendar.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { keysAt } from '../schema/known-keys.js';
import { CALENDAR_SCHEMA } from '../schema/calendar.js';

export interface CalendarCheck {
  schedule?: YearSchedule;
  diagnostics: Diagnostic[];
}

/** Checks a ledger calendar file and turns it into a year's schedule. */
export function checkCalendarFile(value: unknown, file: string, stem: string): CalendarCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      diagnostics: [
        diagnostic(
          'not-a-map',
          file,
          [],
          '日历文件的顶层应是“字段: 值”的映射',
          '参照 README 中日历文件的示例，写明 year、notice、holidays、workdays',
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
  const holidays = new Map<string, string>();
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
    for (let d = range.from; toDayNumber(d) <= toDayNumber(range.to); d = addDays(d, 1)) holidays.set(d, range.name);
  });
  const workdays = new Map<string, string>();
  data.workdays.forEach((day, i) => {
    if (yearOf(day.date) !== data.year) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          ['workdays', i, 'date'],
          `调休上班日 ${day.date} 不在 ${data.year} 年内`,
          '每个文件只写本年的日期',
        ),
      );
    } else if (isoWeekday(day.date) < 6) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          ['workdays', i, 'date'],
          `调休上班日 ${day.date} 本来就是工作日（不是周六或周日）`,
          '核对通知中的调休上班日期',
        ),
      );
    } else if (holidays.has(day.date)) {
      out.push(
        diagnostic(
          'calendar-invalid',
          file,
          ['workdays', i, 'date'],
          `${day.date} 同时被写成假期和调休上班日`,
          '核对通知，删除其中一项',
        ),
      );
    } else {
      workdays.set(day.date, day.name);
    }
  });
  if (out.length > 0) return { diagnostics: out };
  const source = `台账 ${file}（${data.notice}）`;
  return { schedule: { year: data.year, holidays, workdays, source }, diagnostics: [] };
}
