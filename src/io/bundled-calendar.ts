import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { YearSchedule } from '../core/calendar/calendar.js';

/**
 * The State Council schedules shipped by the `chinese-days` package, one JSON file per year.
 * Only its data is used, never its date functions: those read the machine's time zone.
 */

interface YearJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);

function packageDir(): string {
  return path.dirname(require.resolve('chinese-days/package.json'));
}

/** "Spring Festival,春节,4" → "春节". */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return parts[1]?.trim() || entry;
}

let cached: YearSchedule[] | undefined;

export function bundledSchedules(): YearSchedule[] {
  if (cached) return cached;
  const dir = packageDir();
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const schedules: YearSchedule[] = [];
  for (let year = 2004; year <= 2100; year++) {
    const file = path.join(dir, 'dist', 'years', `${year}.json`);
    if (!existsSync(file)) continue;
    const data = JSON.parse(readFileSync(file, 'utf8')) as YearJson;
    schedules.push({
      year,
      holidays: new Map(Object.entries(data.holidays).map(([d, e]) => [d, chineseName(e)])),
      workdays: new Map(Object.entries(data.workdays).map(([d, e]) => [d, `${chineseName(e)}调休上班`])),
      source: `内置数据（chinese-days ${version}）`,
    });
  }
  cached = schedules;
  return schedules;
}
