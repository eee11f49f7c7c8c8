import {
  checkChoice,
  checkNumbered,
  checkOtherItem,
  checkText,
  checkUnitCode,
  checkUnitCodes,
  ok,
} from '../../core/answers.js';
import type { NamedUnit } from '../../core/unit-choice.js';
import type { Choice, Field } from './spec.js';

/**
 * The kinds of answer the forms ask for, each with its check, its widget and how it is shown:
 * a table entry names its kind and says the rest (flag, label, question, when, default).
 */

/** A table entry before its kind is chosen. */
export type Entry<C> = Omit<Field<C>, 'widget' | 'check' | 'show'>;

export interface UnitsContext {
  units: ReadonlyMap<string, NamedUnit & { kind?: string }>;
}

export interface ItemsContext {
  /** Every 工单编号 of the ledger. */
  itemIds: readonly string[];
  /** The item the form is about. */
  item: { id: string };
}

/** Free text, trimmed, not empty. */
export function text<C>(entry: Entry<C>): Field<C> {
  return { ...entry, widget: { kind: 'text' }, check: (raw) => checkText(entry.label, raw) };
}

/** What choosing a value means beyond its name (e.g. the deadline it starts), shown under the choice. */
export type Describe<C> = (value: string, context: C) => string | undefined;

function described<C>(choices: Choice[], context: C, describe: Describe<C> | undefined): Choice[] {
  if (!describe) return choices;
  return choices.map((c) => {
    const description = describe(c.value, context);
    return description === undefined ? c : { ...c, description };
  });
}

/** One word of a closed vocabulary; the option's help lists them. */
export function choice<C>(entry: Entry<C> & { values: readonly string[]; describe?: Describe<C> }): Field<C> {
  const { values, describe, ...rest } = entry;
  return {
    ...rest,
    help: `${entry.help}：${values.join('、')}`,
    widget: {
      kind: 'select',
      choices: (context) =>
        described(
          values.map((v) => ({ value: v, name: v })),
          context,
          describe,
        ),
    },
    check: (raw) => checkChoice(entry.label, values, raw),
  };
}

/** One of the numbered categories of the 管理办法, kept as a number; choices show the meanings. */
export function numbered<C>(
  entry: Entry<C> & { meanings: Readonly<Record<number, string>>; describe?: Describe<C> },
): Field<C> {
  const { meanings, describe, ...rest } = entry;
  const listed = Object.entries(meanings);
  return {
    ...rest,
    help: `${entry.help}：${listed.map(([n, m]) => `${n} ${m}`).join('；')}`,
    widget: {
      kind: 'select',
      choices: (context) =>
        described(
          listed.map(([n, m]) => ({ value: n, name: `${n}  ${m}` })),
          context,
          describe,
        ),
    },
    check: (raw) => checkNumbered(entry.label, meanings, raw),
    show: (value) => `${String(value)} ${meanings[value as number] ?? ''}`,
  };
}

/** A unit as an officer picks it: its name, then its code. */
export function unitChoices(units: Iterable<NamedUnit & { kind?: string }>): Choice[] {
  return [...units].map((u) => ({
    value: u.code,
    name: `${u.name}（${u.code}）`,
    ...(u.kind ? { description: u.kind } : {}),
  }));
}

const unitShown = (code: string, context: UnitsContext) => `${code}（${context.units.get(code)?.name ?? ''}）`;

/** A unit of the ledger, by its code in any case. `mustChoose`: no unit is pre-selected without a default. */
export function unit<C extends UnitsContext>(entry: Entry<C> & { mustChoose?: boolean }): Field<C> {
  const { mustChoose, ...rest } = entry;
  return {
    ...rest,
    widget: {
      kind: 'select',
      choices: (context) => unitChoices(context.units.values()),
      ...(mustChoose ? { mustChoose } : {}),
    },
    check: (raw, context) => checkUnitCode(entry.label, raw, context.units),
    show: (value, context) => unitShown(String(value), context),
  };
}

/** Units of the ledger, comma-separated on the command line, picked one by one in a terminal. */
export function units<C extends UnitsContext>(entry: Entry<C>): Field<C> {
  return {
    ...entry,
    widget: { kind: 'many', choices: (context) => unitChoices(context.units.values()) },
    check: (raw, context) => checkUnitCodes(entry.label, raw, context.units),
    show: (value, context) => (value as string[]).map((code) => unitShown(code, context)).join('、'),
  };
}

/** Another item of the ledger, by its 工单编号 in any case. */
export function otherItem<C extends ItemsContext>(entry: Entry<C>): Field<C> {
  return {
    ...entry,
    widget: { kind: 'text' },
    check: (raw, context) => checkOtherItem(entry.label, raw, context.itemIds, context.item.id),
  };
}

/** Yes or no: `--flag` / `--no-flag`, a confirmation in a terminal. */
export function yesNo<C>(entry: Entry<C>): Field<C> {
  return {
    ...entry,
    widget: { kind: 'yes-no' },
    check: (raw) => ok(['true', '是', 'y', 'yes'].includes(raw.trim().toLowerCase())),
    show: (value) => (value === true ? '是' : '否'),
  };
}
