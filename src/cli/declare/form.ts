import { type Declare, LEDGER_OPTION, unitCode } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareForm: Declare = (root, outcome) => {
  root
    .command('form')
    .description('打印表格：一个事项的事项登记表（附件3，一页 A4），或各单位的工作联系表（附件2）')
    .argument('[工单编号]', '打印这个事项的登记表')
    .usage('[工单编号] [选项]')
    .option('--contacts', '打印工作联系表（附件2），每个单位一页')
    .option('--unit <单位代码>', '与 --contacts 一起用：只打印这个单位', unitCode)
    .option('--out <文件>', '输出文件（默认按表名、编号或单位命名）')
    .option('--mask', '隐去电话号码和群众姓名（用于对外发送的副本）')
    .option(...LEDGER_OPTION)
    .action(async (id: string | undefined, options) => {
      const { runForm } = await loadCommand('form');
      outcome.code = await runForm(id, options);
    });
};
