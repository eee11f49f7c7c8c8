import { Cancelled, UsageError } from './errors.js';

export { Cancelled };

/**
 * The one place that asks questions. Every question has a flag; without a terminal nothing is
 * asked and the missing flags are named, so scripts and CI never hang on a prompt. The prompt
 * library is loaded only when a question is really asked.
 */

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export interface InputOptions {
  default?: string;
  validate?: (value: string) => string | true;
  /** The accepted answer as it will be kept, shown in place of what was typed (`12月1日 9:30` → `2026-12-01 09:30`). */
  echo?: (value: string) => string;
}

export interface SelectOptions {
  /**
   * Shown first, where the cursor starts, when there is no default: a line that cannot be chosen,
   * so that Enter alone chooses nothing and the person must pick.
   */
  placeholder?: string;
}

export interface Prompter {
  input(message: string, options?: InputOptions): Promise<string>;
  select<T extends string>(
    message: string,
    choices: readonly Choice<T>[],
    defaultValue?: T,
    options?: SelectOptions,
  ): Promise<T>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
}

export function canPrompt(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/** Raised when answers are missing and there is no one to ask. */
export function missingFlags(flags: readonly string[]): UsageError {
  return new UsageError(`缺少必填项，且当前不是交互式终端，无法提问：请用 ${flags.join('、')} 提供`);
}

function isExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

async function guarded<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (isExit(error)) throw new Cancelled('已取消');
    throw error;
  }
}

/** The prompt library's own words in Chinese: the key help under a list, and yes/no (y/n still work). */
const SELECT_THEME = {
  style: { keysHelpTip: () => '↑↓ 选择 • 回车 确定' },
  i18n: { disabledError: '请先用 ↑↓ 选择一项，再按回车' },
};
const CONFIRM_THEME = { keywords: { yes: '是', no: '否', error: () => '请回答“是”或“否”（也可按 y 或 n）' } };

export async function terminalPrompter(): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  return {
    input: (message, options = {}) =>
      guarded(() =>
        inquirer.input({
          message,
          ...(options.default !== undefined ? { default: options.default } : {}),
          ...(options.validate ? { validate: options.validate } : {}),
          ...(options.echo
            ? { transformer: (value: string, { isFinal }) => (isFinal ? options.echo!(value) : value) }
            : {}),
        }),
      ),
    select: <T extends string>(
      message: string,
      choices: readonly Choice<T>[],
      defaultValue?: T,
      options: SelectOptions = {},
    ) =>
      guarded(() =>
        inquirer.select<T>({
          message,
          choices:
            options.placeholder !== undefined && defaultValue === undefined
              ? [{ value: '' as T, name: options.placeholder, disabled: ' ' }, ...choices]
              : [...choices],
          ...(defaultValue !== undefined ? { default: defaultValue } : {}),
          pageSize: 12,
          theme: SELECT_THEME,
        }),
      ),
    confirm: (message, defaultValue = true) =>
      guarded(() => inquirer.confirm({ message, default: defaultValue, theme: CONFIRM_THEME })),
  };
}
