import path from 'node:path';
import type { CheckedTime } from '../../core/answers.js';
import { checkItem } from '../../core/checks/item.js';
import { formatItemId, IdsExhausted, idYear } from '../../core/ids.js';
import { officeOf, registrationItem, type Registration } from '../../core/registration.js';
import { EVENT_NAMES } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
import type { Unit } from '../../core/schema/unit.js';
import type { Channel, PartyKind, Scope } from '../../core/schema/vocabulary.js';
import { parseTimestamp } from '../../core/time.js';
import { checkCandidate } from '../../core/workflow/append.js';
import { gitRoot, operationInProgress } from '../../io/git.js';
import { nextFreeIds, usedItemIds } from '../../io/ids.js';
import { loadLedger } from '../../io/load-ledger.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { collect, givenFromOptions, type Given } from '../forms/collect.js';
import {
  REGISTRATION_FIELDS,
  registrationComplete,
  registrationRules,
  type RegisterContext,
} from '../forms/registration.js';
import { formatRegistrationForm } from '../format/registration-form.js';
import { configuredOfficer, configuredUnit } from '../officer.js';
import { ledgerRoot, type LedgerOptions } from '../options.js';
import { Cancelled, canPrompt, terminalPrompter, type Prompter } from '../prompts.js';
import { saveChange, type Saved } from '../save-change.js';
import { ItemFileExists } from '../../io/item-store.js';
import { fileDiagnosticsError, isRecord, readPrepared, type PreparedFile } from './register-file.js';

/**
 * `bbcs register`: 附件3 事项登记表 filled in at the counter. Every answer comes from a flag, a
 * prepared file (--from) or a question in a terminal (the form is ../forms/registration.ts);
 * each is checked as it is given, the form is shown, and only after confirmation is anything
 * written: one new file, one commit. Ctrl-C or "no" at any point leaves the ledger as it was.
 */

export interface RegisterOptions extends Pick<LedgerOptions, 'ledger'> {
  unit?: string;
  party?: string;
  partyKind?: string;
  phone?: string;
  by?: string;
  at?: string;
  title?: string;
  reason?: string;
  scope?: string;
  channel?: string;
  responsibleUnit?: string;
  remark?: string;
  related?: string;
  refuseOnSpot?: boolean;
  legalBasis?: string;
  from?: string;
  yes?: boolean;
  commit?: boolean;
  json?: boolean;
}

/** What the command needs from the outside world, replaceable in tests. */
export interface RegisterIo {
  prompter?: Prompter;
  interactive?: boolean;
  now?: () => number;
  out?: (text: string) => void;
}

interface Session {
  units: Map<string, Unit>;
  now: number;
  interactive: boolean;
  prompter?: Prompter;
  yes: boolean;
}

async function ask(session: Session): Promise<Prompter> {
  session.prompter ??= await terminalPrompter();
  return session.prompter;
}

/** The flags and the prepared file's fields as one set of given answers; the two must agree. */
function givenAnswers(options: RegisterOptions, prepared: PreparedFile | undefined): Record<string, Given> {
  const given: Record<string, Given> = { ...prepared?.answers };
  const flags = givenFromOptions(REGISTRATION_FIELDS, options as Record<string, unknown>);
  for (const field of REGISTRATION_FIELDS) {
    const flag = flags[field.key];
    if (flag === undefined) continue;
    const fromFile = given[field.key];
    if (fromFile && String(fromFile.value).trim() !== String(flag.value).trim()) {
      throw new UsageError(
        `${flag.source} 的值「${String(flag.value)}」与${fromFile.source}「${String(fromFile.value)}」不一致：请只在一处给出${field.label}`,
      );
    }
    given[field.key] = flag;
  }
  if (prepared?.events !== undefined) {
    // 受理人员, 受理时间 and a refusal are the file's first events: a flag would contradict them.
    const clash = ['by', 'at', 'legalBasis', 'refuseOnSpot'].find((key) => flags[key] !== undefined);
    if (clash) {
      throw new UsageError(
        `${flags[clash]!.source} 不能与含有 events 的 --from 文件同用：受理人员、受理时间和当场告知都以文件中的事件为准`,
      );
    }
  }
  return given;
}

