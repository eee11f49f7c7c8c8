import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LedgerContext } from '../../core/checks/context.js';
import { checkItem } from '../../core/checks/item.js';
import { chooseKept, IdsExhausted, idsInPath, parseItemId, renumberRemark, type Side } from '../../core/ids.js';
import type { Item } from '../../core/schema/item.js';
import { chinaDate } from '../../core/time.js';
import { checkCandidate } from '../../core/workflow/append.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import {
  conflictedFiles,
  gitAdd,
  gitRoot,
  isTracked,
  operationInProgress,
  remoteBlobs,
  stagedVersion,
  unmergedStages,
  type Operation,
} from '../../io/git.js';
import { nextFreeIds } from '../../io/ids.js';
import { itemPath, writeItem } from '../../io/item-store.js';
import { loadLedger, type LoadedLedger } from '../../io/load-ledger.js';
import { parseYamlSource } from '../../io/yaml-source.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { configuredOfficer } from '../officer.js';
import { commitFileChange } from '../save-change.js';
import { ledgerRoot, type LedgerOptions } from '../options.js';
import { canPrompt, missingFlags, terminalPrompter } from '../prompts.js';

/**
 * `bbcs renumber`: two items under one 工单编号, and one of them gets the next free number.
 *
 * - After `git pull`/`git merge`/`git rebase` stopped on an add/add conflict of an item file
 *   (two clones registered the same next number): the version already in the shared repository
 *   keeps the number and path, the other is written under the next free number with the old
 *   number noted in its 备注; both are staged, and the officer finishes with `git commit`
 *   (or `git rebase --continue`).
 * - `bbcs renumber FILE`: a file whose id duplicates another's (validate's duplicate-id) gets the
 *   next free number and is renamed; one commit.
 */

export interface RenumberOptions extends Pick<LedgerOptions, 'ledger'> {
  keep?: string;
  by?: string;
  commit?: boolean;
  json?: boolean;
}

interface Renumbered {
  from: string;
  to: string;
  /** Ledger-relative paths. */
  file: string;
  newFile: string;
  kept: { id: string; file: string; side?: Side; why?: string };
  party: Item['party'];
  title: string;
  /** Other item files that mention the old number: they may have meant either item. */
  mentionedIn: string[];
}

const rel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

function todayInChina(): string {
  return chinaDate(Date.now());
}

function nextId(root: string, unit: string, year: number, taken: ReadonlySet<string>): string {
  try {
    // The same rule as register: one past the highest number ever used for the unit and year.
    return nextFreeIds(root, unit, year, 1, taken)[0]!;
  } catch (error) {
    if (error instanceof IdsExhausted) throw new UsageError(`${error.message}，无法改号`);
    throw error;
  }
}

/** Item files other than `except` that mention `id` (in related or precedent_item, or anywhere). */
function mentionsOf(ledger: LoadedLedger, id: string, except: readonly string[]): string[] {
  const out: string[] = [];
  for (const { file, item } of ledger.items.values()) {
    if (except.includes(file)) continue;
    const refs = [
      ...(item.related ?? []),
      ...item.events.flatMap((e) => (e.type === 'restarted' && e.precedent_item ? [e.precedent_item] : [])),
    ];
    if (refs.includes(id)) out.push(file);
  }
  return out;
}

function parseItemText(text: string, file: string, context: LedgerContext): { item?: Item; problem?: string } {
  const source = parseYamlSource(file, Buffer.from(text, 'utf8'));
  if (source.value === undefined) return { problem: source.diagnostics[0]?.message ?? '无法读取' };
  const folder = file.split('/')[0] ?? '';
  const stem = path.basename(file, '.yaml');
  const checked = checkItem(source.value, { file, folder, stem }, context);
  if (!checked.item) {
    const first = checked.diagnostics.find((d) => d.severity === 'error');
    return { problem: first?.message ?? '内容不完整' };
  }
  return { item: checked.item };
}

function renumberedItem(item: Item, newId: string): Item {
  return { ...item, id: newId, remark: renumberRemark(item.id, newId, todayInChina(), item.remark) };
}

