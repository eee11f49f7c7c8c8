import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_LEDGER = path.join(REPO_ROOT, 'ledger');
export const BIN = path.join(REPO_ROOT, 'bin/bbcs');
export const MINI_LEDGER = path.join(REPO_ROOT, 'tests/fixtures/mini-ledger');

/**
 * What to put at a ledger-relative path: text, raw bytes, a directory, a symlink, nothing (remove
 * what the base ledger has there), or a file whose name is given byte by byte (`byteName`: each
 * character U+0000–U+00FF of the key's last segment is one byte, to make names that are not UTF-8,
 * such as a GBK name from a Windows zip; the folders before it must be plain text).
 * A key may start with `../` to put a file beside the ledger, e.g. as a symlink's target.
 */
export type FileSpec =
  | string
  | Uint8Array
  | { dir: true }
  | { symlink: string }
  | { remove: true }
  | { byteName: true; content: string | Uint8Array };

export interface TempRepo {
  /** The repository directory; the ledger is `<dir>/ledger`. */
  dir: string;
  ledger: string;
  cleanup: () => void;
}

/**
 * A temporary Git repository holding a copy of a ledger (the small test ledger by default),
 * with files added, replaced or removed as given.
 */
export function tempLedger(files: Record<string, FileSpec> = {}, base: string = MINI_LEDGER, git = true): TempRepo {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-test-'));
  const ledger = path.join(dir, 'ledger');
  cpSync(base, ledger, { recursive: true });
  for (const [rel, spec] of Object.entries(files)) {
    const target = path.join(ledger, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof spec === 'string' || spec instanceof Uint8Array) writeFileSync(target, spec);
    else if ('dir' in spec) mkdirSync(target, { recursive: true });
    else if ('symlink' in spec) symlinkSync(spec.symlink, target);
    else if ('byteName' in spec) {
      const name = Buffer.from(path.basename(rel), 'latin1');
      writeFileSync(Buffer.concat([Buffer.from(path.dirname(target) + path.sep), name]), spec.content);
    } else rmSync(target, { recursive: true, force: true });
  }
  if (git) {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    run('init', '-q', '-b', 'main');
    run('-c', 'user.name=测试', '-c', 'user.email=test@example.invalid', 'add', '-A');
    run('-c', 'user.name=测试', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'init', '--allow-empty');
  }
  return { dir, ledger, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `bbcs` as a user would, in `cwd`, with a clean environment. */
export function runBbcs(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const { GITHUB_ACTIONS: _g, BBCS_LEDGER: _l, ...rest } = process.env;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...rest, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
