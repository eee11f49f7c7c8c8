import { AS_OF_OPTION, JSON_OPTION, LEDGER_OPTION, type Declare } from './shared.js';
import { loadCommand } from '../command-modules.js';

export const declareCalendar: Declare = (root, outcome) => {
  const calendar = root
    .command('calendar')
    .description(
      '节假日与工作日：某天是否上班及原因、N 个工作日后的日期、两日之间的工作日数、每周汇总表报送日、已收录的年份及其与暂定日历的差别',
    )
    .usage('<子命令> [选项]');
  const sub = (name: string, description: string) =>
    calendar
      .command(name)
      .description(description)
      .option(...LEDGER_OPTION)
      .option(...JSON_OPTION);
  const run = () => loadCommand('calendar');

  sub('day', '某天（默认今天）是否是工作日，以及原因')
    .argument('[日期...]', '如 2026-10-08')
    .usage('[日期...] [选项]')
    .option(...AS_OF_OPTION)
    .action(async (dates: string[], options) => {
      outcome.code = (await run()).runCalendarDay(dates, options);
    });
  sub('add', '某日之后第 N 个工作日（起始当日不计入，期限至该日 24:00）')
    .argument('<日期>', '起始日期，如 2026-09-30')
    .argument('<N>', '工作日数')
    .usage('<日期> <N> [选项]')
    .action(async (from: string, n: string, options) => {
      outcome.code = (await run()).runCalendarAdd(from, n, options);
    });
  sub('between', '两个日期之间的工作日数（起始当日不计入，截止当日计入）')
    .argument('<起始日期>')
    .argument('<截止日期>')
    .usage('<起始日期> <截止日期> [选项]')
    .action(async (from: string, to: string, options) => {
      outcome.code = (await run()).runCalendarBetween(from, to, options);
    });
  sub('week', '某天（默认今天）所在的一周，以及该周汇总表（附件4）的报送日')
    .argument('[日期]', '如 2026-10-01')
    .usage('[日期] [选项]')
    .option(...AS_OF_OPTION)
    .action(async (date: string | undefined, options) => {
      outcome.code = (await run()).runCalendarWeek(date, options);
    });
  sub('years', '已收录节假日安排的年份及来源，以及如何补充新的一年')
    .usage('[选项]')
    .action(async (options) => {
      outcome.code = (await run()).runCalendarYears(options);
    });
  sub('diff', '某年的现行安排与按法定节假日推算的暂定日历（及内置数据）有哪些天不同')
    .argument('<年份>', '如 2027')
    .usage('<年份> [选项]')
    .action(async (value: string, options) => {
      outcome.code = (await run()).runCalendarDiff(value, options);
    });
};
