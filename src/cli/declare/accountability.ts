import { AS_OF_OPTION, type Declare, JSON_OPTION, LEDGER_OPTION, unitCode } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareAccountability: Declare = (root, outcome) => {
  root
    .command('accountability')
    .description('问责清单（第七条（三））：各单位未按时上报、未列入周汇总、反馈逾期、备案逾期的事项')
    .usage('[选项]')
    .option('--from <日期>', '应办日期在此日及以后，如 2026-01-01（默认不限）')
    .option('--to <日期>', '应办日期在此日及以前（默认 --as-of 当天）')
    .option('--unit <单位代码>', '只看这个单位', unitCode)
    .option('--xlsx <文件>', '同时导出为 Excel 文件')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .action(async (options) => {
      const { runAccountability } = await loadCommand('accountability');
      outcome.code = await runAccountability(options);
    });
};