/** Collects every answer of 附件3: flags and the prepared file first, then questions for what is missing. */
async function collectRegistration(
  options: RegisterOptions,
  session: Session,
  context: RegisterContext,
  prepared: PreparedFile | undefined,
): Promise<Registration> {
  const answers = await collect(REGISTRATION_FIELDS, givenAnswers(options, prepared), context, {
    prompter: session.interactive ? () => ask(session) : undefined,
    yes: session.yes,
    refused: '没有登记',
    afterGiven: registrationRules,
  });
  registrationComplete(answers, context);
  const refused = answers.refuseOnSpot === true;
  return {
    unit: answers.unit as string,
    party: { name: answers.party as string, kind: answers.partyKind as PartyKind, phone: answers.phone as string },
    by: (answers.by as string | undefined) ?? '',
    at: (answers.at as CheckedTime | undefined)?.iso ?? '',
    title: answers.title as string,
    reason: answers.reason as string,
    scope: answers.scope as Scope,
    channel: answers.channel as Channel,
    ...(answers.responsibleUnit !== undefined ? { responsibleUnit: answers.responsibleUnit as string } : {}),
    ...(answers.remark !== undefined ? { remark: answers.remark as string } : {}),
    ...((answers.related as string[] | undefined)?.length ? { related: answers.related as string[] } : {}),
    ...(refused && answers.legalBasis !== undefined ? { legalBasis: answers.legalBasis as string } : {}),
  };
}

/** The id's year: of 受理时间 in China time (the first event's time for an imported history). */
function yearOf(registration: Registration, events: unknown[] | undefined, now: number): number {
  const first = events?.[0];
  const at = events ? (isRecord(first) && typeof first.at === 'string' ? first.at : undefined) : registration.at;
  const parsed = at === undefined ? undefined : parseTimestamp(at);
  return idYear(parsed?.ok ? parsed.epochMs : now);
}

function buildItem(
  registration: Registration,
  id: string,
  events: unknown[] | undefined,
  session: Session,
  prepared: PreparedFile | undefined,
): Item {
  const base = registrationItem(registration, id);
  const context = { units: session.units, asOf: session.now };
  if (events === undefined) {
    const refused = checkCandidate(base, context);
    if (refused) throw new UsageError(`登记内容未通过检查：${refused.problems.map((d) => d.message).join('；')}`);
    return base;
  }
  const raw = { ...base, events };
  const place = { file: path.basename(prepared!.file), folder: base.unit, stem: id };
  const checked = checkItem(raw, place, context);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !checked.item) throw fileDiagnosticsError(prepared!, errors);
  return checked.item;
}

function summaryOf(item: Item): string {
  const refusal = item.events.find((e) => e.type === 'refused_on_spot');
  const what = `${item.party.name}（${item.party.kind}）“${item.title}”，受理人员 ${item.events[0]?.by ?? ''}`;
  if (refusal?.type === 'refused_on_spot') return `登记并当场告知不能办理：${what}；法律依据：${refusal.legal_basis}`;
  if (item.events.length > 1) return `登记（连同 ${item.events.length - 1} 个后续事件一并录入）：${what}`;
  return `登记：${what}`;
}

