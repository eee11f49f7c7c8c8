import { LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareRegister: Declare = (root, outcome) => {
  root
    .command('register')
    .description(
      '登记一个“办不成事”事项（附件3 事项登记表）：分配工单编号，写入台账并提交；在终端中逐项提问，每一问也可用选项给出',
    )
    .usage('[选项]')
    .option('--unit <单位代码>', '登记单位（默认：配置的本单位，环境变量 BBCS_UNIT 或 git config bbcs.unit）')
    .option('--party <名称或姓名>', '办理对象：企业名称或群众姓名')
    .option('--party-kind <类型>', '办理对象类型：企业 或 群众')
    .option('--phone <电话>', '联系电话：手机、带区号的固定电话（分机写“转 123”）或服务号码')
    .option('--by <姓名>', '受理人员（默认：配置的经办人，BBCS_OFFICER、git config bbcs.officer 或 user.name）')
    .option(
      '--at <时间>',
      '受理时间，默认当前北京时间；写作 2026-03-02 09:30（北京时间）或 2026-03-02T09:30:00+08:00；不能晚于现在',
    )
    .option('--title <名称>', '受理事项名称')
    .option('--reason <原因>', '“办不成事”原因')
    .option('--scope <范围>', '适用范围（第三条）：一 至 六，也可写 1–6')
    .option(
      '--channel <渠道>',
      '来源渠道：窗口、12345、项目推进、部门协调、上级交办、投诉举报、区办收集、其他；区办收集的事项登记在区办名下',
    )
    .option('--responsible-unit <单位代码>', '责任单位（区办收集的事项必填）')
    .option('--remark <备注>', '备注（选填）')
    .option('--related <工单编号>', '关联事项（选填），多个用逗号分隔')
    .option('--refuse-on-spot', '明显违反法律法规、当场告知不能办理（须同时用 --legal-basis 写明法律依据）')
    .option('--no-refuse-on-spot', '不是当场告知不能办理的情形（终端中不再询问）')
    .option('--legal-basis <依据>', '当场告知不能办理的法律依据')
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
