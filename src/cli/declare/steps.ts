import { optionHelp, STEPS } from '../steps/registry.js';
import { JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

/**
 * One command per step of the mechanism, all declared from the registry in ../steps/registry.ts,
 * plus `bbcs next`, which shows (and in a terminal offers) the steps legal for an item.
 */
export const declareSteps: Declare = (root, outcome) => {
  for (const spec of STEPS) {
    const command = root
      .command(spec.command)
      .description(spec.description)
      .argument('<工单编号>', '如 ZJJ-2026-0001')
      .usage('<工单编号> [选项]');
    for (const field of spec.fields) command.option(field.flag, optionHelp(field));
    command
      .option('--by <经办人>', '经办人（默认：环境变量 BBCS_OFFICER、git config bbcs.officer 或 user.name）')
      .option('--at <时间>', '这一步发生的时间，如 2026-03-02 09:30（北京时间）或 2026-03-02T09:30:00+08:00；默认现在')
      .option('--note <备注>', '备注（选填）')
      .option('--no-commit', '只写入文件，不提交到 Git')
      .option('-y, --yes', '不显示预览、不再确认，直接写入')
      .option(...LEDGER_OPTION)
      .option(...JSON_OPTION)
      .action(async (id: string, options) => {
        const { runStep } = await loadCommand('step');
        outcome.code = await runStep(spec.command, id, options);
      });
  }
  root
    .command('next')
    .description('显示事项的当前状态和此时可以进行的步骤；在终端中可直接选择一步办理')
    .argument('<工单编号>', '如 ZJJ-2026-0001')
    .usage('<工单编号> [选项]')
    .option(...LEDGER_OPTION)
    .option(...JSON_OPTION)
    .action(async (id: string, options) => {
      const { runNext } = await loadCommand('step');
      outcome.code = await runNext(id, options);
    });
};
