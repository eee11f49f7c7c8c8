import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeCalendar, type Calendar, type YearSchedule } from '../core/calendar/calendar.js';
import { checkCalendarFile } from '../core/checks/calendar.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { bundledSchedules } from './bundled-calendar.js';
import { CALENDAR_DIR, scanCalendarFolder, type LedgerFile } from './ledger-scan.js';
import { parseYamlSource } from './yaml-source.js';

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
    const result = checkCalendarFile(source.value, entry.file, entry.stem);
    diagnostics.push(...result.diagnostics.map((d) => source.locate(d)));
    if (result.schedule) years.push(result.schedule);
  }
  return { years, diagnostics };
}

/** Bundled years with the ledger's years laid over them: the ledger's file wins for its year. */
export function mergeCalendar(ledgerYears: readonly YearSchedule[]): Calendar {
  const own = new Set(ledgerYears.map((y) => y.year));
  return makeCalendar([...bundledSchedules().filter((y) => !own.has(y.year)), ...ledgerYears]);
}
