import type { Declare } from './shared.js';
import { declareFields } from '../forms/spec.js';
import { OFFICE_FIELDS } from '../forms/unit.js';
import { loadCommand } from '../command-modules.js';

export const declareInit: Declare = (root, outcome) => {
  declareFields(
    root
      .command('init')
      .description(
        '建立新的台账仓库：Git 仓库、ledger/（办理期限规则、节假日日历目录、区办单位）、README.md、.gitignore，并做第一次提交',
      )
      .argument('[目录]', '在此目录中建立（默认当前目录；不存在时新建）')
      .usage('[目录] [选项]'),
    OFFICE_FIELDS,
  )
    .option('--by <姓名>', '经办人（Git 提交人）；默认取 BBCS_OFFICER、git config bbcs.officer 或 user.name')
    .option(
      '--ci <平台>',
      '同时放入持续集成配置：github（.github/workflows/：每次推送检查台账和历史、工作日早上检查逾期）或 gitlab（.gitlab-ci.yml）',
    )
    .option('--hooks', '同时放入提交前检查 .githooks/pre-commit（检查暂存的台账文件）并启用')
    .option('--no-commit', '只写入文件，不提交到 Git')
    .option('-y, --yes', '不显示预览、不再确认；区办的代码和名称取默认值')
    .action(async (dir: string | undefined, options) => {
      const { runInit } = await loadCommand('init');
      outcome.code = await runInit(dir, options);
    });
};
