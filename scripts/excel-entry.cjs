// The exceljs workbook bbcs's exports use, bundled apart from the program as dist/app/excel.js
// (see bundle.mjs): only exports load it, and compiled with a code cache it loads in about half
// the time. The program reaches it through src/io/excel/exceljs.ts.
// The tracking ledger (track) does not use it: it has its own writer, src/io/excel/xlsx-stream.ts.
exports.Workbook = require('exceljs/lib/doc/workbook');