const SIDE_NAMES: Record<Operation, Record<Side, string>> = {
  merge: { ours: '本机当前分支的', theirs: '合并进来的' },
  rebase: { ours: '共享仓库中的（变基的基础）', theirs: '本机正在重放的提交中的' },
  'cherry-pick': { ours: '当前分支的', theirs: '拣选的提交中的' },
  revert: { ours: '当前分支的', theirs: '撤销产生的' },
};

const FINISH: Record<Operation, string> = {
  merge: 'git commit',
  rebase: 'git rebase --continue',
  'cherry-pick': 'git cherry-pick --continue',
  revert: 'git revert --continue',
};

function resolveConflicts(root: string, repo: string, options: RenumberOptions): number {
  const operation = operationInProgress(repo) ?? 'merge';
  const ledgerRel = path.relative(repo, root).split(path.sep).join('/');
  const inLedger = (file: string) =>
    ledgerRel === '' ? file : file.startsWith(`${ledgerRel}/`) ? file.slice(ledgerRel.length + 1) : undefined;
  const conflicts = conflictedFiles(repo);
  const now = Date.now();
  const ledger = loadLedger(root, now);
  const context: LedgerContext = { units: ledger.units, asOf: now };
  const requested = options.keep === undefined ? undefined : (options.keep as Side);

  const done: Renumbered[] = [];
  const unresolved: { file: string; why: string }[] = [];
  const taken = new Set<string>();
  for (const repoFile of conflicts) {
    const ledgerFile = inLedger(repoFile);
    const stem = ledgerFile !== undefined && ledgerFile.split('/').length === 2 ? idsInPath(ledgerFile)[0] : undefined;
    if (ledgerFile === undefined || stem === undefined) {
      unresolved.push({ file: repoFile, why: '不是事项文件，请手工解决' });
      continue;
    }
    const stages = unmergedStages(repo, repoFile);
    if (stages.has(1) || !stages.has(2) || !stages.has(3)) {
      const why = stages.has(1)
        ? '双方修改了同一个已有事项，不是编号冲突；请手工合并两边的事件'
        : '一方删除了该文件，请手工解决';
      unresolved.push({ file: repoFile, why });
      continue;
    }
    const ours = stagedVersion(repo, repoFile, 2);
    const theirs = stagedVersion(repo, repoFile, 3);
    if (ours === undefined || theirs === undefined) {
      unresolved.push({ file: repoFile, why: '无法读取冲突双方的版本' });
      continue;
    }
    const texts: Record<Side, string> = { ours, theirs };
    const published = remoteBlobs(repo, repoFile);
    const { keep, why } = chooseKept(
      { ours: published.has(stages.get(2)!), theirs: published.has(stages.get(3)!) },
      requested,
    );
    const move: Side = keep === 'ours' ? 'theirs' : 'ours';
    const parsed = parseItemText(texts[move], ledgerFile, context);
    if (!parsed.item) {
      unresolved.push({
        file: repoFile,
        why: `${SIDE_NAMES[operation][move]}版本有错误（${parsed.problem}），无法自动改号；请手工解决`,
      });
      continue;
    }
    const oldId = parsed.item.id;
    const year = parseItemId(oldId)?.year ?? Number(todayInChina().slice(0, 4));
    taken.add(oldId);
    const newId = nextId(root, parsed.item.unit, year, taken);
    taken.add(newId);
    const moved = renumberedItem(parsed.item, newId);
    const refused = checkCandidate(moved, context);
    if (refused) {
      unresolved.push({ file: repoFile, why: `改号后的事项未通过检查（${refused.problems[0]?.message}），请手工解决` });
      continue;
    }
    const keptAbs = path.join(repo, repoFile);
    writeFileAtomic(keptAbs, texts[keep]);
    const newAbs = writeItem(root, moved);
    gitAdd(repo, [keptAbs, newAbs]);
    const keptItem = parseItemText(texts[keep], ledgerFile, context).item;
    done.push({
      from: oldId,
      to: newId,
      file: ledgerFile,
      newFile: rel(root, newAbs),
      kept: { id: keptItem?.id ?? stem, file: ledgerFile, side: keep, why },
      party: moved.party,
      title: moved.title,
      mentionedIn: [],
    });
  }

  if (done.length > 0) {
    const after = loadLedger(root, now);
    for (const r of done) r.mentionedIn = mentionsOf(after, r.from, [r.file, r.newFile]);
  }
  const finish = FINISH[operation];
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ operation, renumbered: done, unresolved, next: unresolved.length === 0 && done.length > 0 ? finish : null }, null, 2)}\n`,
    );
    return unresolved.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  const lines: string[] = [];
  for (const r of done) {
    lines.push(`工单编号冲突：${r.file} 在两边各登记了一个不同的事项。`);
    lines.push(`  保留 ${r.kept.id}：${SIDE_NAMES[operation][r.kept.side!]}事项（${r.kept.why}）。`);
    lines.push(`  改号 ${r.from} → ${r.to}：${r.party.name}“${r.title}”，文件 ${r.newFile}，原编号已记入备注。`);
    lines.push(`  请告知办理对象 ${r.party.name}（${r.party.phone}）新的工单编号 ${r.to}。`);
    if (r.mentionedIn.length > 0)
      lines.push(`  注意：${r.mentionedIn.join('、')} 关联了 ${r.from}，请核对指的是哪一个事项。`);
  }
  for (const u of unresolved) lines.push(`未处理：${u.file}：${u.why}。`);
  if (done.length === 0 && unresolved.length === 0) lines.push('没有冲突的事项文件，不需要改号。');
  else if (unresolved.length === 0) {
    lines.push(
      operation === 'rebase'
        ? `已把两边的文件暂存；运行 ${finish} 继续变基（下一个提交若再出现编号冲突，再运行 bbcs renumber），完成后 git push。`
        : `已把两边的文件暂存；运行 ${finish} 完成${operation === 'merge' ? '合并' : '操作'}，然后 git push。`,
    );
  } else if (done.length > 0) lines.push(`已改号的文件已暂存；解决其余冲突后运行 ${finish}。`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return unresolved.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** No conflict in progress and no file named: say what validate would say about duplicates. */
function reportDuplicates(root: string, options: RenumberOptions): number {
  const ledger = loadLedger(root, Date.now());
  const duplicates = ledger.diagnostics.filter((d) => d.code === 'duplicate-id');
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ renumbered: [], duplicates: duplicates.map((d) => ({ file: d.file, message: d.message })) }, null, 2)}\n`,
    );
    return duplicates.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
  if (duplicates.length === 0) {
    process.stdout.write('没有冲突的事项文件，也没有重复的工单编号，不需要改号。\n');
    return EXIT_OK;
  }
  const lines = [
    '台账中有重复的工单编号：',
    ...duplicates.map((d) => `  ${d.file}：${d.message}`),
    '为后登记的那个事项改号：bbcs renumber <文件>',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_FINDINGS;
}

