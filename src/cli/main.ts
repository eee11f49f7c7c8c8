import { Command, CommanderError } from 'commander';
import { declareAccountability } from './declare/accountability.js';
import { declareCalendar } from './declare/calendar.js';
import { declareCases } from './declare/cases.js';
import { declareCodeowners } from './declare/codeowners.js';
import { declareForm } from './declare/form.js';
import { declareImport } from './declare/import.js';
import { declareInit } from './declare/init.js';
import { declareList } from './declare/list.js';
import { declareLog } from './declare/log.js';
import { declareOverdue } from './declare/overdue.js';
import { declareRegister } from './declare/register.js';
import { declareRenumber } from './declare/renumber.js';
import type { Declare, Outcome } from './declare/shared.js';
import { declareShow } from './declare/show.js';
import { declareSteps } from './declare/steps.js';
import { declareStats } from './declare/stats.js';
import { declareTrack } from './declare/track.js';
import { declareUnit } from './declare/unit.js';
import { declareValidate } from './declare/validate.js';
import { declareWeekly } from './declare/weekly.js';
import { LedgerChanged } from '../io/ledger-changed.js';
import { SheetFull } from '../io/excel/sheet-full.js';
import { MAX_WORKERS, workersSet } from '../io/worker-count.js';
import { Cancelled, describeSystemError, EXIT_USAGE, RulesInvalid, UsageError } from './errors.js';
import { HELP_TITLES, translateCommanderMessage } from './commander-zh.js';
import { displayWidth, wrap } from './format/width.js';
import { VERSION } from './version.js';

/**
 * The command line. Commands are declared in ./declare/ and do their work in ./commands/,
 * loaded only when run, so `bbcs --help` stays quick and exceljs or the prompts never load for
 * a command that does not need them. This is the one place that turns outcomes into exit codes.
 */
const COMMANDS: Declare[] = [
  declareInit,
  declareUnit,
  declareRegister,
  declareSteps,
  declareShow,
  declareList,
  declareLog,
  declareValidate,
  declareOverdue,
  declareWeekly,
  declareTrack,
  declareForm,
  declareImport,
  declareCalendar,
  declareRenumber,
  declareCodeowners,
  declareStats,
  declareCases,
  declareAccountability,
];

const HELP_CONFIG = {
  styleTitle: (title: string) => HELP_TITLES[title] ?? title,
  displayWidth,
  subcommandTerm: (cmd: Command) => [cmd.name(), cmd.usage()].filter(Boolean).join(' '),
  boxWrap: (text: string, width: number) => wrap(text, width),
};

function program(): { root: Command; outcome: Outcome } {
  const outcome: Outcome = { code: 0 };
  const root = new Command('bbcs')
    .description(
      '淮阴区“办不成事”事项管理工具：登记、研判、上报、办理、反馈、备案、回访、归档，台账以 YAML 文件存放并由 Git 留痕',
    )
    .version(VERSION, '-V, --version', '显示版本号')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .usage('[选项] [命令]')
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (message, write) => write(translateCommanderMessage(message)) })
    // Set before any command is declared: commander copies these to each command as it is made.
    .helpOption('-h, --help', '显示帮助')
    .configureHelp(HELP_CONFIG)
    .exitOverride();
  for (const declare of COMMANDS) declare(root, outcome);
  return { root, outcome };
}

/** Environment settings that tune the program but cannot stop it: a wrong one is named and ignored. */
function warnAboutSettings(env: NodeJS.ProcessEnv): void {
  const workers = env.BBCS_WORKERS;
  if (workers !== undefined && workers !== '' && workersSet(env) === undefined) {
    process.stderr.write(
      `bbcs: 环境变量 BBCS_WORKERS 的值「${workers}」不是整数，已忽略：应为 0–${MAX_WORKERS}（工作线程数，0 表示不用工作线程），或不设置由 bbcs 决定\n`,
    );
  } else if (workers !== undefined && /^\d+$/.test(workers) && Number(workers) > MAX_WORKERS) {
    process.stderr.write(`bbcs: 环境变量 BBCS_WORKERS 的值 ${workers} 超过上限，按 ${MAX_WORKERS} 个工作线程运行\n`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  warnAboutSettings(process.env);
  const { root, outcome } = program();
  try {
    await root.parseAsync([...argv], { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they have already been printed.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof Cancelled) {
      process.stderr.write('已取消，没有写入任何内容。\n');
      return EXIT_USAGE;
    }
    if (
      error instanceof UsageError ||
      error instanceof RulesInvalid ||
      error instanceof LedgerChanged ||
      error instanceof SheetFull
    ) {
      process.stderr.write(`bbcs: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const system = describeSystemError(error);
    if (system !== undefined) {
      process.stderr.write(`bbcs: ${system}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(
      `bbcs 内部错误（这是程序缺陷，不是您的数据有问题，请把以下内容报告给维护者）：\n${(error as Error).stack ?? String(error)}\n`,
    );
    return EXIT_USAGE;
  }
}
