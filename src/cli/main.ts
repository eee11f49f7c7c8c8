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

  for (const command of root.commands) command.configureHelp(HELP_CONFIG);
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
