/** commander prints English; officers read Chinese. Its help titles and errors, translated. */
export const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

const PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [
    /^error: unknown option '([^']*)'(?:\n\(Did you mean (.*)\?\))?/,
    (flag, maybe) => `未知选项 ${flag}${maybe ? `，是不是想用 ${maybe}？` : ''}`,
  ],
  [
    /^error: unknown command '([^']*)'(?:\n\(Did you mean (.*)\?\))?/,
    (name, maybe) => `未知命令 ${name}${maybe ? `，是不是想用 ${maybe}？` : ''}`,
  ],
  [/^error: missing required argument '([^']*)'/, (name) => `缺少参数 ${name}`],
  [/^error: option '([^']*)' argument missing/, (flags) => `选项 ${flags} 后面需要一个值`],
  [/^error: required option '([^']*)' not specified/, (flags) => `缺少必填选项 ${flags}`],
  [/^error: too many arguments(?: for '([^']*)')?/, (name) => `参数过多${name ? `（命令 ${name}）` : ''}`],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\.?\s*(.*)/,
    (flags, value, why) => `选项 ${flags} 的值「${value}」不合法${why ? `：${why}` : ''}`,
  ],
];

export function translateCommanderMessage(message: string): string {
  for (const [pattern, render] of PATTERNS) {
    const m = pattern.exec(message.trim());
    if (m) {
      const sentence = render(...m.slice(1).map((g) => g ?? ''));
      return `bbcs: ${sentence}${sentence.endsWith('？') ? '' : '。'}用 bbcs --help 查看用法。\n`;
    }
  }
  return `bbcs: ${message.replace(/^error: /, '')}`;
}
