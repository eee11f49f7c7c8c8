import { Workbook } from './exceljs.js';
import { saveWorkbook } from './save-workbook.js';
import { maskName, maskPhone } from '../../core/mask.js';
import type { OverdueReport } from '../../core/reports/overdue.js';
import { formatChinaMinute } from '../../core/time.js';

/** The overdue list as a printable workbook for the 区办's supervision file. */
export async function writeOverdueWorkbook(
  report: OverdueReport,
  file: string,
  options: { mask: boolean },
): Promise<void> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('逾期与临期', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns = [
    { header: '责任单位', width: 24 },
    { header: '工单编号', width: 18 },
    { header: '受理事项名称', width: 36 },
    { header: '办理对象', width: 22 },
    { header: '联系电话', width: 18 },
    { header: '应办', width: 14 },
    { header: '期限', width: 14 },
    { header: '状态', width: 10 },
    { header: '逾期/剩余工作日', width: 16 },
    { header: '暂定', width: 8 },
  ];
  sheet.mergeCells(1, 1, 1, columns.length);
  const title = sheet.getCell(1, 1);
  title.value = `“办不成事”事项逾期与临期清单（截至 ${formatChinaMinute(report.asOf)}）`;
  title.font = { name: '宋体', size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: '宋体', size: 11, bold: true };
  });
  for (const group of report.groups) {
    for (const row of group.rows) {
      const party =
        options.mask && row.item.party.kind === '群众' ? maskName(row.item.party.name) : row.item.party.name;
      const values = [
        group.unitName,
        row.item.id,
        row.item.title,
        party,
        options.mask ? maskPhone(row.item.party.phone) : row.item.party.phone,
        row.obligation.rule.name,
        row.obligation.due ?? '',
        row.assessment.standing,
        row.assessment.standing === '红牌' ? (row.assessment.daysLate ?? 0) : (row.assessment.daysLeft ?? 0),
        row.assessment.provisional ? '暂定' : '',
      ];
      const added = sheet.addRow(values);
      added.font = { name: '宋体', size: 11 };
      if (row.assessment.standing === '红牌')
        added.getCell(8).font = { name: '宋体', size: 11, bold: true, color: { argb: 'FFC00000' } };
    }
  }
  sheet.pageSetup.printTitlesRow = '1:2';
  await saveWorkbook(workbook, file);
}
