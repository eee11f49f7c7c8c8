import { isOfficeStep } from '../../core/checks/history.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import { EVENT_NAMES, type EventType, type LedgerEvent } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
import { closestWord, scalarText } from '../../core/text.js';
import { formatChinaMinute, formatChinaTimestamp, parseTimestamp } from '../../core/time.js';
import { describeTimeProblem, parseEnteredTime } from '../../core/time-input.js';
import { appendEvent } from '../../core/workflow/append.js';
import { derive } from '../../core/workflow/derive.js';
import { STATE_NAMES, type State } from '../../core/workflow/states.js';
import { legalNextSteps, TRANSITIONS, type Situation } from '../../core/workflow/transitions.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { openLedger, requireItem } from '../ledger-session.js';
import { configuredOfficer } from '../officer.js';
import { Cancelled, canPrompt, missingFlags, terminalPrompter, type Choice, type Prompter } from '../prompts.js';
import { reportSaved, saveChange } from '../save-change.js';
import {
  applies,
  flagName,
  isRequired,
  optionKey,
  STEP_BY_COMMAND,
  STEP_BY_TYPE,
  type Draft,
  type StepContext,
  type StepField,
  type StepSpec,
} from '../steps/registry.js';

/**
 * The one implementation behind every step command (confirm, classify, decide, …): check that
 * the step is legal in the item's state before asking anything, take each field from its flag
 * or ask for it in a terminal, check the new event exactly as validate would, show a preview,
 * then write the item atomically and commit that one file.
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

/** What parsing a field's value may consult. */
export interface FieldContext extends StepContext {
  /** Every 工单编号 in the ledger. */
  itemIds: readonly string[];
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function unitProblem(code: string, context: FieldContext): string {
  const known = [...context.units.keys()];
  const suggestion = closestWord(code, known);
  if (suggestion)
    return `的值「${code}」不是台账中的单位：是不是 ${suggestion}（${context.units.get(suggestion)?.name}）？`;
  return `的值「${code}」不是台账中的单位：台账中的单位有 ${known.map((c) => `${c}（${context.units.get(c)?.name}）`).join('、')}`;
}

/** Reads one answer, from a flag or a prompt; the problem completes a sentence about the field. */
export function parseFieldValue(field: StepField, raw: string, context: FieldContext): Parsed {
  const value = raw.trim();
  if (value === '') return { ok: false, problem: '不能为空' };
  switch (field.kind) {
    case 'text':
      return { ok: true, value };
    case 'choice':
      return field.values.includes(value)
        ? { ok: true, value }
        : { ok: false, problem: `的值「${value}」不在可选范围内：可选 ${field.values.join('、')}` };
    case 'number': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (Object.hasOwn(field.meanings, n)) return { ok: true, value: n };
      return {
        ok: false,
        problem: `的值「${value}」不在可选范围内：可选 ${Object.entries(field.meanings)
          .map(([k, m]) => `${k}（${m}）`)
          .join('、')}`,
      };
    }
    case 'unit': {
      const code = value.toLowerCase();
      return context.units.has(code) ? { ok: true, value: code } : { ok: false, problem: unitProblem(value, context) };
    }
    case 'units': {
      const codes = [
        ...new Set(
          value
            .split(/[,，、\s]+/)
            .filter(Boolean)
            .map((c) => c.toLowerCase()),
        ),
      ];
      const unknown = codes.find((c) => !context.units.has(c));
      if (unknown !== undefined) return { ok: false, problem: unitProblem(unknown, context) };
      return codes.length > 0 ? { ok: true, value: codes } : { ok: false, problem: '不能为空' };
    }
    case 'item': {
      const id = context.itemIds.find((i) => i.toLowerCase() === value.toLowerCase());
      if (id === undefined) return { ok: false, problem: `的值「${value}」不是台账中的工单编号` };
      if (id === context.item.id) return { ok: false, problem: '不能是本事项自己' };
      return { ok: true, value: id };
    }
  }
}

const OPTIONAL = '（选填，直接回车跳过）';

