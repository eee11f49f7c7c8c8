import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { maskName, maskPhone } from '../mask.js';
import { EVENT_NAMES, isEventType } from '../schema/events.js';
import { describeField } from '../schema/labels.js';

/**
 * History is append-only (issue 6): between a revision and now, no item file may disappear or
 * move to another unit, no recorded event may change or vanish, no id may be given to a
 * different item, and the registration (附件3) may not be rewritten. Registration fields cannot
 * be corrected in place at all: a mistake is explained in a later event's note, so the record
 * of what was registered stays as it was.
 *
 * Both sides are the raw values of the item files (as YAML parsed them), keyed by their
 * ledger-relative path, so a comparison works even when one side does not pass the other checks.
 */

export interface HistoryDiffInput {
  /** Item files at the earlier revision. */
  before: ReadonlyMap<string, unknown>;
  /** Item files now. */
  after: ReadonlyMap<string, unknown>;
  /** How the earlier revision is named in messages, e.g. `abc1234`. */
  since: string;
  /** Where a change to these files was made, for the message, e.g. `提交 def5678「…」`. */
  changedIn: (files: readonly string[]) => string;
  /** The ledger's folder inside the repository, with a trailing slash (empty at the top), for git commands in hints. */
  repoPrefix?: string;
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return false;
}

function stemOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.yaml$/, '');
}

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
}

/** The id an item file holds, or its file name's when it holds none. */
export function historyIdOf(file: string, value: unknown): string {
  return isRecord(value) && typeof value.id === 'string' ? value.id : stemOf(file);
}

function eventsOf(value: unknown): unknown[] {
  return isRecord(value) && Array.isArray(value.events) ? value.events : [];
}

const CLIP = 30;

/** A value as a message shows it: personal data masked, long text shortened. */
function shown(path: readonly (string | number)[], value: unknown, partyKind: unknown): string {
  if (value === undefined) return '（空）';
  const key = path.join('.');
  if (key === 'party.phone' && typeof value === 'string') return maskPhone(value);
  if (key === 'party.name' && typeof value === 'string' && partyKind !== '企业') return maskName(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.split('\n')[0]!;
  return line.length > CLIP || line !== text ? `${line.slice(0, CLIP)}…` : line;
}

function eventLabel(index: number, event: unknown): string {
  const type = isRecord(event) ? event.type : undefined;
  const name = isEventType(type) ? `「${EVENT_NAMES[type]}」（${type}）` : '';
  return `第 ${index + 1} 个事件${name}`;
}

function restoreHint(input: HistoryDiffInput, file: string): string {
  return `历史只能追加：恢复原来的内容（原文可用 git show ${input.since}:${input.repoPrefix ?? ''}${file} 查看）；新的情况用新的事件追加在末尾记录`;
}

/** Paths of the leaves that differ between two values (one level into maps). */
function differingKeys(a: unknown, b: unknown): string[] {
  if (!isRecord(a) || !isRecord(b)) return [];
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !deepEqual(a[k], b[k]));
}

function eventProblems(file: string, before: unknown, after: unknown, input: HistoryDiffInput): Diagnostic[] {
  const oldEvents = eventsOf(before);
  const newEvents = eventsOf(after);
  const out: Diagnostic[] = [];
  const where = () => input.changedIn([file]);
  let j = 0;
  oldEvents.forEach((old, i) => {
    if (j < newEvents.length && deepEqual(newEvents[j], old)) {
      j++;
      return;
    }
    const later = newEvents.findIndex((e, k) => k > j && deepEqual(e, old));
    if (later !== -1) {
      out.push(
        diagnostic(
          'history-event-changed',
          file,
          ['events', j],
          `在 ${input.since} 已记录的${eventLabel(i, old)}之前插入了 ${later - j} 个事件（${where()}）`,
          '事件只能按发生先后追加在末尾，不能插在已记录的事件之前；把插入的事件移到末尾，或删去',
        ),
      );
      j = later + 1;
      return;
    }
    const next = newEvents[j];
    const sameType = isRecord(next) && isRecord(old) && next.type === old.type;
    if (sameType) {
      const keys = differingKeys(old, next);
      const details = keys.map(
        (k) =>
          `${describeField(['events', k])}由「${shown([k], old[k], undefined)}」改为「${shown([k], next[k], undefined)}」`,
      );
      const key = keys.length === 1 ? [keys[0]!] : [];
      out.push(
        diagnostic(
          'history-event-changed',
          file,
          ['events', j, ...key],
          `在 ${input.since} 已记录的${eventLabel(i, old)}被修改：${details.join('；')}（${where()}）`,
          restoreHint(input, file),
        ),
      );
      j++;
      return;
    }
    const at = isRecord(old) && typeof old.at === 'string' ? `（时间 ${old.at}）` : '';
    out.push(
      diagnostic(
        'history-event-removed',
        file,
        ['events'],
        `在 ${input.since} 已记录的${eventLabel(i, old)}${at}被删除（${where()}）`,
        restoreHint(input, file),
      ),
    );
  });
  return out;
}

