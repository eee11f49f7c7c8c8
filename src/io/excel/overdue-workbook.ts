import { maskName, maskPhone } from '../../core/mask.js';
import type { OverdueReport } from '../../core/reports/overdue.js';
import { formatChinaMinute } from '../../core/time.js';
import { columnNeed, fitColumns } from './print-columns.js';
import type { PrintStyle } from './print-style.js';
import { writePrintedWorkbook } from './print-workbook.js';

/** The overdue list as a printable workbook for the 区办's supervision file. */

const HEADERS = [
  '责任单位',
  '工单编号',
  '受理事项名称',
  '办理对象',
  '联系电话',
  '应办',
  '期限',
  '状态',
  '逾期工作日',
  '剩余工作日',
] as const;
/** The title, the line under it, then the header. */
const HEADER_ROW = 3;

export async function writeOverdueWorkbook(
  report: OverdueReport,
  file: string,
  options: { mask: boolean; created?: Date },
): Promise<void> {
  const body = report.groups.flatMap((group) =>
    group.rows.map((row) => {
      const { item, obligation, assessment } = row;
      const party = options.mask && item.party.kind === '群众' ? maskName(item.party.name) : item.party.name;
      const red = assessment.standing === '红牌';
      return [
        group.unitName,
        item.id,
        item.title,
        party,
        options.mask ? maskPhone(item.party.phone) : item.party.phone,
        obligation.rule.name,
        `${obligation.due ?? ''}${assessment.provisional ? '（暂定）' : ''}`,
        assessment.standing,
        // Days late for a red card, days left for a yellow one: two columns, never one number meaning either.
        red ? (assessment.daysLate ?? 0) : '',
        red ? '' : (assessment.daysLeft ?? 0),
      ];
    }),
  );
  const widths = fitColumns(
    HEADERS.map((h, i) =>
      columnNeed(
        h,
        body.map((r) => r[i]!),
      ),
    ),
    'landscape',
  );
  const styles: PrintStyle[] = HEADERS.map((_, i) => (i >= 5 ? 'bodyCenter' : 'body'));
  const alert = styles.map((s, i) => (i === 7 ? 'alert' : s));
  await writePrintedWorkbook(
    file,
    [{ name: '逾期与临期', orientation: 'landscape', widths, headerRow: HEADER_ROW }],
    { created: options.created ?? new Date() },
    async ([rows]) => {
      const r = rows!;
      await r.line('“办不成事”事项逾期与临期清单', 'title');
      await r.line(
        `截至 ${formatChinaMinute(report.asOf)}；红牌 ${report.red} 件，黄牌 ${report.yellow} 件（${report.within} 个工作日内到期）` +
          (report.unknownYears.length > 0
            ? `；期限含暂定（${report.unknownYears.join('、')} 年节假日安排尚未公布）`
            : ''),
        'label',
      );
      await r.cells(HEADERS, 'header');
      if (body.length === 0) {
        await r.cells(['没有逾期或临期的事项', ...HEADERS.slice(1).map(() => '')], 'bodyCenter');
        r.rows.merge(1, HEADERS.length);
      }
      for (const values of body) await r.cells(values, values[7] === '红牌' ? alert : styles);
    },
  );
}
