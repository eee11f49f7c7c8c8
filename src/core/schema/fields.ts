import * as z from 'zod';
import { checkPhone, PHONE_ACCEPTED } from '../phone.js';
import { parseTimestamp } from '../time.js';
import type { DiagnosticCode } from '../diagnostics.js';
import { cleanWhen } from './clean.js';
import { ITEM_ID, UNIT_CODE } from './codes.js';

export { ITEM_ID, UNIT_CODE };

/**
 * Field types shared by the ledger schemas. A failed check carries the diagnostic code it maps
 * to in `params.code`, so the zod→diagnostic translation needs no guessing from messages.
 */

export interface IssueParams {
  code: DiagnosticCode;
  hint: string;
}

function fail(ctx: z.core.$RefinementCtx<string>, message: string, params: IssueParams): void {
  ctx.addIssue({ code: 'custom', message, params: params as unknown as Record<string, unknown> });
}

/** Clean when already trimmed and not empty: zod would trim, so an untrimmed value goes to zod. */
export const text = () => cleanWhen(z.string().trim().min(1), (value) => value.length > 0 && value.trim() === value);

export const timestamp = () =>
  cleanWhen(
    z.string().superRefine((value, ctx) => {
      const parsed = parseTimestamp(value);
      if (parsed.ok) return;
      const example = '2026-03-02T09:30:00+08:00';
      const messages = {
        format: `时间「${value}」格式不对`,
        'no-offset': `时间「${value}」没有写时区`,
        'no-such-date': `时间「${value}」中的日期不存在`,
        'out-of-range': `时间「${value}」中的年份、时、分、秒或时区超出范围`,
      } as const;
      fail(ctx, messages[parsed.problem], {
        code: 'invalid-time',
        hint: `写成 ISO 8601 格式并带 +08:00，如 ${example}`,
      });
    }),
    (value) => parseTimestamp(value).ok,
  );

export const phone = () =>
  cleanWhen(
    z.string().superRefine((value, ctx) => {
      if (checkPhone(value).ok) return;
      fail(ctx, `联系电话「${value}」不是有效的电话号码`, { code: 'invalid-phone', hint: PHONE_ACCEPTED });
    }),
    (value) => checkPhone(value).ok,
  );

export const unitCode = () =>
  cleanWhen(
    z.string().superRefine((value, ctx) => {
      if (UNIT_CODE.test(value)) return;
      fail(ctx, `单位代码「${value}」不合法`, {
        code: 'invalid-unit-code',
        hint: '单位代码用 2–20 个小写英文字母或数字、以字母开头，通常取单位简称的拼音首字母，如 zjj、wangying',
      });
    }),
    (value) => UNIT_CODE.test(value),
  );

export const itemId = () =>
  cleanWhen(
    z.string().superRefine((value, ctx) => {
      if (ITEM_ID.test(value)) return;
      fail(ctx, `工单编号「${value}」格式不对`, {
        code: 'invalid-id',
        hint: '工单编号由单位代码大写、年份和 4 位以上序号组成，如 ZJJ-2026-0007',
      });
    }),
    (value) => ITEM_ID.test(value),
  );

export function idPrefix(id: string): string | undefined {
  return ITEM_ID.exec(id)?.[1];
}
