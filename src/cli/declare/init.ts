import type { Declare } from './shared.js';
import { unitFormOptions } from './unit.js';
import { loadCommand } from '../command-modules.js';

export const declareInit: Declare = (root, outcome) => {
  unitFormOptions(
    root
      .command('init')
      .description(
        '建立新的台账仓库：Git 仓库、ledger/（办理期限规则、节假日日历目录、区办单位）、README.md、.gitignore，并做第一次提交',
      )
      .argument('[目录]', '在此目录中建立（默认当前目录；不存在时新建）')
      .usage('[目录] [选项]')
      .option('--office-code <单位代码>', '区办的单位代码（默认 qbb）')
      .option('--office-name <单位名称>', '区办的单位名称（默认 区“办不成事”办公室）'),
    { codeAndName: false },
  )
    .option('--by <姓名>', '经办人（Git 提交人）；默认取 BBCS_OFFICER、git config bbcs.officer 或 user.name')
    .option(
      '--ci <平台>',
      '同时放入持续集成配置：github（.github/workflows/：每次推送检查台账和历史、工作日早上检查逾期）或 gitlab（.gitlab-ci.yml）',
    )
    .option('--hooks', '同时放入提交前检查 .githooks/pre-commit（检查暂存的台账文件）并启用')
    .option('--no-commit', '只写入文件，不提交到 Git')
    .option('-y, --yes', '不显示预览、不再确认')
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await loadCommand('init');
      outcome.code = await runInit(dir, options);
    });
};
