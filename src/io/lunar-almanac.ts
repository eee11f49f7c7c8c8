import { createRequire } from 'node:module';
import type { LunarAlmanac } from '../core/calendar/statutory.js';
import type { CivilDate } from '../core/time.js';

/**
 * The lunar calendar and 清明 from the `tyme4ts` package (docs/architecture.md says why this
 * one). It never makes a JavaScript Date: its answers are the same in every time zone, and its
 * solar terms are reckoned in China time.
 *
 * Loaded on first use, not at start: loading and warming it up takes about 30 ms, and it is
 * needed only when a year without a published schedule is touched.
 */

type Tyme = typeof import('tyme4ts');

const require = createRequire(import.meta.url);
let tyme: Tyme | undefined;
const library = (): Tyme => (tyme ??= require('tyme4ts') as Tyme);

interface DayLike {
  getYear(): number;
  getMonth(): number;
  getDay(): number;
}

const civil = (day: DayLike): CivilDate =>
  `${String(day.getYear()).padStart(4, '0')}-${String(day.getMonth()).padStart(2, '0')}-${String(day.getDay()).padStart(2, '0')}`;

export const lunarAlmanac: LunarAlmanac = {
  lunarDate: (year, month, day) => civil(library().LunarDay.fromYmd(year, month, day).getSolarDay()),
  qingming: (year) => civil(library().SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay()),
};