async function ask(field: StepField, context: FieldContext, draft: Draft, prompter: Prompter): Promise<unknown> {
  const required = isRequired(field, draft);
  const suggested = field.suggest?.(context);
  const validate = (answer: string): string | true => {
    if (!required && answer.trim() === '') return true;
    const parsed = parseFieldValue(field, answer, context);
    return parsed.ok ? true : `${field.label}${parsed.problem}`;
  };
  switch (field.kind) {
    case 'text':
    case 'item': {
      const answer = await prompter.input(`${field.question}${required ? '' : OPTIONAL}：`, {
        ...(suggested ? { default: suggested } : {}),
        validate,
      });
      if (answer.trim() === '') return undefined;
      const parsed = parseFieldValue(field, answer, context);
      return parsed.ok ? parsed.value : undefined;
    }
    case 'choice': {
      const choices: Choice<string>[] = field.values.map((v) => ({ value: v, name: v }));
      if (!required) choices.push({ value: '', name: '（不填）' });
      const answer = await prompter.select(`${field.question}：`, choices, suggested);
      return answer === '' ? undefined : answer;
    }
    case 'number': {
      const choices = Object.entries(field.meanings).map(([n, meaning]) => ({ value: n, name: `${n}  ${meaning}` }));
      return Number(await prompter.select(`${field.question}：`, choices, suggested));
    }
    case 'unit': {
      const choices: Choice<string>[] = [...context.units.values()].map((u) => ({
        value: u.code,
        name: `${u.code}  ${u.name}`,
      }));
      if (!required) choices.push({ value: '', name: '（不指定）' });
      const answer = await prompter.select(`${field.question}：`, choices, suggested);
      return answer === '' ? undefined : answer;
    }
    case 'units': {
      const chosen: string[] = [];
      for (;;) {
        const rest = [...context.units.values()].filter((u) => !chosen.includes(u.code));
        if (rest.length === 0) break;
        const choices: Choice<string>[] = rest.map((u) => ({ value: u.code, name: `${u.code}  ${u.name}` }));
        if (chosen.length > 0 || !required)
          choices.unshift({ value: '', name: chosen.length > 0 ? '（选好了）' : '（不填）' });
        const answer = await prompter.select(
          `${field.question}${chosen.length > 0 ? `（已选 ${chosen.join('、')}）` : '（逐个选择）'}：`,
          choices,
        );
        if (answer === '') break;
        chosen.push(answer);
      }
      return chosen.length > 0 ? chosen : undefined;
    }
  }
}

/**
 * The step's own fields, in order: each from its flag, else asked (with a prompter), else
 * reported missing when required. A flag for a field that does not apply is refused.
 */
