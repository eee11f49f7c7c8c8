import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a ledger's parse cache lives, whether it is switched off, and which program wrote it. */

export const CACHE_DIR = '.bbcs-cache';
/** The remembered unit, policy and calendar files (source-memo.ts), beside the item cache. */
export const SOURCES_FILE = 'sources.json';

let codeFingerprint: string | undefined;

/** A hash of the program's own files (sources, modules or bundle), so that a new bbcs never trusts an old cache. */
export function programFingerprint(format: number): string {
  if (codeFingerprint) return codeFingerprint;
  const hash = createHash('sha1').update(String(format));
  const here = path.dirname(fileURLToPath(import.meta.url));
  const base = path.resolve(here, '..');
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
  // Modules (src/io, dist/io): the core and io folders beside this one. Bundles (dist/app): the
  // one running, which holds every check, and the check worker's; not the exports' exceljs.
  if (path.basename(here) === 'io') {
    walk(path.join(base, 'core'));
    walk(path.join(base, 'io'));
  } else {
    for (const name of new Set([path.basename(fileURLToPath(import.meta.url)), 'check-worker.js'])) {
      try {
        hash.update(name).update(readFileSync(path.join(here, name)));
      } catch {
        // A bundle missing from an incomplete build: the others still tell this program apart.
      }
    }
  }
  codeFingerprint = hash.digest('hex');
  return codeFingerprint;
}

/**
 * BBCS_CACHE_DIR when set (`<BBCS_CACHE_DIR>/<hash of where the ledger sits in its repository>/`):
 * a CI job keeps that folder between runs, and the fresh clone of each run, wherever it is put,
 * finds the checks of the last one by the files' bytes. Else inside the Git directory of the
 * repository holding the ledger (`.git/bbcs-cache/<hash of the ledger path>/`, never part of the
 * work tree, so commands that promise to write nothing leave the ledger untouched), or
 * `<ledger>/.bbcs-cache/` outside Git.
 */
export function cacheDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  let real = path.resolve(root);
  try {
    real = realpathSync(root);
  } catch {
    // A ledger that cannot be resolved gets its plain path.
  }
  const repository = enclosingRepository(real);
  const chosen = env.BBCS_CACHE_DIR;
  if (chosen) {
    const where = repository ? path.relative(repository.top, real).split(path.sep).join('/') : real;
    return path.join(path.resolve(chosen), ledgerId(where));
  }
  return repository ? path.join(repository.gitDir, 'bbcs-cache', ledgerId(real)) : path.join(root, CACHE_DIR);
}

const ledgerId = (where: string): string => createHash('sha1').update(where).digest('hex').slice(0, 16);

/** The nearest folder at or above `dir` with a `.git` (a folder, or a file pointing at one), and its Git directory. */
function enclosingRepository(dir: string): { top: string; gitDir: string } | undefined {
  for (let top = dir; ;) {
    const dotGit = path.join(top, '.git');
    try {
      const stat = statSync(dotGit);
      if (stat.isDirectory()) return { top, gitDir: dotGit };
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (stat.isFile() && pointer) return { top, gitDir: path.resolve(top, pointer[1]!.trim()) };
    } catch {
      // No .git here: look further up.
    }
    const parent = path.dirname(top);
    if (parent === top) return undefined;
    top = parent;
  }
}

export function cacheDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.BBCS_NO_CACHE;
  return v !== undefined && v !== '' && v !== '0';
}

/** Creates the cache folder with a .gitignore of its own, so that it is never committed, wherever it sits. */
export function ensureCacheDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '.gitignore'), '# bbcs 的缓存，可随时删除\n*\n');
}
