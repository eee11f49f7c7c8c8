import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/**
 * exceljs's workbook, loaded from its own module: the package's index also loads the streaming
 * reader and writer and their zip libraries — about half of the 0.3 s the index takes to load.
 * The version is pinned, so this path holds. Only `bbcs import` uses it, to read a workbook;
 * every workbook bbcs writes goes through print-workbook.ts.
 */
const require = createRequire(import.meta.url);

export const Workbook = require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
