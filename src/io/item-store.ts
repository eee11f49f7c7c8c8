import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Item } from '../core/schema/item.js';
import { writeFileAtomic } from './atomic-write.js';
import { formatItem } from './ledger-format.js';

/** Where an item lives: `<ledger>/<unit>/<id>.yaml`. */
export function itemPath(root: string, unit: string, id: string): string {
  return path.join(root, unit, `${id}.yaml`);
}

/** Raised when a new item's file appeared meanwhile (another registration took the number). */
export class ItemFileExists extends Error {}

/**
 * Writes an item in the canonical format, atomically; returns the file's absolute path. A new
 * item (`create`) never replaces a file: its number may just have been taken by someone else.
 */
export function writeItem(root: string, item: Item, create = false): string {
  const file = itemPath(root, item.unit, item.id);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileAtomic(file, formatItem(item), { exclusive: create });
  } catch (error) {
    if (create && (error as NodeJS.ErrnoException).code === 'EEXIST') throw new ItemFileExists(file);
    throw error;
  }
  return file;
}

export function itemExists(root: string, unit: string, id: string): boolean {
  return existsSync(itemPath(root, unit, id));
}
