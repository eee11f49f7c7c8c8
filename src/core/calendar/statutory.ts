import type { CivilDate } from '../time.js';
import type { YearSchedule } from './calendar.js';
import { addDays } from './civil.js';

/**
 * The statutory holidays (全体公民放假的节日) of 《全国年节及纪念日放假办法》, year by year, as
 * each version of it fixes them. For a year whose State Council notice is not known yet they are
 * what can be said in advance: the notice adds bridging days and 调休, never takes these away.
 *
 * The lunar dates and 清明 come from an almanac passed in (see io/lunar-almanac.ts), so that
 * this module stays pure and the library is only loaded when a year needs it.
 */

/** The first and last years bbcs counts working days for (docs/ledger-format.md says why). */
export const FIRST_SUPPORTED_YEAR = 2000;
export const LAST_SUPPORTED_YEAR = 2099;

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_SUPPORTED_YEAR && year <= LAST_SUPPORTED_YEAR;
}

export const SUPPORTED_YEARS_TEXT = `${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR} 年`;

/** What the lunar calendar must answer; every date is a China date. */
export interface LunarAlmanac {
  /** The date of `day` of lunar month `month` (not a leap month) in the lunar year that begins in `year`. */
  lunarDate(year: number, month: number, day: number): CivilDate;
  /** The date of the solar term 清明 in `year`. */
  qingming(year: number): CivilDate;
}

export interface HolidayLaw {
  /** The first whole year in which this version is in force. */
  since: number;
  /** The version, as an officer would cite it. */
  title: string;
  /** 春节 as days counted from 正月初一 (−1 is 除夕, the last day of the twelfth month). */
  springFestival: readonly number[];
  /** 劳动节: this many days from 1 May. */
  labourDays: number;
  /** 清明节, 端午节 and 中秋节 are statutory holidays (since the 2007 revision). */
  traditional: boolean;
}

/** Each version of the law, oldest first; a year follows the last version in force on 1 January. */
export const HOLIDAY_LAWS: readonly HolidayLaw[] = [
  {
    since: 2000,
    title: '《全国年节及纪念日放假办法》（1999 年国务院令第 270 号）',
    springFestival: [0, 1, 2],
    labourDays: 3,
    traditional: false,
  },
  {
    since: 2008,
    title: '《全国年节及纪念日放假办法》（2007 年国务院令第 513 号修订）',
    springFestival: [-1, 0, 1],
    labourDays: 1,
    traditional: true,
  },
  {
    since: 2014,
    title: '《全国年节及纪念日放假办法》（2013 年国务院令第 644 号修订）',
    springFestival: [0, 1, 2],
    labourDays: 1,
    traditional: true,
  },
  {
    since: 2025,
    title: '《全国年节及纪念日放假办法》（2024 年国务院令第 795 号修订）',
    springFestival: [-1, 0, 1, 2],
    labourDays: 2,
    traditional: true,
  },
];

/** The version in force for a supported year. */
export function holidayLawFor(year: number): HolidayLaw {
  let found = HOLIDAY_LAWS[0]!;
  for (const law of HOLIDAY_LAWS) if (law.since <= year) found = law;
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');
const solar = (year: number, month: number, day: number): CivilDate => `${year}-${pad(month)}-${pad(day)}`;

/**
 * The statutory holidays of a supported year, date → name, in date order. Two festivals on one
 * day (中秋 on 1 October) give one day named for both: the law's own days, not the notice's
 * bridging days, so a coincidence is not made up for here.
 */
export function statutoryHolidays(year: number, almanac: LunarAlmanac): Map<CivilDate, string> {
  if (!isSupportedYear(year)) throw new Error(`statutoryHolidays: year ${year} is outside the supported years`);
  const law = holidayLawFor(year);
  const days: [CivilDate, string][] = [[solar(year, 1, 1), '元旦']];
  const newYear = almanac.lunarDate(year, 1, 1);
  for (const offset of law.springFestival) days.push([addDays(newYear, offset), '春节']);
  if (law.traditional) days.push([almanac.qingming(year), '清明节']);
  for (let d = 1; d <= law.labourDays; d++) days.push([solar(year, 5, d), '劳动节']);
  if (law.traditional) {
    days.push([almanac.lunarDate(year, 5, 5), '端午节']);
    days.push([almanac.lunarDate(year, 8, 15), '中秋节']);
  }
  for (let d = 1; d <= 3; d++) days.push([solar(year, 10, d), '国庆节']);
  const named = new Map<CivilDate, string>();
  for (const [date, name] of days.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = named.get(date);
    named.set(date, before === undefined || before === name ? name : `${before}、${name}`);
  }
  return named;
}

/**
 * A year as far as the law fixes it: its statutory holidays, weekends off, every other day a
 * working day, all provisional. Undefined outside the supported years (weekends only there).
 */
export function provisionalSchedule(year: number, almanac: LunarAlmanac): YearSchedule | undefined {
  if (!isSupportedYear(year)) return undefined;
  return {
    year,
    holidays: statutoryHolidays(year, almanac),
    workdays: new Map(),
    source: `暂定：按${holidayLawFor(year).title}的法定节假日推算，调休未知`,
    provisional: true,
  };
}
