import * as z from 'zod';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, SUPPORTED_YEARS_TEXT } from '../calendar/statutory.js';
import { isCivilDate } from '../time.js';
import { text } from './fields.js';

/**
 * A year of the official schedule kept in the ledger (`calendar/<year>.yaml`), for a year the
 * bundled data does not have yet or gets wrong. With `complete: true` it is the year's whole
 * schedule and replaces the bundled year; without, it only adds or changes the days it lists
 * (docs/ledger-format.md).
 */
const civilDate = () =>
  z.string().superRefine((value, ctx) => {
    if (isCivilDate(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: `日期「${value}」不合法`,
      params: { code: 'invalid-time', hint: '日期写成 YYYY-MM-DD，如 2027-02-06，并确认该日存在' },
    });
  });

const year = () =>
  z
    .number()
    .int()
    .superRefine((value, ctx) => {
      if (value >= FIRST_SUPPORTED_YEAR && value <= LAST_SUPPORTED_YEAR) return;
      ctx.addIssue({
        code: 'custom',
        message: `年份 ${value} 超出 bbcs 支持的范围（${SUPPORTED_YEARS_TEXT}）`,
        params: {
          code: 'invalid-value',
          hint: `bbcs 只计算 ${SUPPORTED_YEARS_TEXT}的工作日，其他年份不能写日历文件；核对年份是否写错`,
        },
      });
    });

export const CALENDAR_SCHEMA = z.strictObject({
  year: year(),
  notice: text(),
  url: text().optional(),
  /** The file holds the whole notice: the year is final. Absent or false: the listed days only. */
  complete: z.boolean().optional(),
  /** Why the file differs from the bundled data (a correcting notice): differences are then warnings. */
  corrects: text().optional(),
  holidays: z.array(z.strictObject({ name: text(), from: civilDate(), to: civilDate() })),
  workdays: z.array(z.strictObject({ name: text(), date: civilDate() })),
});

export type CalendarFile = z.infer<typeof CALENDAR_SCHEMA>;
