import { isOfficeStep } from '../../core/checks/history.js';
import { obligationsOf } from '../../core/deadlines/obligations.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { officeCode } from '../../core/reports/overdue.js';
import { EVENT_NAMES, type EventType, type LedgerEvent } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
import type { CheckedTime } from '../../core/answers.js';
import { formatChinaMinute } from '../../core/time.js';
import { appendEvent } from '../../core/workflow/append.js';
import { derive } from '../../core/workflow/derive.js';
import { STATE_NAMES, type State } from '../../core/workflow/states.js';
import { legalNextSteps, TRANSITIONS, type Situation } from '../../core/workflow/transitions.js';
import type { LoadedLedger } from '../../io/load-ledger.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { collect, givenFromOptions } from '../forms/collect.js';
import type { Answers } from '../forms/spec.js';
import { describeDue } from '../format/standing.js';
import { openLedger, requireItem } from '../ledger-session.js';
import { configuredOfficer, configuredUnit } from '../officer.js';
import { Cancelled, canPrompt, terminalPrompter, type Choice, type Prompter } from '../prompts.js';
import { reportSaved, saveChange } from '../save-change.js';
import { STEP_BY_COMMAND, STEP_BY_TYPE, stepForm, type StepContext, type StepSpec } from '../steps/registry.js';

/**
 * The one implementation behind every step command (confirm, classify, decide, …): check that
 * the step is legal in the item's state before asking anything, collect the step's form (时间,
 * its own fields, 经办人) from flags or questions, check the new event exactly as validate
 * would, show a preview, then write the item atomically and commit that one file.
 */

export interface StepOptions {
  by?: string;
  at?: string;
  note?: string;
  commit?: boolean;
  yes?: boolean;
  ledger?: string;
  json?: boolean;
  [flag: string]: unknown;
}

export interface StepDeps {
  /** Who answers the questions; by default the terminal, when there is one. */
  prompter?: Prompter;
}

/** The terminal's questions, loaded only when one is asked; none where nobody can answer. */
function questioner(deps: StepDeps): (() => Promise<Prompter>) | undefined {
  if (deps.prompter) return () => Promise.resolve(deps.prompter!);
  return canPrompt() ? terminalPrompter : undefined;
}

/** What the step's questions, checks and defaults consult. */
function stepContext(ledger: LoadedLedger, item: Item, now: number): StepContext {
  const last = item.events.at(-1);
  return {
    item,
    units: ledger.units,
    itemIds: [...ledger.items.keys()],
    policy: ledger.policy,
    now,
    ...(last ? { last: { name: EVENT_NAMES[last.type], at: last.at } } : {}),
    officer: configuredOfficer(ledger.root)?.trim() || undefined,
  };
}

const command = (type: EventType, id: string) => {
  const spec = STEP_BY_TYPE.get(type);
  return spec ? `bbcs ${spec.command} ${id}` : undefined;
};

/** The legal next steps as lines an officer can type. */
export function nextStepLines(situation: Situation, id: string): string[] {
  const steps = legalNextSteps(situation).flatMap((type) => {
    const typed = command(type, id);
    return typed ? [{ typed, name: EVENT_NAMES[type] }] : [];
  });
  const width = Math.max(0, ...steps.map((s) => s.typed.length));
  return steps.map((s) => `  ${s.typed.padEnd(width)}  ${s.name}`);
}

function nextStepsJson(situation: Situation, id: string) {
  return legalNextSteps(situation).map((type) => ({
    type,
    name: EVENT_NAMES[type],
    command: command(type, id) ?? null,
  }));
}

function illegalMessage(item: Item, spec: StepSpec, situation: Situation, why?: string): string {
  const lines = nextStepLines(situation, item.id);
  const reason = why && why !== '此状态下不能进行这一步' ? `：${why}` : '';
  const head = `事项 ${item.id} 当前状态为“${STATE_NAMES[situation.state]}”，不能进行“${EVENT_NAMES[spec.type]}”（bbcs ${spec.command}）${reason}。`;
  return lines.length > 0 ? `${head}此时可以进行：\n${lines.join('\n')}` : `${head}此时没有可以进行的步骤。`;
}

