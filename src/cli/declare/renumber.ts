import { LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareRenumber: Declare = (root, outcome) => {
  root
    .command('renumber')
    .description('工单编号重号时改号：解决两个副本同时登记造成的合并冲突，或为与其他事项重号的文件另取编号')
    .argument(
      '[文件]',
      '与其他事项重号的事项文件（bbcs validate 报告 duplicate-id 的文件）；不写则处理 Git 合并冲突中的事项文件',
    )
    .usage('[选项] [文件]')
    .option(
      '--keep <ours|theirs>',
      '合并冲突时保留哪一方的编号（默认：已在共享仓库中的一方；无法判断时保留当前分支 ours 的）',
    )
    .option('--by <姓名>', '经办人，为文件改号时作为提交的作者（默认：配置的经办人）')
    .option('--no-commit', '为文件改号时只改名，不提交到 Git')
    .option(...LEDGER_OPTION)
    .option('--json', '以 JSON 输出改号结果')
    .action(async (file: string | undefined, options) => {
      const { runRenumber } = await loadCommand('renumber');
      outcome.code = await runRenumber(file, options);
    });
};
