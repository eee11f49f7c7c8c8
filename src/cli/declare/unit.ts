import { AS_OF_OPTION, JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';
import { declareFields } from '../forms/spec.js';
import { UNIT_FIELDS } from '../forms/unit.js';

export const declareUnit: Declare = (root, outcome) => {
  const unit = root
    .command('unit')
    .description('单位及其“办不成事”工作联系表（附件2）：新增、列出、查看')
    .usage('<子命令> [选项]');
  const run = () => loadCommand('unit');

  declareFields(
    unit
      .command('add')
      .description(
        '新增一个单位（附件2 工作联系表）：在终端中逐项询问，或全部用选项给出；写入 <单位代码>/unit.yaml 并单独提交',
      )
      .usage('[选项]'),
    UNIT_FIELDS,
  )
    .option('--by <姓名>', '经办人（Git 提交人）；默认取 BBCS_OFFICER、git config bbcs.officer 或 user.name')
    .option('--no-commit', '只写入文件，不提交到 Git')
    .option('-y, --yes', '不显示预览、不再确认直接写入')
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
