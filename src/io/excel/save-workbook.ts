import type ExcelJS from 'exceljs';
import { writeFileAtomic } from '../atomic-write.js';

/**
 * Saves an exceljs workbook the way every bbcs file is written: built in memory (these forms are
 * small), then put in place at once, so a failed or interrupted export never leaves a torn file
 * under the name the officer asked for, and an older file there stays until the new one is whole.
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  // exceljs types the result as its own ArrayBuffer-like Buffer; under Node.js it is a Node Buffer.
  const bytes = (await workbook.xlsx.writeBuffer()) as unknown as Uint8Array;
  writeFileAtomic(file, bytes);
}
