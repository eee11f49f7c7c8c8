import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeCalendar, type Calendar, type YearSchedule } from '../core/calendar/calendar.js';
import { provisionalSchedule } from '../core/calendar/statutory.js';
import { checkCalendarFile, type CalendarCheckContext } from '../core/checks/calendar.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { bundledSchedules } from './bundled-calendar.js';
import { CALENDAR_DIR, scanCalendarFolder, type LedgerFile } from './ledger-scan.js';
import { lunarAlmanac } from './lunar-almanac.js';
import { parseYamlSource } from './yaml-source.js';

const provisionalByYear = new Map<number, YearSchedule | undefined>();

/** A year without a published schedule as the law fixes it; worked out once per run. */
export function provisionalYear(year: number): YearSchedule | undefined {
  if (!provisionalByYear.has(year)) provisionalByYear.set(year, provisionalSchedule(year, lunarAlmanac));
  return provisionalByYear.get(year);
}

/** What a ledger year file is checked against: the bundled data and the law. */
export const CALENDAR_CHECK_CONTEXT: CalendarCheckContext = {
  bundled: (year) => bundledSchedules().find((s) => s.year === year),
  provisional: provisionalYear,
};

/** The ledger's own calendar years, checked; the parts of a ledger the calendar needs. */
export function ledgerCalendarYears(root: string): { years: YearSchedule[]; diagnostics: Diagnostic[] } {
  const files: LedgerFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const years: YearSchedule[] = [];
  if (!existsSync(path.join(root, CALENDAR_DIR))) return { years, diagnostics };
  scanCalendarFolder(root, files, diagnostics);
  for (const entry of files) {
    if (!entry.bytes) continue;
    const source = parseYamlSource(entry.file, entry.bytes);
    diagnostics.push(...source.diagnostics);
    if (source.value === undefined) continue;
    const result = checkCalendarFile(source.value, entry.file, entry.stem, CALENDAR_CHECK_CONTEXT);
    diagnostics.push(...result.diagnostics.map((d) => source.locate(d)));
    if (result.schedule) years.push(result.schedule);
  }
  return { years, diagnostics };
}

/**
 * Bundled years with the ledger's years laid over them (the ledger's file wins for its year);
 * any other year is provisional, as the law fixes it.
 */
export function mergeCalendar(ledgerYears: readonly YearSchedule[]): Calendar {
  const own = new Set(ledgerYears.map((y) => y.year));
  return makeCalendar([...bundledSchedules().filter((y) => !own.has(y.year)), ...ledgerYears], provisionalYear);
}

/** The calendar as the law alone fixes every year: what a year looked like before its notice. */
export function provisionalCalendar(): Calendar {
  return makeCalendar([], provisionalYear);
}
