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

export const declareWeekly: Declare = (root, outcome) => {
  root
    .command('weekly')
    .description('生成每周五报送的“办不成事”事项汇总表（附件4，Excel），供主要领导签字')
    .usage('[选项]')
    .option('--unit <单位代码>', '填报单位（默认：git config bbcs.unit 或环境变量 BBCS_UNIT）', unitCode)
    .option('--all', '区办用：全部单位，每个单位一页，另加全区汇总页')
    .option('--week <日期>', '该周中的任意一天，如 2026-11-27（默认本周）')
    .option('--out <文件>', '输出文件（默认：附件4_办不成事事项汇总表_<单位>_<报送日>.xlsx）')
    .option('--mask', '隐去电话号码和群众姓名（用于对外发送的副本）')
    .option('--by <姓名>', '填报人（默认取 BBCS_OFFICER、git config bbcs.officer 或 user.name）')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .option(...NO_CACHE_OPTION)
    .action(async (options) => {
      applyNoCache(options);
      const { runWeekly } = await loadCommand('weekly');
      outcome.code = await runWeekly(options);
    });
};