/** Why the step is not legal now, or undefined when it is. */
function illegality(spec: StepSpec, situation: Situation): string | undefined {
  if (legalNextSteps(situation).includes(spec.type)) return undefined;
  return TRANSITIONS[situation.state][spec.type]?.forbidden?.(situation) ?? '此状态下不能进行这一步';
}

function problemSentences(problems: readonly Diagnostic[]): string {
  return problems.map((p) => `无法记录这一步：${p.message}${p.hint ? `（${p.hint}）` : ''}`).join('\n');
}

/** Deadlines the new event starts, as the preview lists them: `向当事方反馈：3 个工作日，至 2026-11-09 24:00`. */
function deadlinesStarted(after: Item, ledger: LoadedLedger): string[] {
  const index = after.events.length - 1;
  return obligationsOf(after, ledger.policy, ledger.calendar, officeCode(ledger.units))
    .filter((o) => o.startIndex === index && o.days !== undefined)
    .map((o) => `${o.rule.name}：${o.days} 个工作日，至 ${describeDue(o)}`);
}

function preview(
  spec: StepSpec,
  answers: Answers,
  event: LedgerEvent,
  context: StepContext,
  after: { state: State; deadlines: string[] },
  commit: boolean,
): string {
  const { item } = context;
  const shown = (field: (typeof spec.fields)[number]) => {
    const value = answers[field.key];
    return field.show ? field.show(value, context) : String(value);
  };
  const lines = [
    `将为事项 ${item.id}（${item.title}）记录：${EVENT_NAMES[spec.type]}（${spec.type}）`,
    `  时间：${formatChinaMinute((answers.at as CheckedTime).epochMs)}`,
    `  经办人：${event.by}`,
    ...(event.unit !== undefined ? [`  经办单位：${event.unit}（${context.units.get(event.unit)?.name ?? ''}）`] : []),
    ...spec.fields.filter((f) => answers[f.key] !== undefined).map((f) => `  ${f.label}：${shown(f)}`),
    ...(event.note !== undefined ? [`  备注：${event.note}`] : []),
    ...after.deadlines.map((d) => `  期限：${d}`),
    `  之后的状态：${STATE_NAMES[after.state]}`,
    commit ? '  写入后提交到 Git' : '  只写入文件，不提交到 Git（--no-commit）',
  ];
  return lines.join('\n');
}

