import { AS_OF_OPTION, type Declare, LEDGER_OPTION, unitCode } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareImport: Declare = (root, outcome) => {
  root
    .command('import')
    .description(
      '导入现有的 Excel 台账（附件4、附件5 的列，按表头文字识别，列的顺序不限）：先预览和检查，全部无误才写入，一次提交',
    )
    .argument('<文件.xlsx>', '要导入的台账')
    .usage('<文件.xlsx> [选项]')
    .option('--unit <单位代码>', '登记单位（默认按表格上方的“填报单位：”识别）', unitCode)
    .option('--scope <一至六>', '原台账没有的“适用范围”，导入的事项都记为此项（默认 一）')
    .option('--channel <渠道>', '原台账没有的“来源渠道”（默认 窗口）')
    .option('--party-kind <企业|群众>', '办理对象类型（默认按名称判断：含“公司”“厂”“店”等为企业）')
    .option('--by <姓名>', '提交记录中的导入人（默认配置的经办人）')
    .option('--dry-run', '只预览和检查，不写入')
    .option('--yes', '不再询问，直接导入')
    .option('--no-commit', '写入文件但不提交')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .action(async (file: string, options) => {
      const { runImport } = await loadCommand('import');
      outcome.code = await runImport(file, options);
    });
};
