import path from 'node:path';
import { EVENT_NAMES, type EventType } from '../core/schema/events.js';
import type { Item } from '../core/schema/item.js';
import { commitFiles, gitRoot, GitError } from '../io/git.js';
import { writeItem } from '../io/item-store.js';
import { authorFor } from './officer.js';

/**
 * Every change to an item ends here: one atomic write of the item's file, then one commit of
 * that file alone, authored by the officer, with a message that says what happened:
 *
 *   bbcs: confirmed ZJJ-2026-0007（zjj）科室确认暂时无法办理
 *
 *   <summary>
 *
 *   Bbcs-Step: confirmed
 *   Bbcs-Item: ZJJ-2026-0007
 *   Bbcs-Unit: zjj
 */
export interface Change {
  root: string;
  item: Item;
  step: EventType;
  /** One short Chinese sentence: what was done, for the commit body. */
  summary: string;
  officer: string;
  commit: boolean;
  /** A new item: fail with ItemFileExists rather than replace a file that appeared meanwhile. */
  create?: boolean;
}

export interface Saved {
  file: string;
  commit?: string;
  warning?: string;
}

export function commitMessage(change: Pick<Change, 'item' | 'step' | 'summary' | 'officer'>): string {
  const { item, step, summary, officer } = change;
  return [
    `bbcs: ${step} ${item.id}（${item.unit}）${EVENT_NAMES[step]}`,
    '',
    summary,
    '',
    `Bbcs-Step: ${step}`,
    `Bbcs-Item: ${item.id}`,
    `Bbcs-Unit: ${item.unit}`,
    `Bbcs-Officer: ${officer}`,
  ].join('\n');
}

export function saveChange(change: Change): Saved {
  const file = writeItem(change.root, change.item, change.create === true);
  if (!change.commit) return { file };
  const repo = gitRoot(path.dirname(file));
  if (!repo) return { file, warning: '台账不在 Git 仓库中：文件已写入，但没有提交，也就没有留痕记录。' };
  try {
    const commit = commitFiles(repo, [file], commitMessage(change), authorFor(repo, change.officer));
    return { file, commit };
  } catch (error) {
    if (error instanceof GitError) return { file, warning: `文件已写入，但 Git 提交失败：${error.message}` };
    throw error;
  }
}

/** What the officer sees after a change. */
export function reportSaved(saved: Saved, cwd: string = process.cwd()): void {
  const shown = path.relative(cwd, saved.file) || saved.file;
  process.stdout.write(`已写入 ${shown}${saved.commit ? `，已提交 ${saved.commit.slice(0, 8)}` : ''}。\n`);
  if (saved.warning) process.stderr.write(`注意：${saved.warning}\n`);
}

/**
 * A change to files that are not items (a unit's form, a new ledger), committed the same way:
 * only these files, the officer as author, a structured message:
 *
 *   bbcs: unit-add zjj（区住房和城乡建设局）新增单位
 *
 *   <summary>
 *
 *   Bbcs-Step: unit-add
 *   Bbcs-Unit: zjj
 *   Bbcs-Officer: 王敏
 */
export interface FileChange {
  /** Absolute paths of files already written. */
  files: readonly string[];
  /** The step's code, such as `unit-add` or `init`. */
  step: string;
  /** What follows the step in the subject, such as `zjj（区住房和城乡建设局）新增单位`. */
  title: string;
  summary: string;
  /** Trailers besides Bbcs-Step and Bbcs-Officer, such as `{ 'Bbcs-Unit': 'zjj' }`. */
  trailers?: Record<string, string>;
  officer: string;
}

export function fileChangeMessage(change: Omit<FileChange, 'files'>): string {
  const trailers = { 'Bbcs-Step': change.step, ...change.trailers, 'Bbcs-Officer': change.officer };
  return [
    `bbcs: ${change.step} ${change.title}`,
    '',
    change.summary,
    '',
    ...Object.entries(trailers).map(([k, v]) => `${k}: ${v}`),
  ].join('\n');
}

/** Commits the written files alone; outside Git, or when Git fails, a warning instead. */
export function commitFileChange(change: FileChange): Omit<Saved, 'file'> {
  const repo = gitRoot(path.dirname(change.files[0]!));
  if (!repo) return { warning: '台账不在 Git 仓库中：文件已写入，但没有提交，也就没有留痕记录。' };
  try {
    return { commit: commitFiles(repo, change.files, fileChangeMessage(change), authorFor(repo, change.officer)) };
  } catch (error) {
    if (error instanceof GitError) return { warning: `文件已写入，但 Git 提交失败：${error.message}` };
    throw error;
  }
}
