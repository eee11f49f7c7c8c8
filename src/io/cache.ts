import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostics.js';
import type { ItemCheck } from '../core/checks/item.js';

/**
 * What checking one item file found, kept between runs so that a large ledger is not parsed and
 * checked again file by file. An entry is found only by the SHA-1 of the file's bytes together
 * with its path, the ledger's units (codes and names, which the item checks consult) and the
 * program itself (a fingerprint of its code): whatever changes a file — an edit, a same-size
 * rewrite with the old mtime restored, a checkout, a pull — changes its key, so no stale entry
 * can ever be found. The one input not in the key is "now" (--as-of): an entry is stored only
 * when none of the item's events lies after "now", and used only while that still holds.
 *
 * The cache lives in the repository's Git directory (see cacheDirFor), or outside Git in
 * <ledger>/.bbcs-cache/ (with its own .gitignore; the ledger scan skips dot-folders). It is written to a temporary file and renamed into place, so
 * two bbcs processes never see half a file; an unreadable, corrupt or other-version cache is
 * ignored and rebuilt. BBCS_NO_CACHE=1 (or --no-cache) bypasses it entirely.
 */

export const CACHE_DIR = '.bbcs-cache';
const CACHE_FILE = 'items.json';
const FORMAT = 2;

export interface CachedCheck extends ItemCheck {
  /** Diagnostics are stored located (line, column, excerpt). */
  diagnostics: Diagnostic[];
  /** The latest event time in the file (epoch ms), or -Infinity. */
  latest: number;
}

/** On disk: JSON (V8 parses it faster than node:v8 deserializes); a latest of -Infinity is null. */
interface Stored {
  format: number;
  code: string;
  entries: [string, Omit<CachedCheck, 'latest'> & { latest: number | null }][];
}

let codeFingerprint: string | undefined;

/** A hash of the program's own files (src or dist), so that a new bbcs never trusts an old cache. */
function programFingerprint(): string {
  if (codeFingerprint) return codeFingerprint;
  const hash = createHash('sha1').update(String(FORMAT));
  const base = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts')) hash.update(e.name).update(readFileSync(p));
    }
  };
  walk(path.join(base, 'core'));
  walk(path.join(base, 'io'));
  codeFingerprint = hash.digest('hex');
  return codeFingerprint;
}

/**
 * Where a ledger's cache lives: inside the Git directory of the repository holding it
 * (`.git/bbcs-cache/<hash of the ledger path>/`, never part of the work tree, so commands that
 * promise to write nothing leave the ledger untouched), or `<ledger>/.bbcs-cache/` outside Git.
 */
export function cacheDirFor(root: string): string {
  let real = path.resolve(root);
  try {
    real = realpathSync(root);
  } catch {
    // A ledger that cannot be resolved gets its plain path.
  }
  const id = createHash('sha1').update(real).digest('hex').slice(0, 16);
  for (let dir = real; ; ) {
    const dotGit = path.join(dir, '.git');
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return path.join(dotGit, 'bbcs-cache', id);
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (stat.isFile() && pointer) return path.join(path.resolve(dir, pointer[1]!.trim()), 'bbcs-cache', id);
    } catch {
      // No .git here: look further up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(root, CACHE_DIR);
    dir = parent;
  }
}

export function cacheDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.BBCS_NO_CACHE;
  return v !== undefined && v !== '' && v !== '0';
}

export function contentKey(bytes: Uint8Array, file: string, context: string): string {
  return `${createHash('sha1').update(bytes).digest('hex')}\0${file}\0${context}`;
}

function isEntry(value: unknown): value is CachedCheck {
  const e = value as CachedCheck | undefined;
  return typeof e === 'object' && e !== null && Array.isArray(e.diagnostics) && Array.isArray(e.links) && typeof e.latest === 'number';
}

export class CheckCache {
  private readonly used = new Map<string, CachedCheck>();
  private dirty = false;

  private constructor(
    private readonly dir: string,
    private readonly stored: Map<string, CachedCheck>,
    private readonly code: string,
  ) {}

  /** The ledger's cache, empty when missing, unreadable, corrupt or from another version; undefined when disabled. */
  static open(root: string): CheckCache | undefined {
    if (cacheDisabled()) return undefined;
    const dir = cacheDirFor(root);
    const code = programFingerprint();
    let entries = new Map<string, CachedCheck>();
    try {
      const stored = JSON.parse(readFileSync(path.join(dir, CACHE_FILE), 'utf8')) as Stored;
      if (stored?.format === FORMAT && stored.code === code && Array.isArray(stored.entries)) {
        for (const pair of stored.entries) {
          if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'object' || pair[1] === null) continue;
          const entry = pair[1] as unknown as CachedCheck;
          if (pair[1].latest === null) entry.latest = -Infinity;
          entries.set(pair[0], entry);
        }
      }
    } catch {
      // Missing or damaged: start afresh; the next save replaces it.
    }
    return new CheckCache(dir, entries, code);
  }

  get(key: string, asOf: number): CachedCheck | undefined {
    const entry = this.stored.get(key);
    if (!isEntry(entry) || entry.latest > asOf) return undefined;
    this.used.set(key, entry);
    return entry;
  }

  put(key: string, entry: CachedCheck, asOf: number): void {
    if (entry.latest > asOf) return;
    this.used.set(key, entry);
    this.dirty = true;
  }

  /** Writes the entries used in this run (old ones drop out); quietly does nothing when it cannot. */
  save(): void {
    if (!this.dirty && this.used.size === this.stored.size) return;
    const temp = path.join(this.dir, `.${CACHE_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(path.join(this.dir, '.gitignore'), '# bbcs 的缓存，可随时删除\n*\n');
      const list = [...this.used].map(([key, e]) => [key, Number.isFinite(e.latest) ? e : { ...e, latest: null }]);
      writeFileSync(temp, JSON.stringify({ format: FORMAT, code: this.code, entries: list }));
      renameSync(temp, path.join(this.dir, CACHE_FILE));
    } catch {
      rmSync(temp, { force: true });
    }
    this.removeLeftovers();
  }

  /** Temporary files left by a process killed while writing (older than a minute), and older formats' files. */
  private removeLeftovers(): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (name === CACHE_FILE || name === '.gitignore') continue;
        const p = path.join(this.dir, name);
        if (!name.startsWith(`.${CACHE_FILE}.`) || Math.abs(Date.now() - statSync(p).mtimeMs) > 60_000) rmSync(p, { force: true });
      }
    } catch {
      // Nothing to tidy.
    }
  }
}
