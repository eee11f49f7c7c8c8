import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

/**
 * exceljs's classes, each loaded from its own module: the package's index also loads the
 * streaming reader and its unzip libraries, which bbcs never uses for writing — about half of
 * the 0.3 s the index takes to load, on every export. The version is pinned, so these paths hold.
 */
const require = createRequire(import.meta.url);

export const Workbook = require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
