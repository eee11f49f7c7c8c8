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

export const declareList: Declare = (root, outcome) => {
  root
    .command('list')
    .description(
      '列出事项：工单编号、登记单位、办理对象、受理事项名称、受理时间、当前状态，可按单位、状态、范围、分类、日期、文字筛选',
    )
    .usage('[选项]')
    .option('--unit <单位代码>', '只列登记单位或责任单位是这个单位的事项（可写多个，用逗号分隔）', unitCode)
    .option('--state <状态>', '只列处于这个状态的事项：状态代码或名称，如 handling 或 办理中（可写多个）')
    .option('--scope <范围>', '只列第三条适用范围为此的事项：一 至 六')
    .option('--class <分类>', '只列研判分类为此的事项：1–4')
    .option('--from <日期>', '受理时间不早于这一天（北京时间），如 2026-03-01')
    .option('--to <日期>', '受理时间不晚于这一天（含当天），如 2026-03-31')
    .option('--text <文字>', '受理事项名称、“办不成事”原因、办理对象或备注中含有这些文字')
    .option('--channel <渠道>', '只列来源渠道为此的事项，如 窗口、12345')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .option('--unmask', '显示完整的群众姓名和电话号码（默认隐去）')
    .option(...NO_CACHE_OPTION)
    .action(async (options) => {
      applyNoCache(options);
      const { runList } = await loadCommand('list');
      outcome.code = runList(options);
    });
};
