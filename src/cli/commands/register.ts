import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkItem } from '../../core/checks/item.js';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.js';
import { formatItemId, IdsExhausted, idYear } from '../../core/ids.js';
import {
  CHANNEL_ORDER,
  checkChannel,
  checkPartyKind,
  checkPhoneAnswer,
  checkRegistrationTime,
  checkRelated,
  checkScope,
  checkText,
  checkUnit,
  officeOf,
  registrationItem,
  type Check,
  type Registration,
} from '../../core/registration.js';
import { EVENT_NAMES } from '../../core/schema/events.js';
import type { Item } from '../../core/schema/item.js';
import type { Unit } from '../../core/schema/unit.js';
import { CHANNELS, PARTY_KINDS, SCOPES } from '../../core/schema/vocabulary.js';
import { closestWord } from '../../core/text.js';
import { parseEnteredTime } from '../../core/time-input.js';
import { formatChinaMinute, formatChinaTimestamp, parseTimestamp } from '../../core/time.js';
import { checkCandidate } from '../../core/workflow/append.js';
import { gitRoot, operationInProgress } from '../../io/git.js';
import { nextFreeIds, usedItemIds } from '../../io/ids.js';
import { loadLedger } from '../../io/load-ledger.js';
import { MAX_FILE_BYTES } from '../../io/ledger-scan.js';
import { parseYamlSource, type YamlSource } from '../../io/yaml-source.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { formatText } from '../format/diagnostics.js';
import { formatRegistrationForm } from '../format/registration-form.js';
import { configuredOfficer, configuredUnit } from '../officer.js';
import { ledgerRoot, type LedgerOptions } from '../options.js';
import { Cancelled, canPrompt, missingFlags, terminalPrompter, type Choice, type Prompter } from '../prompts.js';
import { saveChange, type Saved } from '../save-change.js';
import { ItemFileExists } from '../../io/item-store.js';

/**
 * `bbcs register`: 附件3 事项登记表 filled in at the counter. Every answer comes from a flag, a
 * prepared file (--from) or a question in a terminal; each is checked as it is given, the form is
 * shown, and only after confirmation is anything written: one new file, one commit. Ctrl-C or
 * "no" at any point leaves the ledger as it was.
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

type Key =
  | 'unit'
  | 'party'
  | 'partyKind'
  | 'phone'
  | 'by'
  | 'at'
  | 'title'
  | 'reason'
  | 'scope'
  | 'channel'
  | 'responsibleUnit'
  | 'remark'
  | 'related'
  | 'legalBasis';

interface FieldSpec {
  flag: string;
  label: string;
  /** Where the answer sits in a --from file. */
  fileKey?: readonly string[];
}

const FIELDS: Record<Key, FieldSpec> = {
  unit: { flag: '--unit', label: '登记单位', fileKey: ['unit'] },
  party: { flag: '--party', label: '办理对象', fileKey: ['party', 'name'] },
  partyKind: { flag: '--party-kind', label: '办理对象类型', fileKey: ['party', 'kind'] },
  phone: { flag: '--phone', label: '联系电话', fileKey: ['party', 'phone'] },
  by: { flag: '--by', label: '受理人员' },
  at: { flag: '--at', label: '受理时间' },
  title: { flag: '--title', label: '受理事项名称', fileKey: ['title'] },
  reason: { flag: '--reason', label: '“办不成事”原因', fileKey: ['reason'] },
  scope: { flag: '--scope', label: '适用范围', fileKey: ['scope'] },
  channel: { flag: '--channel', label: '来源渠道', fileKey: ['channel'] },
  responsibleUnit: { flag: '--responsible-unit', label: '责任单位', fileKey: ['responsible_unit'] },
  remark: { flag: '--remark', label: '备注', fileKey: ['remark'] },
  related: { flag: '--related', label: '关联事项', fileKey: ['related'] },
  legalBasis: { flag: '--legal-basis', label: '法律依据' },
};

/** Keys a --from file may have, and where its fields go. */
const FILE_TOP_KEYS = [
  'unit',
  'party',
  'title',
  'reason',
  'remark',
  'scope',
  'channel',
  'responsible_unit',
  'related',
  'events',
] as const;
const FILE_PARTY_KEYS = ['name', 'kind', 'phone'] as const;