export async function runStep(
  commandName: string,
  id: string,
  options: StepOptions,
  deps: StepDeps = {},
): Promise<number> {
  const spec = STEP_BY_COMMAND.get(commandName);
  if (!spec) throw new Error(`unknown step command ${commandName}`);
  const { ledger, asOf: now } = openLedger({ ...(options.ledger !== undefined ? { ledger: options.ledger } : {}) });
  const { item } = requireItem(ledger, id);
  const { situation } = derive(item.channel, item.events);

  // Legal here at all? Say so before asking anything.
  const why = illegality(spec, situation);
  if (why !== undefined) throw new UsageError(illegalMessage(item, spec, situation, why));

  const prompter = questioner(deps);
  const context = stepContext(ledger, item, now);
  const form = stepForm(spec);
  const answers = await collect(form, givenFromOptions(form, options), context, {
    prompter,
    yes: options.yes === true,
  });
  const { at, by, note, ...own } = answers;

  // The 区办's own steps name the 区办 as the unit that recorded them (validate requires it).
  const office = isOfficeStep({ type: spec.type, led_by: own.led_by })
    ? [...ledger.units.values()].find((u) => u.kind === '区办')?.code
    : undefined;
  const event = {
    type: spec.type,
    at: (at as CheckedTime).iso,
    by,
    ...(office !== undefined ? { unit: office } : {}),
    ...own,
    ...(note !== undefined ? { note } : {}),
  } as LedgerEvent;
  const result = appendEvent(item, event, { units: ledger.units, asOf: now });
  if (!result.ok) {
    if (result.kind === 'illegal') throw new UsageError(illegalMessage(item, spec, situation, result.why));
    throw new UsageError(problemSentences(result.problems));
  }
  const commit = options.commit !== false;
  if (prompter && !options.yes) {
    const after = { state: result.state, deadlines: deadlinesStarted(result.item, ledger) };
    process.stdout.write(`${preview(spec, answers, event, context, after, commit)}\n`);
    if (!(await (await prompter()).confirm('确认写入？', true))) throw new Cancelled('已取消');
  }

  const saved = saveChange({
    root: ledger.root,
    item: result.item,
    step: spec.type,
    summary: spec.summary(own, context),
    officer: String(by),
    commit,
  });
  const after = derive(result.item.channel, result.item.events).situation;
  if (options.json) {
    if (saved.warning) process.stderr.write(`注意：${saved.warning}\n`);
    process.stdout.write(
      `${JSON.stringify(
        {
          id: item.id,
          file: saved.file,
          commit: saved.commit ?? null,
          event,
          state: after.state,
          stateName: STATE_NAMES[after.state],
          nextSteps: nextStepsJson(after, item.id),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT_OK;
  }
  reportSaved(saved);
  const lines = nextStepLines(after, item.id);
  process.stdout.write(
    `事项 ${item.id} 现在的状态：${STATE_NAMES[after.state]}\n${lines.length > 0 ? `接下来可以进行：\n${lines.join('\n')}` : '此后没有可以进行的步骤。'}\n`,
  );
  return EXIT_OK;
}

export interface NextOptions {
  ledger?: string;
  json?: boolean;
}

/**
 * The step `next` offers first: the one that ends the item's running deadline due soonest, if
 * it can be taken now — and not a 区办 step for an officer of another unit. Undefined when no
 * deadline runs: then nothing is offered first, and the officer chooses.
 */
export function dueFirst(
  item: Item,
  ledger: Pick<LoadedLedger, 'policy' | 'calendar' | 'units'>,
  situation: Situation,
  officerUnit: string | undefined,
): string | undefined {
  const office = officeCode(ledger.units);
  const legal = legalNextSteps(situation);
  const running = obligationsOf(item, ledger.policy, ledger.calendar, office)
    .filter((o) => o.ended === undefined && o.due !== undefined)
    .sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : a.startedAt - b.startedAt));
  for (const obligation of running) {
    for (const stop of obligation.rule.stop) {
      const spec = STEP_BY_TYPE.get(stop.event);
      if (!spec || !legal.includes(stop.event)) continue;
      if (officerUnit !== undefined && officerUnit !== office && isOfficeStep({ type: stop.event })) continue;
      return spec.command;
    }
  }
  return undefined;
}

/** `bbcs next ID`: where the item stands and what can be done now; in a terminal, do it. */
export async function runNext(id: string, options: NextOptions, deps: StepDeps = {}): Promise<number> {
  const { ledger } = openLedger({ ...(options.ledger !== undefined ? { ledger: options.ledger } : {}) });
  const { item } = requireItem(ledger, id);
  const { situation } = derive(item.channel, item.events);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ id: item.id, state: situation.state, stateName: STATE_NAMES[situation.state], nextSteps: nextStepsJson(situation, item.id) }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  const lines = nextStepLines(situation, item.id);
  process.stdout.write(
    `事项 ${item.id}（${item.title}）当前状态：${STATE_NAMES[situation.state]}\n${lines.length > 0 ? `可以进行的步骤：\n${lines.join('\n')}` : '此时没有可以进行的步骤。'}\n`,
  );
  const prompter = deps.prompter ?? (canPrompt() ? await terminalPrompter() : undefined);
  if (!prompter || lines.length === 0) return EXIT_OK;
  const choices: Choice<string>[] = legalNextSteps(situation).flatMap((type) => {
    const spec = STEP_BY_TYPE.get(type);
    return spec
      ? [{ value: spec.command, name: `${EVENT_NAMES[type]}（bbcs ${spec.command}）`, description: spec.description }]
      : [];
  });
  choices.push({ value: '', name: '暂不办理' });
  const due = dueFirst(item, ledger, situation, configuredUnit(ledger.root));
  const chosen = await prompter.select('选择要进行的步骤：', choices, due, { placeholder: '（请选择要进行的步骤）' });
  if (chosen === '') return EXIT_OK;
  return runStep(
    chosen,
    item.id,
    { ...(options.ledger !== undefined ? { ledger: options.ledger } : {}) },
    { prompter },
  );
}
