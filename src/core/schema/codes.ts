/**
 * The shapes of unit codes and 工单编号, apart from the zod schemas that use them: the forms'
 * checks read them too, and the forms are declared when the program starts, before zod loads.
 */

/**
 * Unit codes become folder names and id prefixes: lowercase ASCII only, so they are safe path
 * segments on every file system and cannot clash on a case-insensitive one.
 */
export const UNIT_CODE = /^[a-z][a-z0-9]{1,19}$/;

/** 工单编号: the unit code in capitals, the year, a sequence — `ZJJ-2026-0007`. */
export const ITEM_ID = /^([A-Z][A-Z0-9]{1,19})-(\d{4})-(\d{4,6})$/;
