import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Item } from '../core/schema/item.js';
import { writeFileAtomic } from './atomic-write.js';
import { formatItem } from './ledger-format.js';

/** Where an item lives: `<ledger>/<unit>/<id>.yaml`. */
export function itemPath(root: string, unit: string, id: string): string {
  return path.join(root, unit, `${id}.yaml`);
}

/** Writes an item in the canonical format, atomically; returns the file's absolute path. */
export function writeItem(root: string, item: Item): string {
  const file = itemPath(root, item.unit, item.id);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, formatItem(item));
  return file;
}

export function itemExists(root: string, unit: string, id: string): boolean {
  return existsSync(itemPath(root, unit, id));
}
