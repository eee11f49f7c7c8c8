// The exceljs workbook `bbcs import` reads sheets with, bundled apart from the program as dist/app/excel.js
// (see bundle.mjs): only import loads it, and compiled with a code cache it loads in about half
// the time. The program reaches it through src/io/excel/exceljs.ts.
// No export uses it: bbcs writes every workbook with its own writer, src/io/excel/print-workbook.ts.
exports.Workbook = require('exceljs/lib/doc/workbook');
