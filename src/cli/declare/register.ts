import { LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';
import { REGISTRATION_FIELDS } from '../forms/registration.js';
import { declareFields } from '../forms/spec.js';

export const declareRegister: Declare = (root, outcome) => {
  const command = root
    .command('register')
    .description(
      '登记一个“办不成事”事项（附件3 事项登记表）：分配工单编号，写入台账并提交；在终端中逐项提问，每一问也可用选项给出',
    )
    .usage('[选项]');
  declareFields(command, REGISTRATION_FIELDS)
    .option('--from <文件>', '登记一个事先准备好的 YAML 文件：字段同事项文件，不写 id；缺少的字段用选项或提问补齐')
    .option('-y, --yes', '不再确认直接登记；有默认值的问题（单位、受理人员、受理时间）和选填项也不再询问')
    .option('--no-commit', '只写入文件，不提交到 Git')
    .option(...LEDGER_OPTION)
    .option('--json', '以 JSON 输出新事项的工单编号、文件和提交')
    .action(async (options) => {
      const { runRegister } = await loadCommand('register');
      outcome.code = await runRegister(options);
    });
};