export async function runRegister(options: RegisterOptions, io: RegisterIo = {}): Promise<number> {
  const out = io.out ?? ((text: string) => void process.stdout.write(text));
  const root = ledgerRoot(options);
  const now = (io.now ?? Date.now)();
  const repo = gitRoot(root);
  const operation = repo ? operationInProgress(repo) : undefined;
  if (operation && options.commit !== false) {
    throw new UsageError(
      `仓库中有未完成的 git ${operation}：请先解决冲突（工单编号冲突用 bbcs renumber）并完成提交，再登记新事项`,
    );
  }
  const ledger = loadLedger(root, now);
  if (ledger.units.size === 0) throw new UsageError(`台账 ${root} 中没有可用的单位：先用 bbcs unit add 建立单位`);
  const prepared = options.from !== undefined ? readPrepared(options.from, now) : undefined;
  const session: Session = {
    units: ledger.units,
    now,
    interactive: io.interactive ?? canPrompt(),
    ...(io.prompter ? { prompter: io.prompter } : {}),
    yes: options.yes === true,
  };
  const configured = configuredUnit(root);
  const context: RegisterContext = {
    units: ledger.units,
    // Links may point only at items the ledger holds now, as validate's broken-link check demands.
    knownIds: new Set([...usedItemIds(root, { history: false }), ...ledger.items.keys()]),
    now,
    office: officeOf(ledger.units),
    configuredUnit: configured !== undefined && ledger.units.has(configured) ? configured : undefined,
    officer: configuredOfficer(root)?.trim() || undefined,
    importsEvents: prepared?.events !== undefined,
    interactive: session.interactive,
  };

  const registration = await collectRegistration(options, session, context, prepared);
  const events = prepared?.events;
  const year = yearOf(registration, events, now);
  let id: string;
  try {
    // Checked with a placeholder first, so that problems are reported before a number is taken.
    buildItem(registration, formatItemId(registration.unit, year, 0), events, session, prepared);
    id = nextFreeIds(root, registration.unit, year)[0]!;
  } catch (error) {
    if (error instanceof IdsExhausted) throw new UsageError(`工单编号已用尽：${error.message}`);
    throw error;
  }
  let item = buildItem(registration, id, events, session, prepared);
  const showForm = !options.json && (session.interactive || process.stdout.isTTY === true);
  if (showForm) out(`\n${formatRegistrationForm(item, ledger.units)}\n\n`);
  if (session.interactive && !session.yes) {
    const confirmed = await (
      await ask(session)
    ).confirm(
      `确认登记${item.events.some((e) => e.type === 'refused_on_spot') ? '并记录当场告知不能办理' : ''}？`,
      true,
    );
    if (!confirmed) throw new Cancelled('未确认');
  }

  // Another registration in this clone may take the number while the officer is confirming, or
  // even between choosing it and writing: the write never replaces a file, so choose again.
  let saved: Saved | undefined;
  for (let attempt = 0; saved === undefined; attempt++) {
    const fresh = nextFreeIds(root, registration.unit, year)[0]!;
    if (fresh !== id) {
      if (!options.json) out(`注意：工单编号 ${id} 刚被占用，改为 ${fresh}。\n`);
      id = fresh;
      item = buildItem(registration, id, events, session, prepared);
    }
    try {
      saved = saveChange({
        root,
        item,
        step: item.events.some((e) => e.type === 'refused_on_spot') ? 'refused_on_spot' : 'registered',
        summary: summaryOf(item),
        officer: item.events[0]!.by,
        commit: options.commit !== false,
        create: true,
      });
    } catch (error) {
      if (!(error instanceof ItemFileExists) || attempt >= 5) throw error;
    }
  }
  const refused = item.events.some((e) => e.type === 'refused_on_spot');
  if (options.json) {
    out(
      `${JSON.stringify({ id: item.id, file: saved.file, ledgerFile: path.relative(root, saved.file).split(path.sep).join('/'), commit: saved.commit ?? null, warning: saved.warning ?? null }, null, 2)}\n`,
    );
    if (saved.warning) process.stderr.write(`注意：${saved.warning}\n`);
    return EXIT_OK;
  }
  const shown = path.relative(process.cwd(), saved.file) || saved.file;
  out(`已登记，工单编号 ${item.id}${refused ? `（${EVENT_NAMES.refused_on_spot}）` : ''}。\n`);
  out(`已写入 ${shown}${saved.commit ? `，已提交 ${saved.commit.slice(0, 8)}` : ''}。\n`);
  if (saved.warning) process.stderr.write(`注意：${saved.warning}\n`);
  out(`请把工单编号 ${item.id} 告知办理对象${item.party.name}。\n`);
  return EXIT_OK;
}
