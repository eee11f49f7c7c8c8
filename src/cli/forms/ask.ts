import type { Prompter } from '../prompts.js';
import { isRequired, questionOf, type Answers, type Choice, type Field } from './spec.js';

/** Said after the question of a field that may be left empty. */
export const OPTIONAL = '（选填，直接回车跳过）';

/** The value a check kept for an answer the field's own widget produced: the widget offers only valid ones. */
function kept<C>(field: Field<C>, raw: string, context: C, answers: Answers): unknown {
  const checked = field.check(raw, context, answers);
  if (!checked.ok) throw new Error(`${field.key}: the prompt gave an answer its check refuses: ${checked.message}`);
  return checked.value;
}

/**
 * Asks one field in a terminal, checking each typed answer as it is typed (the prompt shows the
 * sentence and asks again). Undefined when an optional field was skipped.
 */
export async function askField<C>(field: Field<C>, context: C, answers: Answers, prompter: Prompter): Promise<unknown> {
  const required = isRequired(field, answers, context);
  const question = questionOf(field, context, answers);
  const offered = field.default?.(context, answers);
  const skippable = (typed: string) => !required && typed.trim() === '';
  switch (field.widget.kind) {
    case 'text': {
      const typed = await prompter.input(`${question}${required ? '' : OPTIONAL}：`, {
        ...(offered !== undefined ? { default: offered } : {}),
        validate: (value) => {
          if (skippable(value)) return true;
          const checked = field.check(value, context, answers);
          return checked.ok ? true : checked.message;
        },
        ...(field.show
          ? {
              echo: (value: string) => {
                const checked = field.check(value, context, answers);
                return checked.ok ? field.show!(checked.value, context) : value;
              },
            }
          : {}),
      });
      return skippable(typed) ? undefined : kept(field, typed, context, answers);
    }
    case 'select': {
      const choices: Choice[] = field.widget.choices(context, answers);
      if (!required) choices.push({ value: '', name: '（不填）' });
      const placeholder = field.widget.mustChoose && offered === undefined ? `（请选择${field.label}）` : undefined;
      const chosen = await prompter.select(
        `${question}：`,
        choices,
        offered,
        placeholder !== undefined ? { placeholder } : {},
      );
      return chosen === '' ? undefined : kept(field, chosen, context, answers);
    }
    case 'many': {
      const all = field.widget.choices(context, answers);
      const chosen: string[] = [];
      for (;;) {
        const rest = all.filter((c) => !chosen.includes(c.value));
        if (rest.length === 0) break;
        if (chosen.length > 0 || !required)
          rest.unshift({ value: '', name: chosen.length > 0 ? '（选好了）' : '（不填）' });
        const shown = chosen.length > 0 ? `（已选 ${chosen.join('、')}）` : '（逐个选择）';
        const answer = await prompter.select(`${question}${shown}：`, rest);
        if (answer === '') break;
        chosen.push(answer);
      }
      return chosen.length > 0 ? kept(field, chosen.join(','), context, answers) : undefined;
    }
    case 'yes-no':
      return prompter.confirm(question, offered === 'true');
  }
}
