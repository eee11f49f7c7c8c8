import { declareFields } from '../forms/spec.js';
import { stepForm, STEPS } from '../steps/registry.js';
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
    declareFields(command, stepForm(spec))
      .option('--no-commit', '只写入文件，不提交到 Git')
      .option('-y, --yes', '不显示预览、不再确认，直接写入；时间取现在，选填项不再询问')
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
