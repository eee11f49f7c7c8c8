import { AS_OF_OPTION, type Declare, JSON_OPTION, LEDGER_OPTION, unitCode } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareStats: Declare = (root, outcome) => {
  root
    .command('stats')
    .description(
      '营商环境考核统计（第七条）：各单位和全区的登记、分类、研判、办结、按时率、逾期、满意度、办结用时及单位排名',
    )
    .usage('[选项]')
    .option('--from <日期>', '统计受理时间在此日及以后的事项，如 2026-01-01（默认不限）')
    .option('--to <日期>', '统计受理时间在此日及以前的事项（默认 --as-of 当天）')
    .option('--unit <单位代码>', '只列这个单位（全区合计仍按全部单位）', unitCode)
    .option('--xlsx <文件>', '同时导出为 Excel 文件（每张表一页）')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .action(async (options) => {
      const { runStats } = await loadCommand('stats');
      outcome.code = await runStats(options);
    });
};
