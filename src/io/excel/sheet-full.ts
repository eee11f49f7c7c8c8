import { branded } from '../branded-error.js';

/** Excel's last row: a sheet with more rows cannot be opened. */
export const SHEET_ROW_LIMIT = 1_048_576;

/** An export has more rows than a sheet can hold. Not a defect: a narrower export fits. */
export class SheetFull extends branded(Symbol.for('bbcs.SheetFull')) {
  constructor(readonly sheet: string) {
    super(
      `工作表「${sheet}」超过 Excel 每页 ${SHEET_ROW_LIMIT.toLocaleString('en-US')} 行的上限，没有写出文件；请按单位或受理日期分批导出`,
    );
  }
}
