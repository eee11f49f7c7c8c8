import {
  applyNoCache,
  AS_OF_OPTION,
  type Declare,
  JSON_OPTION,
  LEDGER_OPTION,
  NO_CACHE_OPTION,
  unitCode,
} from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareOverdue: Declare = (root, outcome) => {
  root
    .command('overdue')
    .description('列出逾期（红牌）和临期（黄牌）的事项，按责任单位分组，最严重的在前')
    .usage('[选项]')
    .option('--unit <单位代码>', '只看这个单位应办的事项', unitCode)
    .option('--within <N>', '临期：N 个工作日内到期（默认按 policy.yaml，通常为 1）')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .option('--xlsx <文件>', '同时导出为 Excel 文件')
    .option('--mask', '导出的 Excel 中隐去电话号码和群众姓名')
    .option('--unmask', '屏幕上显示完整的电话号码和姓名（默认隐去中间数字）')
    .option('--fail', '有红牌事项时以退出码 1 结束（供定时任务使用）')
    .option(...NO_CACHE_OPTION)
    .action(async (options) => {
      applyNoCache(options);
      const { runOverdue } = await loadCommand('overdue');
      outcome.code = await runOverdue(options);
    });
};
