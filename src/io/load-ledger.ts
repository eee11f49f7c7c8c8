import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import type { LedgerContext } from '../core/checks/context.js';
import { checkItem } from '../core/checks/item.js';
import { checkLedger, type CheckedItem, type CheckedUnit } from '../core/checks/ledger.js';
import { checkPolicy } from '../core/checks/policy.js';
import { checkUnit } from '../core/checks/unit.js';
import { checkCalendarFile } from '../core/checks/calendar.js';
import type { Calendar, YearSchedule } from '../core/calendar/calendar.js';
import { policyFrom } from '../core/deadlines/default-policy.js';
import type { Item } from '../core/schema/item.js';
import type { Policy } from '../core/schema/policy.js';
import { mergeCalendar } from './load-calendar.js';
import type { Unit } from '../core/schema/unit.js';
import { scanLedger, type LedgerFile } from './ledger-scan.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadedLedger {
  root: string;
  units: Map<string, Unit>;
  /** Items whose files are valid enough to report on, by id. */
  items: Map<string, { file: string; item: Item }>;
  /** The deadline rules in force: the ledger's policy file, or the defaults where it is broken or absent. */
  policy: Policy;
  /** The bundled schedules with the ledger's own calendar years laid over them. */
  calendar: Calendar;
  /** Every problem found, located and sorted. */
  diagnostics: Diagnostic[];
}

interface Parsed {
  entry: LedgerFile;
  source?: YamlSource;
}

/**
 * Reads and checks the whole ledger. Units first, because items are checked against them;
 * then items; then what only the whole ledger shows (duplicates, links).
 */
export function loadLedger(root: string, asOf: number): LoadedLedger {
  const scan = scanLedger(root);
  const diagnostics: Diagnostic[] = [...scan.diagnostics];
  const sources = new Map<string, YamlSource>();
  const parsed: Parsed[] = scan.files.map((entry) => {
    if (!entry.bytes) return { entry };
    const source = parseYamlSource(entry.file, entry.bytes);
    sources.set(entry.file, source);
    diagnostics.push(...source.diagnostics);
    return { entry, source };
  });
  const readable = parsed.filter((p): p is Required<Parsed> => p.source?.value !== undefined);

  const checkedUnits: CheckedUnit[] = [];
  for (const { entry, source } of readable.filter((p) => p.entry.kind === 'unit')) {
    const result = checkUnit(source.value, entry);
    diagnostics.push(...result.diagnostics);
    if (result.unit) checkedUnits.push({ file: entry.file, unit: result.unit });
  }
  const units = new Map(checkedUnits.map((u) => [u.unit.code, u.unit]));
  const context: LedgerContext = { units, asOf };

  let policy = policyFrom(undefined);
  const ledgerYears: YearSchedule[] = [];
  const checkedItems: CheckedItem[] = [];
  for (const { entry, source } of readable) {
    if (entry.kind === 'policy') {
      const result = checkPolicy(source.value, entry.file);
      diagnostics.push(...result.diagnostics);
      if (result.policy) policy = result.policy;
    }
    if (entry.kind === 'calendar') {
      const result = checkCalendarFile(source.value, entry.file, entry.stem);
      diagnostics.push(...result.diagnostics);
      if (result.schedule) ledgerYears.push(result.schedule);
    }
    if (entry.kind !== 'item') continue;
    const result = checkItem(source.value, entry, context);
    diagnostics.push(...result.diagnostics);
    checkedItems.push({ ...result, file: entry.file });
  }
  diagnostics.push(...checkLedger(checkedUnits, checkedItems));

  const items = new Map<string, { file: string; item: Item }>();
  for (const checked of checkedItems) {
    if (checked.item && !items.has(checked.item.id)) items.set(checked.item.id, { file: checked.file, item: checked.item });
  }
  const located = diagnostics.map((d) => sources.get(d.file)?.locate(d) ?? d).sort(compareDiagnostics);
  const calendar = mergeCalendar(ledgerYears);
  return { root, units, items, policy, calendar, diagnostics: located };
}
