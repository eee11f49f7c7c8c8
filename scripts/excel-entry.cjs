// The exceljs modules bbcs uses, bundled apart from the program as dist/app/excel.js (see
// bundle.mjs): only exports load them, and compiled with a code cache they load in about half
// the time. The program reaches them through src/io/excel/exceljs.ts.
exports.Workbook = require('exceljs/lib/doc/workbook');
exports.WorkbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer');
