import { JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareLog: Declare = (root, outcome) => {
  root
    .command('log')
    .description('一个事项的修改记录：谁在何时做了哪一步，来自 Git 历史')
    .argument('<工单编号>', '如 ZJJ-2026-0001')
    .usage('<工单编号> [选项]')
    .option(...LEDGER_OPTION)
    .option(...JSON_OPTION)
    .action(async (id: string, options) => {
      const { runLog } = await loadCommand('log');
      outcome.code = runLog(id, options);
    });
};
