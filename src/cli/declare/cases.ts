import { JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareCases: Declare = (root, outcome) => {
  root
    .command('cases')
    .description('典型案例（第七条（二））：列出区办标记的正面、负面典型案例，导出隐去个人信息的公开版本')
    .usage('[选项]')
    .option('--kind <类型>', '只看正面或负面典型：正面、负面')
    .option('--xlsx <文件>', '导出供公开发布的 Excel（隐去企业、群众名称和电话及工作人员姓名）')
    .option(...LEDGER_OPTION)
    .option(...JSON_OPTION)
    .action(async (options) => {
      const { runCases } = await loadCommand('cases');
      outcome.code = await runCases(options);
    });
};
