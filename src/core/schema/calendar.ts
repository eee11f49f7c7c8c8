import * as z from 'zod';
import { isCivilDate } from '../time.js';
import { text } from './fields.js';

/**
 * A year of the official schedule kept in the ledger (`calendar/<year>.yaml`), for a year the
 * bundled data does not have yet or gets wrong. It replaces the bundled year as a whole.
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

export const CALENDAR_SCHEMA = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  notice: text(),
  url: text().optional(),
  holidays: z.array(z.strictObject({ name: text(), from: civilDate(), to: civilDate() })),
  workdays: z.array(z.strictObject({ name: text(), date: civilDate() })),
});

export type CalendarFile = z.infer<typeof CALENDAR_SCHEMA>;
