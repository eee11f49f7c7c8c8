import { AS_OF_OPTION, LEDGER_OPTION, NO_CACHE_OPTION, applyNoCache, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareValidate: Declare = (root, outcome) => {
  root
    .command('validate')
    .description('检查台账：格式、字段、单位、工单编号、事件顺序与时间，报告全部问题')
    .argument('[路径...]', '只报告这些文件或目录中的问题（默认整个台账）')
    .usage('[选项] [路径...]')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(
      '--since <版本>',
      '另外检查从该版本（提交、分支或标签）到现在，台账只追加未改写：事项未被删除或移走、已记录的事件和登记信息未被修改、工单编号未被复用',
    )
    .option('--json', '以 JSON 输出检查结果')
    .option(
      '--format <格式>',
      '输出格式：text、json 或 github（默认 text；GITHUB_ACTIONS=true 时另外输出 GitHub 注释）',
    )
    .option(...NO_CACHE_OPTION)
    .action(async (paths: string[], options) => {
      applyNoCache(options);
      const { runValidate } = await loadCommand('validate');
      outcome.code = runValidate(paths, options);
    });
};
