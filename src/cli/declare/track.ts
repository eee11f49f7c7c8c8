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

export const declareTrack: Declare = (root, outcome) => {
  root
    .command('track')
    .description('导出“办不成事”事项处理进度跟踪台账（附件5，Excel），逾期事项标红，另附处理进度明细')
    .usage('[选项]')
    .option('--unit <单位代码>', '只导出这个单位登记的事项（默认全区）', unitCode)
    .option('--from <日期>', '受理时间不早于该日，如 2026-01-01')
    .option('--to <日期>', '受理时间不晚于该日')
    .option('--out <文件>', '输出文件（默认：附件5_办不成事事项处理进度跟踪台账_<单位>.xlsx）')
    .option('--mask', '隐去电话号码和群众姓名')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .option(...NO_CACHE_OPTION)
    .action(async (options) => {
      applyNoCache(options);
      const { runTrack } = await loadCommand('track');
      outcome.code = await runTrack(options);
    });
};
