import { AS_OF_OPTION, LEDGER_OPTION, type Declare } from './shared.js';

export const declareValidate: Declare = (root, outcome) => {
  root
    .command('validate')
    .description('检查台账：格式、字段、单位、工单编号、事件顺序与时间，报告全部问题')
    .argument('[路径...]', '只报告这些文件或目录中的问题（默认整个台账）')
    .usage('[选项] [路径...]')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option('--json', '以 JSON 输出检查结果')
    .option('--format <格式>', '输出格式：text、json 或 github（默认 text；GITHUB_ACTIONS=true 时另外输出 GitHub 注释）')
    .action(async (paths: string[], options) => {
      const { runValidate } = await import('../commands/validate.js');
      outcome.code = await runValidate(paths, options);
    });
};
