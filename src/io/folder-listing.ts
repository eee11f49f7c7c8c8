import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { SIGNATURE_FIELDS } from './file-signature.js';

/**
 * One folder's entries, sorted by name, each with its kind and — when asked for — the stat
 * signature of a plain file (ino, size, mtimeMs, ctimeMs: see file-signature.ts). Listing and
 * statting a unit folder in one go lets two threads share a large ledger's folders (see
 * folder-threads.ts). The folder worker loads only this and file-signature.ts.
 */

export const ENTRY_FILE = 1;
export const ENTRY_DIRECTORY = 2;
export const ENTRY_SYMLINK = 3;
export const ENTRY_OTHER = 4;
/** Listed, then gone before it could be statted: read later, it is reported as unreadable. */
export const ENTRY_GONE = 5;

export interface FolderListing {
  /** Sorted as JavaScript compares strings; names starting with a dot are left out. */
  names: string[];
  kinds: Uint8Array<ArrayBuffer>;
  /** Per entry, as file-signature.ts lays out a table of signatures; ino NaN for what is not a plain file. */
  signatures?: Float64Array<ArrayBuffer>;
  /** The error code when the folder could not be read (names then empty). */
  error?: string;
}

/** What a directory entry or an lstat says of a file (undefined: it was gone by then). */
function kindOf(entry: Pick<Dirent, 'isSymbolicLink' | 'isDirectory' | 'isFile'> | undefined): number {
  if (!entry) return ENTRY_GONE;
  if (entry.isSymbolicLink()) return ENTRY_SYMLINK;
  if (entry.isDirectory()) return ENTRY_DIRECTORY;
  return entry.isFile() ? ENTRY_FILE : ENTRY_OTHER;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const failure = (error: unknown): FolderListing => ({
  names: [],
  kinds: new Uint8Array(0),
  error: (error as NodeJS.ErrnoException).code ?? String(error),
});

/**
 * Lists `dir`. Without signatures the kinds come from the directory itself; with them every
 * entry is lstat'ed — the one system call per file a warm run cannot avoid — which also gives its kind.
 */
export function listFolder(dir: string, withSignatures: boolean): FolderListing {
  if (!withSignatures) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
    } catch (error) {
      return failure(error);
    }
    entries.sort((a, b) => byName(a.name, b.name));
    return { names: entries.map((e) => e.name), kinds: Uint8Array.from(entries, (e) => kindOf(e)) };
  }
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => !name.startsWith('.'));
  } catch (error) {
    return failure(error);
  }
  names.sort(byName);
  const kinds = new Uint8Array(names.length);
  const signatures = new Float64Array(names.length * SIGNATURE_FIELDS);
  for (let i = 0; i < names.length; i++) {
    // Joined by hand: path.join's normalising, once per file of a large ledger, shows in a warm run.
    const stats = lstatSync(`${dir}/${names[i]}`, { throwIfNoEntry: false });
    const kind = kindOf(stats);
    kinds[i] = kind;
    const at = i * SIGNATURE_FIELDS;
    if (kind !== ENTRY_FILE) {
      signatures[at] = NaN;
      continue;
    }
    signatures[at] = stats!.ino;
    signatures[at + 1] = stats!.size;
    signatures[at + 2] = stats!.mtimeMs;
    signatures[at + 3] = stats!.ctimeMs;
  }
  return { names, kinds, signatures };
}

/** Folders shared between threads: each takes the next by a shared counter. */
export interface FolderTask {
  /** Absolute paths. */
  dirs: string[];
  withSignatures: boolean;
  /** [next folder to take]. */
  counter: Int32Array;
  /** 1 once a folder's listing has been handed over. */
  done: Int32Array;
}

/** Takes folders until none is left, handing each listing to `take`. */
export function takeFolders(task: FolderTask, take: (index: number, listing: FolderListing) => void): void {
  for (let i = Atomics.add(task.counter, 0, 1); i < task.dirs.length; i = Atomics.add(task.counter, 0, 1)) {
    take(i, listFolder(task.dirs[i]!, task.withSignatures));
    Atomics.store(task.done, i, 1);
    Atomics.notify(task.done, i);
  }
}
