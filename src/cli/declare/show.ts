import { AS_OF_OPTION, JSON_OPTION, LEDGER_OPTION, NO_CACHE_OPTION, applyNoCache, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareShow: Declare = (root, outcome) => {
  root
    .command('show')
    .description('显示一个事项：登记表、处理过程、当前状态、可以进行的步骤和各项期限')
    .argument('<工单编号>', '如 ZJJ-2026-0001')
    .usage('<工单编号> [选项]')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .option(...NO_CACHE_OPTION)
    .action(async (id: string, options) => {
      applyNoCache(options);
      const { runShow } = await loadCommand('show');
      outcome.code = runShow(id, options);
    });
};
