import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import { translateCommanderMessage, HELP_TITLES } from './commander-zh.js';
import { VERSION } from './version.js';
import { displayWidth, wrap } from './format/width.js';

/**
 * The command line: commands are declared here and loaded only when run, so `bbcs --help`
 * stays quick and exceljs or the prompts never load for a command that does not need them.
 * This is the one place that turns outcomes into exit codes.
 */
const HELP_CONFIG = {
  styleTitle: (title: string) => HELP_TITLES[title] ?? title,
  displayWidth,
  subcommandTerm: (cmd: Command) => [cmd.name(), cmd.usage()].filter(Boolean).join(' '),
  boxWrap: (text: string, width: number) => wrap(text, width),
};

function program(): { root: Command; result: { code: number } } {
  const result = { code: 0 };
  const root = new Command('bbcs')
    .description('淮阴区“办不成事”事项管理工具：登记、研判、上报、办理、反馈、备案、回访、归档，台账以 YAML 文件存放并由 Git 留痕')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .usage('[选项] [命令]')
    .configureHelp(HELP_CONFIG)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(translateCommanderMessage(message)) });

  root
    .command('validate')
    .description('检查台账：格式、字段、单位、工单编号、事件顺序与时间，报告全部问题')
    .argument('[路径...]', '只报告这些文件或目录中的问题（默认整个台账）')
    .option('--ledger <目录>', '台账目录（默认：环境变量 BBCS_LEDGER，或从当前目录向上找到的 ledger/）')
    .option('--as-of <时间>', '以此时间为“现在”检查未来时间的事件，如 2026-06-30（默认：当前北京时间）')
    .option('--json', '以 JSON 输出检查结果')
    .option('--format <格式>', '输出格式：text、json 或 github（默认 text；GITHUB_ACTIONS=true 时另外输出 GitHub 注释）')
    .usage('[选项] [路径...]')
    .helpOption('-h, --help', '显示帮助')
    .action(async (paths: string[], options) => {
      const { runValidate } = await import('./commands/validate.js');
      result.code = await runValidate(paths, options);
    });

  const ledgerOption = ['--ledger <目录>', '台账目录（默认：环境变量 BBCS_LEDGER，或从当前目录向上找到的 ledger/）'] as const;
  const asOfOption = ['--as-of <时间>', '以此时间为“现在”，如 2026-06-30（当天结束时）；默认当前北京时间'] as const;

  root
    .command('overdue')
    .description('列出逾期（红牌）和临期（黄牌）的事项，按责任单位分组，最严重的在前')
    .usage('[选项]')
    .option('--unit <单位代码>', '只看这个单位应办的事项')
    .option('--within <N>', '临期：N 个工作日内到期（默认按 policy.yaml，通常为 1）')
    .option(...ledgerOption)
    .option(...asOfOption)
    .option('--json', '以 JSON 输出')
    .option('--xlsx <文件>', '同时导出为 Excel 文件')
    .option('--mask', '导出的 Excel 中隐去电话号码和群众姓名')
    .option('--unmask', '屏幕上显示完整的电话号码和姓名（默认隐去中间数字）')
    .option('--fail', '有红牌事项时以退出码 1 结束（供定时任务使用）')
    .action(async (options) => {
      const { runOverdue } = await import('./commands/overdue.js');
      result.code = await runOverdue(options);
    });

  root
    .command('show')
    .description('显示一个事项：登记表、处理过程、当前状态、可以进行的步骤和各项期限')
    .argument('<工单编号>', '如 ZJJ-2026-0001')
    .usage('<工单编号> [选项]')
    .option(...ledgerOption)
    .option(...asOfOption)
    .option('--json', '以 JSON 输出')
    .action(async (id: string, options) => {
      const { runShow } = await import('./commands/show.js');
      result.code = runShow(id, options);
    });

  const calendar = root
    .command('calendar')
    .description('节假日与工作日：某天是否上班及原因、N 个工作日后的日期、两日之间的工作日数、已收录的年份')
    .usage('<子命令> [选项]');
  const calendarCommand = (name: string, description: string) =>
    calendar.command(name).description(description).option(...ledgerOption).option('--json', '以 JSON 输出');
  calendarCommand('day', '某天（默认今天）是否是工作日，以及原因')
    .argument('[日期...]', '如 2026-10-08')
    .usage('[日期...] [选项]')
    .option(...asOfOption)
    .action(async (dates: string[], options) => {
      result.code = (await import('./commands/calendar.js')).runCalendarDay(dates, options);
    });
  calendarCommand('add', '某日之后第 N 个工作日（起始当日不计入，期限至该日 24:00）')
    .argument('<日期>', '起始日期，如 2026-09-30')
    .argument('<N>', '工作日数')
    .usage('<日期> <N> [选项]')
    .action(async (from: string, n: string, options) => {
      result.code = (await import('./commands/calendar.js')).runCalendarAdd(from, n, options);
    });
  calendarCommand('between', '两个日期之间的工作日数（起始当日不计入，截止当日计入）')
    .argument('<起始日期>')
    .argument('<截止日期>')
    .usage('<起始日期> <截止日期> [选项]')
    .action(async (from: string, to: string, options) => {
      result.code = (await import('./commands/calendar.js')).runCalendarBetween(from, to, options);
    });
  calendarCommand('years', '已收录节假日安排的年份及来源，以及如何补充新的一年')
    .usage('[选项]')
    .action(async (options) => {
      result.code = (await import('./commands/calendar.js')).runCalendarYears(options);
    });

  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(root).slice(1)) command.configureHelp(HELP_CONFIG).helpOption('-h, --help', '显示帮助');
  return { root, result };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { root, result } = program();
  try {
    await root.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they have already been printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`bbcs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`bbcs 内部错误（这是程序缺陷，不是您的数据有问题，请把以下内容报告给维护者）：\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}