export async function collectFields(
  spec: StepSpec,
  context: FieldContext,
  given: Readonly<Record<string, unknown>>,
  prompter?: Prompter,
): Promise<{ draft: Draft; missing: string[] }> {
  const draft: Draft = {};
  const missing: string[] = [];
  for (const field of spec.fields) {
    const raw = given[optionKey(field)];
    if (typeof raw === 'string') {
      if (!applies(field, draft))
        throw new UsageError(`${flagName(field)}（${field.label}）只在${field.appliesWhen ?? '适用时'}填写`);
      const parsed = parseFieldValue(field, raw, context);
      if (!parsed.ok) throw new UsageError(`${flagName(field)}（${field.label}）${parsed.problem}`);
      draft[field.key] = parsed.value;
      continue;
    }
    if (!applies(field, draft)) continue;
    if (prompter) {
      const value = await ask(field, context, draft, prompter);
      if (value !== undefined) draft[field.key] = value;
    } else if (isRequired(field, draft)) {
      missing.push(field.flag);
    }
  }
  return { draft, missing };
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

function displayValue(field: StepField, value: unknown, context: StepContext): string {
  if (field.kind === 'number') return `${String(value)} ${field.meanings[value as number] ?? ''}`;
  if (field.kind === 'unit') return `${String(value)}（${context.units.get(String(value))?.name ?? ''}）`;
  if (field.kind === 'units')
    return (value as string[]).map((c) => `${c}（${context.units.get(c)?.name ?? ''}）`).join('、');
  return String(value);
}

function preview(spec: StepSpec, event: Draft, context: StepContext, next: State, commit: boolean): string {
  const { item } = context;
  const at = parseTimestamp(String(event.at));
  const lines = [
    `将为事项 ${item.id}（${item.title}）记录：${EVENT_NAMES[spec.type]}（${spec.type}）`,
    `  时间：${at.ok ? formatChinaMinute(at.epochMs) : String(event.at)}`,
    `  经办人：${String(event.by)}`,
    ...(event.unit !== undefined
      ? [`  经办单位：${scalarText(event.unit)}（${context.units.get(scalarText(event.unit))?.name ?? ''}）`]
      : []),
    ...spec.fields
      .filter((f) => event[f.key] !== undefined)
      .map((f) => `  ${f.label}：${displayValue(f, event[f.key], context)}`),
    ...(event.note !== undefined ? [`  备注：${scalarText(event.note)}`] : []),
    `  之后的状态：${STATE_NAMES[next]}`,
    commit ? '  写入后提交到 Git' : '  只写入文件，不提交到 Git（--no-commit）',
  ];
  return lines.join('\n');
}

function textOption(options: StepOptions, name: 'by' | 'note', label: string): string | undefined {
  if (options[name] === undefined) return undefined;
  const value = String(options[name]).trim();
  if (value === '')
    throw new UsageError(`--${name}（${label}）不能为空${name === 'note' ? '；不需要备注时不写 --note' : ''}`);
  return value;
}

function stepTime(options: StepOptions, item: Item, now: number): number {
  const last = item.events[item.events.length - 1];
  const lastAt = last ? parseTimestamp(last.at) : undefined;
  if (options.at === undefined) return now;
  const entered = parseEnteredTime(options.at);
  if (!entered.ok) throw new UsageError(`--at（时间）${describeTimeProblem(options.at, entered.problem)}`);
  if (entered.epochMs > now) {
    throw new UsageError(
      `--at（时间）${formatChinaMinute(entered.epochMs)} 晚于当前时间 ${formatChinaMinute(now)}：不能预先记录尚未发生的步骤`,
    );
  }
  if (last && lastAt?.ok && entered.epochMs < lastAt.epochMs) {
    throw new UsageError(
      `--at（时间）${formatChinaMinute(entered.epochMs)} 早于该事项上一个事件“${EVENT_NAMES[last.type]}”的时间 ${formatChinaMinute(lastAt.epochMs)}：事件按发生先后记录`,
    );
  }
  return entered.epochMs;
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

  const prompter = deps.prompter ?? (canPrompt() ? await terminalPrompter() : undefined);
  const context: FieldContext = { item, units: ledger.units, itemIds: [...ledger.items.keys()] };
  const at = stepTime(options, item, now);
  const note = textOption(options, 'note', '备注');
  const missing: string[] = [];
  let officer = textOption(options, 'by', '经办人') ?? configuredOfficer(ledger.root);
  if (officer === undefined && !prompter) missing.push('--by <经办人>');

  const { draft, missing: missingFields } = await collectFields(spec, context, options, prompter);
  missing.push(...missingFields);
  if (missing.length > 0) throw missingFlags(missing);
  if (officer === undefined && prompter) {
    officer = (
      await prompter.input('经办人姓名：', { validate: (v) => (v.trim() === '' ? '经办人不能为空' : true) })
    ).trim();
  }
  if (officer === undefined) throw missingFlags(['--by <经办人>']);

  // The 区办's own steps name the 区办 as the unit that recorded them (validate requires it).
  const office = isOfficeStep({ type: spec.type, led_by: draft.led_by })
    ? [...ledger.units.values()].find((u) => u.kind === '区办')?.code
    : undefined;
  const event = {
    type: spec.type,
    at: formatChinaTimestamp(at),
    by: officer,
    ...(office !== undefined ? { unit: office } : {}),
    ...draft,
    ...(note !== undefined ? { note } : {}),
  } as LedgerEvent;
  const result = appendEvent(item, event, { units: ledger.units, asOf: now });
  if (!result.ok) {
    if (result.kind === 'illegal') throw new UsageError(illegalMessage(item, spec, situation, result.why));
    throw new UsageError(problemSentences(result.problems));
  }
  const commit = options.commit !== false;
  if (prompter && !options.yes) {
    process.stdout.write(`${preview(spec, event, context, result.state, commit)}\n`);
    if (!(await prompter.confirm('确认写入？', true))) throw new Cancelled('已取消');
  }

  const saved = saveChange({
    root: ledger.root,
    item: result.item,
    step: spec.type,
    summary: spec.summary(event, context),
    officer,
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
  const chosen = await prompter.select('选择要进行的步骤：', choices);
  if (chosen === '') return EXIT_OK;
  return runStep(
    chosen,
    item.id,
    { ...(options.ledger !== undefined ? { ledger: options.ledger } : {}) },
    { prompter },
  );
}
