import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { allocateIds, idsInPath, idsInText } from '../core/ids.js';
import { gitRoot, pathsInHistory } from './git.js';

/**
 * Every 工单编号 this clone knows to be taken: files in the ledger (also broken ones, also files
 * with merge conflict markers), the ids they claim inside, and every item file that Git history
 * ever held (in any branch, including fetched remote branches), so that a number is never given
 * twice, even after its file was removed. `history: false` gives only what the ledger holds now.
 */
export function usedItemIds(root: string, options: { history?: boolean } = {}): Set<string> {
  const used = new Set<string>();
  let folders: string[];
  try {
    folders = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name);
  } catch {
    return used;
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(path.join(root, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      for (const id of idsInPath(name)) used.add(id);
      if (!name.endsWith('.yaml') || name === 'unit.yaml') continue;
      const file = path.join(root, folder, name);
      try {
        if (!statSync(file).isFile() || statSync(file).size > 1024 * 1024) continue;
        for (const id of idsInText(readFileSync(file, 'utf8'))) used.add(id);
      } catch {
        // unreadable files are validate's business
      }
    }
  }
  const repo = options.history === false ? undefined : gitRoot(root);
  if (repo) for (const file of pathsInHistory(repo, realpathSync(root))) for (const id of idsInPath(file)) used.add(id);
  return used;
}

/** The next free ids for a unit and year in this ledger, never one used before. */
export function nextFreeIds(
  root: string,
  unit: string,
  year: number,
  count = 1,
  alsoUsed: Iterable<string> = [],
): string[] {
  const used = usedItemIds(root);
  for (const id of alsoUsed) used.add(id);
  return allocateIds(used, unit, year, count);
}