async function officerFor(root: string, options: RenumberOptions): Promise<string> {
  const given = options.by?.trim() || configuredOfficer(root)?.trim();
  if (given) return given;
  if (!canPrompt()) throw missingFlags(['--by（经办人）']);
  const prompter = await terminalPrompter();
  return (await prompter.input('经办人：', { validate: (v) => (v.trim() === '' ? '经办人不能为空' : true) })).trim();
}

async function renumberFile(root: string, target: string, options: RenumberOptions): Promise<number> {
  const abs = path.resolve(target);
  const ledgerFile = rel(root, abs);
  if (ledgerFile.startsWith('..') || path.isAbsolute(ledgerFile)) throw new UsageError(`${target} 不在台账 ${root} 中`);
  if (!existsSync(abs)) throw new UsageError(`找不到文件 ${target}`);
  const now = Date.now();
  const ledger = loadLedger(root, now);
  const duplicate = ledger.diagnostics.find((d) => d.file === ledgerFile && d.code === 'duplicate-id');
  if (!duplicate)
    throw new UsageError(
      `${ledgerFile} 的工单编号没有与其他事项重复，不需要改号（bbcs renumber 只为重号的事项另取编号）`,
    );
  const context: LedgerContext = { units: ledger.units, asOf: now };
  const parsed = parseItemText(readFileSync(abs, 'utf8'), ledgerFile, context);
  if (!parsed.item)
    throw new UsageError(`${ledgerFile} 有错误（${parsed.problem}），请先修正再改号；运行 bbcs validate 查看全部问题`);
  const item = parsed.item;
  if (!ledger.units.has(item.unit)) throw new UsageError(`${ledgerFile} 的登记单位 ${item.unit} 不在台账中，请先修正`);
  const officer = await officerFor(root, options);
  const year = parseItemId(item.id)?.year ?? Number(todayInChina().slice(0, 4));
  const newId = nextId(root, item.unit, year, new Set([item.id]));
  const moved = renumberedItem(item, newId);
  const refused = checkCandidate(moved, context);
  if (refused)
    throw new UsageError(
      `${ledgerFile} 还有其他错误（${refused.problems[0]?.message}），请先修正再改号；运行 bbcs validate 查看全部问题`,
    );
  const newAbs = itemPath(root, moved.unit, newId);
  if (existsSync(newAbs)) throw new UsageError(`${rel(root, newAbs)} 已存在，无法改号`);

  const repo = gitRoot(root);
  const tracked = repo !== undefined && isTracked(repo, abs);
  writeItem(root, moved);
  rmSync(abs);
  let commit: string | undefined;
  let warning: string | undefined;
  if (options.commit !== false) {
    const others = duplicate.message.replace(/^.*也出现在\s*/, '');
    const saved = commitFileChange({
      files: tracked ? [newAbs, abs] : [newAbs],
      step: 'renumber',
      title: `${item.id} → ${newId}（${moved.unit}）工单编号重复，改号`,
      summary: `${ledgerFile} 的工单编号 ${item.id} 与 ${others} 重复，改为 ${newId}（${rel(root, newAbs)}）；原编号记入备注。`,
      trailers: { 'Bbcs-Item': newId, 'Bbcs-Previous-Item': item.id, 'Bbcs-Unit': moved.unit },
      officer,
    });
    commit = saved.commit;
    warning = saved.warning?.replace('文件已写入', '文件已改号');
  }
  const after = loadLedger(root, now);
  const mentionedIn = mentionsOf(after, item.id, [rel(root, newAbs)]);
  const keptFile = after.items.get(item.id)?.file;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ renumbered: [{ from: item.id, to: newId, file: ledgerFile, newFile: rel(root, newAbs), kept: { id: item.id, file: keptFile ?? null }, party: moved.party, title: moved.title, mentionedIn }], commit: commit ?? null, warning: warning ?? null }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `已改号 ${item.id} → ${newId}：${moved.party.name}“${moved.title}”，文件 ${ledgerFile} → ${rel(root, newAbs)}${commit ? `，已提交 ${commit.slice(0, 8)}` : ''}。`,
      ...(keptFile ? [`${item.id} 仍属于 ${keptFile}。`] : []),
      `请告知办理对象 ${moved.party.name}（${moved.party.phone}）新的工单编号 ${newId}。`,
      ...(mentionedIn.length > 0
        ? [`注意：${mentionedIn.join('、')} 关联了 ${item.id}，请核对指的是哪一个事项。`]
        : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (warning) process.stderr.write(`注意：${warning}\n`);
  return EXIT_OK;
}

export async function runRenumber(file: string | undefined, options: RenumberOptions): Promise<number> {
  if (options.keep !== undefined && options.keep !== 'ours' && options.keep !== 'theirs') {
    throw new UsageError(
      `--keep 应为 ours（保留当前分支一方的编号）或 theirs（保留合并进来一方的编号），不是「${options.keep}」`,
    );
  }
  const root = ledgerRoot(options);
  if (file !== undefined) {
    if (options.keep !== undefined) throw new UsageError('--keep 只用于解决合并冲突，为指定文件改号时不需要');
    return renumberFile(root, file, options);
  }
  const repo = gitRoot(root);
  if (repo && conflictedFiles(repo).length > 0) return resolveConflicts(root, repo, options);
  return reportDuplicates(root, options);
}