/** An answer and where it came from, for messages that name the right place. */
interface Given {
  value: string;
  source: string;
}

interface PreparedFile {
  file: string;
  source: YamlSource;
  answers: Partial<Record<Key, Given>>;
  events?: unknown[];
}

/** A wrong answer, named by where it came from: the flag, or the --from file's field. */
function flagProblem(flag: string, source: string, message: string): string {
  return source === flag ? `${flag}：${message}` : `${source}：${message}`;
}

function required<T>(check: Check<T>, flag: string, source: string): T {
  if (!check.ok) throw new UsageError(flagProblem(flag, source, check.message));
  return check.value;
}

function fileDiagnosticsError(prepared: PreparedFile, problems: Diagnostic[]): UsageError {
  const located = problems.map((d) => prepared.source.locate({ ...d, file: path.basename(prepared.file) }));
  const ctx = { root: path.dirname(prepared.file), cwd: process.cwd() };
  process.stderr.write(`${located.map((d) => formatText(d, ctx)).join('\n\n')}\n\n`);
  return new UsageError(
    `--from 文件 ${path.relative(process.cwd(), prepared.file) || prepared.file} 有 ${problems.length} 个问题（见上），没有登记`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A prepared item: the form's fields as in an item file, without id; events optional. */
function readPrepared(fromPath: string): PreparedFile {
  const file = path.resolve(fromPath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `--from：无法读取文件 ${fromPath}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new UsageError(
      `--from：文件 ${fromPath} 有 ${Math.ceil(bytes.length / 1024)} KB，超过台账文件的上限 ${MAX_FILE_BYTES / 1024} KB：一个事项的登记内容不会这么大，请检查是否选错了文件`,
    );
  }
  const name = path.basename(file);
  const source = parseYamlSource(name, bytes);
  const prepared: PreparedFile = { file, source, answers: {} };
  const errors = source.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || source.value === undefined) throw fileDiagnosticsError(prepared, errors);
  const value = source.value;
  if (!isRecord(value)) {
    throw new UsageError(`--from 文件 ${fromPath} 的顶层应是“字段: 值”的映射，如 title: 受理事项名称`);
  }
  const problems: Diagnostic[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'id') {
      problems.push({
        ...diagnostic(
          'unknown-field',
          name,
          ['id'],
          '准备登记的文件中不要写 id（工单编号）',
          '工单编号由 bbcs register 在登记时分配；删除这一行',
        ),
        atKey: true,
      });
    } else if (!(FILE_TOP_KEYS as readonly string[]).includes(key)) {
      const guess = closestWord(key, FILE_TOP_KEYS);
      problems.push({
        ...diagnostic(
          'unknown-field',
          name,
          [key],
          `未知字段「${key}」`,
          guess ? `是不是想写 ${guess}？` : `可写的字段：${FILE_TOP_KEYS.join('、')}`,
        ),
        atKey: true,
      });
    }
  }
  if (value.party !== undefined && !isRecord(value.party)) {
    problems.push(
      diagnostic(
        'invalid-value',
        name,
        ['party'],
        '办理对象（party）应是包含 name、kind、phone 的映射',
        '写成 party: 下面缩进两格的 name: …、kind: 企业或群众、phone: …',
      ),
    );
  } else if (isRecord(value.party)) {
    for (const key of Object.keys(value.party)) {
      if (!(FILE_PARTY_KEYS as readonly string[]).includes(key)) {
        const guess = closestWord(key, FILE_PARTY_KEYS);
        problems.push({
          ...diagnostic(
            'unknown-field',
            name,
            ['party', key],
            `未知字段「party.${key}」`,
            guess ? `是不是想写 ${guess}？` : `办理对象下可写：${FILE_PARTY_KEYS.join('、')}`,
          ),
          atKey: true,
        });
      }
    }
  }
  for (const [key, spec] of Object.entries(FIELDS) as [Key, FieldSpec][]) {
    if (!spec.fileKey) continue;
    let raw: unknown = value;
    for (const segment of spec.fileKey) raw = isRecord(raw) ? raw[segment] : undefined;
    if (raw === undefined || raw === null) continue;
    const where = `--from 文件中的 ${spec.fileKey.join('.')}`;
    if (key === 'related') {
      if (!Array.isArray(raw) || raw.some((r) => typeof r !== 'string')) {
        problems.push(
          diagnostic(
            'invalid-value',
            name,
            ['related'],
            '关联事项（related）应是工单编号的列表',
            '写成 related: 下面每行“- ZJJ-2026-0001”',
          ),
        );
      } else prepared.answers.related = { value: raw.join(','), source: where };
      continue;
    }
    if (typeof raw === 'string' || typeof raw === 'number')
      prepared.answers[key] = { value: String(raw), source: where };
    else
      problems.push(
        diagnostic(
          'invalid-value',
          name,
          spec.fileKey,
          `${spec.label}（${spec.fileKey.join('.')}）应是一段文字`,
          '写在冒号后面的同一行',
        ),
      );
  }
  if (value.events !== undefined) {
    if (!Array.isArray(value.events) || value.events.length === 0) {
      problems.push(
        diagnostic(
          'invalid-value',
          name,
          ['events'],
          '处理过程（events）应是事件的列表，第一个是 registered',
          '不写 events 时由 --by、--at 或提问得到受理人员和受理时间',
        ),
      );
    } else {
      // Times as officers type them are accepted here too, and stored as the ledger stores them.
      prepared.events = value.events.map((event: unknown) => {
        if (!isRecord(event) || typeof event.at !== 'string') return event;
        const parsed = parseEnteredTime(event.at);
        return parsed.ok ? { ...event, at: formatChinaTimestamp(parsed.epochMs) } : event;
      });
    }
  }
  if (problems.length > 0) throw fileDiagnosticsError(prepared, problems);
  return prepared;
}

interface Session {
  root: string;
  units: Map<string, Unit>;
  knownIds: Set<string>;
  now: number;
  interactive: boolean;
  prompter?: Prompter;
  yes: boolean;
}

async function ask(session: Session): Promise<Prompter> {
  if (!session.prompter) session.prompter = await terminalPrompter();
  return session.prompter;
}

const asValidator =
  <T>(check: (value: string) => Check<T>) =>
  (value: string): string | true => {
    const result = check(value);
    return result.ok ? true : result.message;
  };

function unitChoices(units: Iterable<Unit>): Choice<string>[] {
  return [...units].map((u) => ({ value: u.code, name: `${u.name}（${u.code}）`, description: u.kind }));
}

/** Collects every answer: flags and the prepared file first, then questions for what is missing. */
async function collect(
  options: RegisterOptions,
  session: Session,
  prepared: PreparedFile | undefined,
): Promise<{ registration: Registration; events?: unknown[] }> {
  const { units, now } = session;
  const given: Partial<Record<Key, Given>> = { ...prepared?.answers };
  for (const [key, spec] of Object.entries(FIELDS) as [Key, FieldSpec][]) {
    const flagValue = options[key as keyof RegisterOptions];
    if (typeof flagValue !== 'string') continue;
    const fromFile = given[key];
    if (fromFile && fromFile.value.trim() !== flagValue.trim()) {
      throw new UsageError(
        `${spec.flag} 的值「${flagValue}」与${fromFile.source}「${fromFile.value}」不一致：请只在一处给出${spec.label}`,
      );
    }
    given[key] = { value: flagValue, source: spec.flag };
  }
  const importsEvents = prepared?.events !== undefined;
  if (importsEvents) {
    const clash =
      (['by', 'at', 'legalBasis'] as const).find((k) => given[k]) ??
      (options.refuseOnSpot !== undefined ? 'refuse' : undefined);
    if (clash) {
      const flag = clash === 'refuse' ? '--refuse-on-spot' : FIELDS[clash].flag;
      throw new UsageError(
        `${flag} 不能与含有 events 的 --from 文件同用：受理人员、受理时间和当场告知都以文件中的事件为准`,
      );
    }
  }

  // Every given answer is checked before any question is asked, and every wrong one is named
  // at once: an officer fixing a script's flags should not find them one run at a time.
  const wrong: string[] = [];
  const check = <T>(key: Key, checker: (value: string) => Check<T>): T | undefined => {
    const g = given[key];
    if (g === undefined) return undefined;
    const result = checker(g.value);
    if (result.ok) return result.value;
    wrong.push(flagProblem(FIELDS[key].flag, g.source, result.message));
    return undefined;
  };
  const office = officeOf(units);
  let unit = check('unit', (v) => checkUnit(v, units));
  let party = check('party', (v) => checkText('办理对象', v));
  let partyKind = check('partyKind', checkPartyKind);
  let phone = check('phone', checkPhoneAnswer);
  let by = check('by', (v) => checkText('受理人员', v));
  let at = check('at', (v) => checkRegistrationTime(v, now))?.iso;
  let title = check('title', (v) => checkText('受理事项名称', v));
  let reason = check('reason', (v) => checkText('“办不成事”原因', v));
  let scope = check('scope', checkScope);
  let channel = check('channel', checkChannel);
  let responsibleUnit = check('responsibleUnit', (v) => checkUnit(v, units));
  let remark = given.remark && given.remark.value.trim() !== '' ? given.remark.value.trim() : undefined;
  const related = check('related', (v) => checkRelated([v], session.knownIds));
  let legalBasis = check('legalBasis', (v) => checkText('法律依据', v));
  if (wrong.length === 1) throw new UsageError(wrong[0]);
  if (wrong.length > 1) throw new UsageError(`${wrong.length} 项填写有误，没有登记：\n  ${wrong.join('\n  ')}`);
  let refuse = options.refuseOnSpot;

  const collected = () => channel === '区办收集';
  const requireOffice = (): Unit => {
    if (!office) throw new UsageError('台账中没有类型为“区办”的单位，无法登记区办收集的事项');
    return office;
  };
  if (collected()) {
    const code = requireOffice().code;
    if (unit !== undefined && unit !== code) {
      throw new UsageError(
        `区办收集的事项登记在区办（${code}）名下：--unit 应为 ${code} 或不写，责任单位用 --responsible-unit ${unit} 指定`,
      );
    }
    unit = code;
    if (refuse) throw new UsageError('区办收集的事项不适用“当场告知不能办理”（--refuse-on-spot）：由区办研判后处理');
  }
  if (legalBasis !== undefined && refuse === false)
    throw new UsageError('--legal-basis 只用于当场告知不能办理的情形，不能与 --no-refuse-on-spot 同用');
  if (legalBasis !== undefined && refuse === undefined && !session.interactive) {
    throw new UsageError(
      '--legal-basis 须与 --refuse-on-spot 一起使用：明显违反法律法规、当场告知不能办理时才写法律依据',
    );
  }
  if (legalBasis !== undefined) refuse = true;

  const configured = configuredUnit(session.root)?.toLowerCase();
  const defaultUnit = configured !== undefined && units.has(configured) ? configured : undefined;
  const defaultOfficer = configuredOfficer(session.root)?.trim() || undefined;
  const defaultAt = formatChinaTimestamp(now);

  if (!session.interactive) {
    unit ??= defaultUnit;
    if (!importsEvents) {
      by ??= defaultOfficer;
      at ??= defaultAt;
    }
    const missing: string[] = [];
    const need = (value: unknown, key: Key) =>
      value === undefined && missing.push(`${FIELDS[key].flag}（${FIELDS[key].label}）`);
    need(unit, 'unit');
    need(party, 'party');
    need(partyKind, 'partyKind');
    need(phone, 'phone');
    if (!importsEvents) need(by, 'by');
    need(title, 'title');
    need(reason, 'reason');
    need(scope, 'scope');
    need(channel, 'channel');
    if (collected()) need(responsibleUnit, 'responsibleUnit');
    if (refuse) need(legalBasis, 'legalBasis');
    if (missing.length > 0) throw missingFlags(missing);
  } else {
    const p = () => ask(session);
    const skipDefaults = session.yes;
    if (unit === undefined) {
      unit =
        skipDefaults && defaultUnit
          ? defaultUnit
          : await (await p()).select('登记单位：', unitChoices(units.values()), defaultUnit);
    }
    party ??= (
      await (
        await p()
      ).input('办理对象（企业名称或群众姓名）：', { validate: asValidator((v) => checkText('办理对象', v)) })
    ).trim();
    partyKind ??= await (
      await p()
    ).select(
      '办理对象类型：',
      PARTY_KINDS.map((k) => ({ value: k, name: k })),
    );
    phone ??= (await (await p()).input('联系电话：', { validate: asValidator(checkPhoneAnswer) })).trim();
    if (!importsEvents) {
      if (by === undefined) {
        by =
          skipDefaults && defaultOfficer
            ? defaultOfficer
            : (
                await (
                  await p()
                ).input('受理人员：', {
                  ...(defaultOfficer ? { default: defaultOfficer } : {}),
                  validate: asValidator((v) => checkText('受理人员', v)),
                })
              ).trim();
      }
      if (at === undefined) {
        if (skipDefaults) at = defaultAt;
        else {
          const typed = await (
            await p()
          ).input('受理时间（北京时间，如 2026-03-02 09:30）：', {
            default: formatChinaMinute(now),
            validate: asValidator((v) => checkRegistrationTime(v, now)),
          });
          at = required(checkRegistrationTime(typed, now), '--at', '受理时间').iso;
        }
      }
    }
    title ??= (
      await (await p()).input('受理事项名称：', { validate: asValidator((v) => checkText('受理事项名称', v)) })
    ).trim();
    reason ??= (
      await (await p()).input('“办不成事”原因：', { validate: asValidator((v) => checkText('“办不成事”原因', v)) })
    ).trim();
    scope ??= await (
      await p()
    ).select(
      '适用范围（《管理办法》第三条）：',
      (Object.entries(SCOPES) as [keyof typeof SCOPES, string][]).map(([value, meaning]) => ({
        value,
        name: `（${value}）${meaning}`,
      })),
    );
    if (channel === undefined) {
      const offered = CHANNEL_ORDER.filter((value) => value !== '区办收集' || unit === office?.code);
      channel = await (
        await p()
      ).select(
        '来源渠道：',
        offered.map((value) => ({ value, name: value, description: CHANNELS[value] })),
        unit === office?.code ? '区办收集' : '窗口',
      );
    }
    if (collected()) {
      const code = requireOffice().code;
      if (unit !== code) throw new UsageError(`区办收集的事项登记在区办（${code}）名下，不能登记在 ${unit} 名下`);
      responsibleUnit ??= await (
        await p()
      ).select('责任单位（区办收集的事项由区办指定责任单位反馈）：', unitChoices(units.values()));
    }
    if (remark === undefined && given.remark === undefined && !skipDefaults) {
      const typed = (await (await p()).input('备注（选填，直接回车跳过）：')).trim();
      remark = typed === '' ? undefined : typed;
    }
    if (!importsEvents && !collected()) {
      if (refuse === undefined)
        refuse = skipDefaults ? false : await (await p()).confirm('明显违反法律法规、当场告知不能办理？', false);
      if (refuse && legalBasis === undefined) {
        legalBasis = (
          await (
            await p()
          ).input('不能办理的法律依据（法律法规名称及条款）：', {
            validate: asValidator((v) => checkText('法律依据', v)),
          })
        ).trim();
      }
    }
  }
  if (collected() && refuse)
    throw new UsageError('区办收集的事项不适用“当场告知不能办理”（--refuse-on-spot）：由区办研判后处理');
  if (!importsEvents && !refuse) legalBasis = undefined;

  const registration: Registration = {
    unit: unit!,
    party: { name: party!, kind: partyKind!, phone: phone! },
    by: by ?? '',
    at: at ?? '',
    title: title!,
    reason: reason!,
    scope: scope!,
    channel: channel!,
    ...(responsibleUnit !== undefined ? { responsibleUnit } : {}),
    ...(remark !== undefined ? { remark } : {}),
    ...(related?.length ? { related } : {}),
    ...(legalBasis !== undefined ? { legalBasis } : {}),
  };
  return importsEvents ? { registration, events: prepared.events! } : { registration };
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
  const prepared = options.from !== undefined ? readPrepared(options.from) : undefined;
  const session: Session = {
    root,
    units: ledger.units,
    // Links may point only at items the ledger holds now, as validate's broken-link check demands.
    knownIds: new Set([...usedItemIds(root, { history: false }), ...ledger.items.keys()]),
    now,
    interactive: io.interactive ?? canPrompt(),
    ...(io.prompter ? { prompter: io.prompter } : {}),
    yes: options.yes === true,
  };

  const { registration, events } = await collect(options, session, prepared);
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
