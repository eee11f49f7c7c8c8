import type { Command } from 'commander';
import { AS_OF_OPTION, JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

/** The form-2 flags, shared with `bbcs init` (which asks the same questions for the 区办). */
export function unitFormOptions(command: Command, { codeAndName = true } = {}): Command {
  if (codeAndName) {
    command
      .option('--code <单位代码>', '单位代码：2–20 个小写英文字母或数字、以字母开头，如 zjj')
      .option('--name <单位名称>', '单位名称，如 淮阴区住房和城乡建设局')
      .option('--kind <类型>', '单位类型：区直单位、镇街 或 区办（台账中只能有一个区办）');
  }
  return command
    .option('--principal <姓名>', '主要领导姓名（选填）：上报区办（report）时默认由其同意，印在工作联系表上')
    .option('--leader-name <姓名>', '分管领导姓名')
    .option('--leader-title <职务>', '分管领导职务')
    .option('--leader-phone <电话>', '分管领导联系电话')
    .option('--section-name <科室>', '牵头科室名称')
    .option('--section-head <姓名>', '牵头科室负责人')
    .option('--section-phone <电话>', '牵头科室联系电话')
    .option('--contact-name <姓名>', '联系人姓名')
    .option('--contact-title <职务>', '联系人职务')
    .option('--contact-phone <电话>', '联系人联系电话');
}

export const declareUnit: Declare = (root, outcome) => {
  const unit = root
    .command('unit')
    .description('单位及其“办不成事”工作联系表（附件2）：新增、列出、查看')
    .usage('<子命令> [选项]');
  const run = () => loadCommand('unit');

  unitFormOptions(
    unit
      .command('add')
      .description(
        '新增一个单位（附件2 工作联系表）：在终端中逐项询问，或全部用选项给出；写入 <单位代码>/unit.yaml 并单独提交',
      )
      .usage('[选项]'),
  )
    .option('--by <姓名>', '经办人（Git 提交人）；默认取 BBCS_OFFICER、git config bbcs.officer 或 user.name')
    .option('--no-commit', '只写入文件，不提交到 Git')
    .option('-y, --yes', '不显示预览、不再确认')
    .option(...LEDGER_OPTION)
    .option(...JSON_OPTION)
    .action(async (options) => {
      outcome.code = await (await run()).runUnitAdd(options);
    });

  unit
    .command('list')
    .description('列出台账中的单位：代码、名称、类型、联系人、登记的事项数')
    .usage('[选项]')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .action(async (options) => {
      outcome.code = (await run()).runUnitList(options);
    });

  unit
    .command('show')
    .description('显示一个单位的“办不成事”工作联系表（附件2）')
    .argument('<单位代码>', '如 zjj')
    .usage('<单位代码> [选项]')
    .option(...LEDGER_OPTION)
    .option(...AS_OF_OPTION)
    .option(...JSON_OPTION)
    .action(async (code: string, options) => {
      outcome.code = (await run()).runUnitShow(code, options);
    });
};
