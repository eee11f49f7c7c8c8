import type { Command } from 'commander';
import type { Check } from '../../core/answers.js';

/**
 * One form engine for every command that asks (register, unit add, init, every step, and the
 * ones to come): a form is a table of fields, and each field says everything about one answer —
 * its flag, its label, its question, how it is checked, what is offered by default and when it
 * is asked. `collect()` (./collect.ts) turns a table into flags read, answers checked, questions
 * asked; the command declarations turn it into commander options. Adding a field is adding an
 * entry (docs/architecture.md has the recipe).
 *
 * This module and the tables are read when the program starts (to declare the options), so they
 * import only light modules: no zod, no prompt library, no file system.
 */

/** The answers so far, by field key, as the checks returned them. */
export type Answers = Record<string, unknown>;

export interface Choice {
  /** What the check receives when this is chosen. */
  value: string;
  name: string;
  description?: string;
}

/** How a field is asked in a terminal. */
export type Widget<C> =
  | { kind: 'text' }
  /** One of the choices; `mustChoose`: nothing is pre-selected unless the field has a default. */
  | { kind: 'select'; choices: (context: C, answers: Answers) => Choice[]; mustChoose?: boolean }
  /** Several of the choices, one after another; given on the command line separated by commas. */
  | { kind: 'many'; choices: (context: C, answers: Answers) => Choice[] }
  /** Yes or no: `--flag` and `--no-flag`. */
  | { kind: 'yes-no' };

export interface Field<C> {
  /** Where the answer goes in the collected answers. */
  key: string;
  /** The option as commander reads it, e.g. `--party <名称或姓名>`; a yes/no field has no value: `--refuse-on-spot`. */
  flag: string;
  /** What the form calls it (from src/core/schema/labels.ts): in messages, previews and lists of missing flags. */
  label: string;
  /** The option's help. */
  help: string;
  /** The help of `--no-…` for a yes/no field. */
  negatedHelp?: string;
  /** The question in a terminal, without the closing colon. */
  question: string | ((context: C, answers: Answers) => string);
  widget: Widget<C>;
  /** The answer as typed or given, checked: the value to keep, or one sentence naming the field. */
  check: (raw: string, context: C, answers: Answers) => Check<unknown>;
  /** The kept value as a person reads it (previews, the echo after a typed answer). */
  show?: (value: unknown, context: C) => string;
  /** The answer offered first in a terminal (pre-filled or pre-selected). */
  default?: (context: C, answers: Answers) => string | undefined;
  /** The default is taken without asking where nobody can be asked, and with --yes. */
  assumed?: boolean;
  /** Whether the form needs an answer (default: yes). */
  required?: boolean | ((answers: Answers, context: C) => boolean);
  /** Whether the field belongs to the form given the other answers (default: always); a flag for it is refused otherwise. */
  when?: (answers: Answers, context: C) => boolean;
  /** When the field belongs, for the message refusing its flag elsewhere: `办理意见为 1–3 时`. */
  whenText?: string;
  /** Whether a terminal asks for it when no flag gave it (default: yes; optional fields are skipped with --yes). */
  asked?: boolean | ((answers: Answers, context: C) => boolean);
  /** Where the answer sits in a prepared file (`register --from`), e.g. `['party', 'phone']`. */
  fileKey?: readonly string[];
}

/** `--consent-by <分管领导>` → `--consent-by`. */
export function flagName(field: Pick<Field<never>, 'flag'>): string {
  return field.flag.split(' ')[0]!;
}

/** The property commander stores the option under: `--consent-by` → `consentBy`. */
export function optionKey(field: Pick<Field<never>, 'flag'>): string {
  return flagName(field)
    .slice(2)
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Declares a form's fields as options of a command, in the table's order. */
export function declareFields<C>(command: Command, fields: readonly Field<C>[]): Command {
  for (const field of fields) {
    command.option(field.flag, field.help);
    if (field.widget.kind === 'yes-no') command.option(`--no-${flagName(field).slice(2)}`, field.negatedHelp ?? '');
  }
  return command;
}

export function questionOf<C>(field: Field<C>, context: C, answers: Answers): string {
  return typeof field.question === 'function' ? field.question(context, answers) : field.question;
}

export function isRequired<C>(field: Field<C>, answers: Answers, context: C): boolean {
  const { required = true } = field;
  return typeof required === 'function' ? required(answers, context) : required;
}

export function belongs<C>(field: Field<C>, answers: Answers, context: C): boolean {
  return field.when ? field.when(answers, context) : true;
}

export function isAsked<C>(field: Field<C>, answers: Answers, context: C): boolean {
  const { asked = true } = field;
  return typeof asked === 'function' ? asked(answers, context) : asked;
}
