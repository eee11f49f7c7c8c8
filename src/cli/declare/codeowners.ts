import { LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

/** `bbcs codeowners`: who reviews changes to which part of the ledger. */
export const declareCodeowners: Declare = (root, outcome) => {
  root
    .command('codeowners')
    .usage('[选项]')
    .description(
      '根据各单位 unit.yaml 中的维护人（maintainers）生成 CODEOWNERS：每个单位的目录由本单位审核，办理期限规则和日历由区办审核',
    )
    .option(...LEDGER_OPTION)
    .option('--out <文件>', '写入的文件（默认仓库根目录的 CODEOWNERS；写 - 输出到屏幕）')
    .action(async (options) => {
      const { runCodeowners } = await loadCommand('codeowners');
      outcome.code = runCodeowners(options);
    });
};