/** The registration fields, leaf by leaf: everything but the events and the list of related items. */
function registrationProblems(
  file: string,
  before: Raw,
  after: Raw,
  input: HistoryDiffInput,
  moved: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const partyKind = isRecord(before.party) ? before.party.kind : undefined;
  const report = (path: (string | number)[], old: unknown, now: unknown) => {
    const what =
      now === undefined
        ? `被删除（原为「${shown(path, old, partyKind)}」）`
        : old === undefined
          ? `被添加为「${shown(path, now, partyKind)}」`
          : `由「${shown(path, old, partyKind)}」改为「${shown(path, now, partyKind)}」`;
    out.push(
      diagnostic(
        'history-field-changed',
        file,
        now === undefined ? [] : path,
        `登记信息 ${describeField(path)}${what}（${input.changedIn([file])}）`,
        `登记信息提交后不能改动：恢复为 ${input.since} 时的内容；确有登记错误的，在下一个事件的备注（note）中写明更正`,
      ),
    );
  };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'events' || (moved && key === 'unit')) continue; // a move is reported once, as a move
    const old = before[key];
    const now = after[key];
    if (key === 'related') {
      const kept = Array.isArray(now) ? now : [];
      const lost = (Array.isArray(old) ? old : []).filter((id) => !kept.some((k) => deepEqual(k, id)));
      if (lost.length > 0) report(['related'], lost.join('、'), now === undefined ? undefined : kept.join('、'));
      continue;
    }
    if (deepEqual(old, now)) continue;
    if (key === 'party' && isRecord(old) && isRecord(now)) {
      for (const sub of differingKeys(old, now)) report(['party', sub], old[sub], now[sub]);
      continue;
    }
    report([key], old, now);
  }
  return out;
}

/** Same id, but another matter: both its registration event and its title differ. */
function isOtherItem(before: unknown, after: unknown): boolean {
  if (!isRecord(before) || !isRecord(after)) return false;
  const first = eventsOf(before)[0];
  return first !== undefined && !deepEqual(eventsOf(after)[0], first) && !deepEqual(before.title, after.title);
}

/** Every breach of the append-only rule between the two sides. */
export function compareItemHistory(input: HistoryDiffInput): Diagnostic[] {
  const { before, after, since } = input;
  const afterById = new Map<string, string[]>();
  for (const [file, value] of after) {
    const id = historyIdOf(file, value);
    afterById.set(id, [...(afterById.get(id) ?? []), file]);
  }
  const out: Diagnostic[] = [];
  for (const [oldFile, oldValue] of before) {
    if (!isRecord(oldValue)) continue; // a file that was broken then is judged by its current checks only
    const id = historyIdOf(oldFile, oldValue);
    const title = typeof oldValue.title === 'string' ? `（${shown(['title'], oldValue.title, undefined)}）` : '';
    let newFile: string | undefined =
      after.has(oldFile) && historyIdOf(oldFile, after.get(oldFile)) === id ? oldFile : undefined;
    let moved = false;
    if (newFile === undefined) {
      const holders = afterById.get(id) ?? [];
      if (holders.length === 0 && after.has(oldFile)) {
        newFile = oldFile; // the id itself was rewritten: reported as a changed registration field
      } else if (holders.length === 0) {
        out.push(
          diagnostic(
            'history-item-deleted',
            oldFile,
            [],
            `事项 ${id}${title} 在 ${since} 时存在，现在被删除（${input.changedIn([oldFile])}）`,
            `台账中的事项不能删除：从 ${since} 恢复该文件（git checkout ${since} -- ${input.repoPrefix ?? ''}${oldFile}）；不再办理的事项用事件记录其结果`,
          ),
        );
        continue;
      }
    }
    if (newFile === undefined) {
      newFile = (afterById.get(id) ?? [])[0]!;
      if (folderOf(newFile) !== folderOf(oldFile) && !isOtherItem(oldValue, after.get(newFile))) {
        moved = true;
        out.push(
          diagnostic(
            'history-item-moved',
            newFile,
            ['unit'],
            `事项 ${id}${title} 从单位 ${folderOf(oldFile)} 的目录移到了 ${folderOf(newFile)}（${input.changedIn([oldFile, newFile])}）`,
            `事项登记后始终留在登记单位的目录 ${folderOf(oldFile)}/ 中；交给其他单位办理用区办研判的责任单位（responsible_unit）记录`,
          ),
        );
      }
    }
    const newValue = after.get(newFile);
    if (!isRecord(newValue)) continue; // unreadable now: the ordinary checks say why
    if (isOtherItem(oldValue, newValue)) {
      const how =
        newFile === oldFile
          ? `文件 ${oldFile} 被改写为另一个事项`
          : `该事项被删除后编号又给了 ${newFile} 中的另一个事项`;
      out.push(
        diagnostic(
          'history-id-reused',
          newFile,
          ['id'],
          `工单编号 ${id} 原属事项${title}，${how}（${input.changedIn([...new Set([oldFile, newFile])])}）`,
          `工单编号永不复用：恢复原事项（git checkout ${since} -- ${input.repoPrefix ?? ''}${oldFile}），新事项用 bbcs register 另取编号（或 bbcs renumber 改号）`,
        ),
      );
      continue;
    }
    out.push(
      ...registrationProblems(newFile, oldValue, newValue, input, moved),
      ...eventProblems(newFile, oldValue, newValue, input),
    );
  }
  return out;
}
