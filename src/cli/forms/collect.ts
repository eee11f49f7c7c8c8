import { UsageError } from '../errors.js';
import { missingFlags, type Prompter } from '../prompts.js';
import { askField } from './ask.js';
import { belongs, flagName, isAsked, isRequired, optionKey, type Answers, type Field } from './spec.js';

/** An answer given before any question, and where it came from, for messages naming the right place. */
export interface Given {
  value: string | boolean;
  /** The flag (`--phone`), or another place (`--from 文件中的 party.phone`). */
  source: string;
}

export interface CollectSetup<C> {
  /** The terminal's questions, loaded when the first is asked; none where nobody can be asked. */
  prompter?: (() => Promise<Prompter>) | undefined;
  /** --yes: defaults taken and optional fields skipped without asking. */
  yes?: boolean | undefined;
  /** What the command did not do, for the list of wrong answers: `没有登记`. */
  refused?: string;
  /**
   * Rules between answers, run once every given answer is checked and before any question:
   * may refuse (UsageError) or settle answers that others decide (`answers.unit = office`).
   */
  afterGiven?: (answers: Answers, context: C) => void;
}

/** The given answers of a form from commander's options: each field's flag, by its option key. */
export function givenFromOptions<C>(
  fields: readonly Field<C>[],
  options: Readonly<Record<string, unknown>>,
): Record<string, Given> {
  const given: Record<string, Given> = {};
  for (const field of fields) {
    const value = options[optionKey(field)];
    if (typeof value === 'string' || typeof value === 'boolean') given[field.key] = { value, source: flagName(field) };
  }
  return given;
}

function wrongAnswers(wrong: readonly string[], refused: string): UsageError {
  if (wrong.length === 1) return new UsageError(wrong[0] ?? '');
  return new UsageError(`${wrong.length} 项填写有误，${refused}：\n  ${wrong.join('\n  ')}`);
}

/**
 * Every answer of a form. First each given answer is checked, in the table's order, and every
 * wrong one is named at once, before any question: an officer fixing a script's flags should not
 * find them one run at a time. Then, in the same order, each field the form still needs is taken
 * from its default (where nobody can be asked, or with --yes), asked in a terminal, or named as
 * a missing flag — all of them in one message.
 */
export async function collect<C>(
  fields: readonly Field<C>[],
  given: Readonly<Record<string, Given>>,
  context: C,
  setup: CollectSetup<C> = {},
): Promise<Answers> {
  const answers: Answers = {};
  /** Optional fields given as empty: answered with nothing, and not asked. */
  const leftEmpty = new Set<string>();
  const wrong: string[] = [];
  for (const field of fields) {
    const g = given[field.key];
    if (g === undefined) continue;
    const raw = String(g.value);
    if (raw.trim() === '' && !isRequired(field, answers, context)) {
      leftEmpty.add(field.key);
      continue;
    }
    const checked = field.check(raw, context, answers);
    if (checked.ok) answers[field.key] = checked.value;
    else wrong.push(`${g.source}：${checked.message}`);
  }
  if (wrong.length > 0) throw wrongAnswers(wrong, setup.refused ?? '没有写入任何内容');
  setup.afterGiven?.(answers, context);

  const missing: string[] = [];
  let prompter: Prompter | undefined;
  for (const field of fields) {
    const answered = Object.hasOwn(answers, field.key) || leftEmpty.has(field.key);
    if (!belongs(field, answers, context)) {
      const g = given[field.key];
      if (answered && g !== undefined) {
        throw new UsageError(`${g.source}（${field.label}）只在${field.whenText ?? '适用时'}填写`);
      }
      delete answers[field.key];
      continue;
    }
    if (answered) continue;
    const required = isRequired(field, answers, context);
    const canAsk = setup.prompter !== undefined && isAsked(field, answers, context);
    const offered = field.default?.(context, answers);
    if (offered !== undefined && field.assumed && (!canAsk || setup.yes)) {
      const checked = field.check(offered, context, answers);
      if (checked.ok) {
        answers[field.key] = checked.value;
        continue;
      }
    }
    if (!canAsk || (setup.yes && !required)) {
      if (required) missing.push(`${flagName(field)}（${field.label}）`);
      continue;
    }
    // Nothing is asked once something is known to be missing: the list comes first.
    if (missing.length > 0) continue;
    prompter ??= await setup.prompter!();
    const value = await askField(field, context, answers, prompter);
    if (value !== undefined) answers[field.key] = value;
  }
  if (missing.length > 0) throw missingFlags(missing);
  return answers;
}
