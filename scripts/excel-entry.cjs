// The exceljs workbook bbcs's exports use, bundled apart from the program as dist/app/excel.js
// (see bundle.mjs): only exports load it, and compiled with a code cache it loads in about half
// the time. The program reaches it through src/io/excel/exceljs.ts.
//
// The streaming writer (track) is not in it: its zip library calls the deprecated Buffer(),
// which Node.js lets pass quietly only from code under node_modules; from here it printed a
// deprecation warning on every export.
exports.Workbook = require('exceljs/lib/doc/workbook');
