import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN } from './temp-ledger.js';

/**
 * The built program in a real terminal, as a person sees it: tmux runs it in a window of the given
 * size (80 columns by default, the width officers' terminals start with), keys are typed with
 * send-keys and the screen is read with capture-pane.
 */
export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

export class Terminal {
  /** The script, its exit code and tmux's socket live outside the repository, removed on close. */
  private readonly work = mkdtempSync(path.join(tmpdir(), 'bbcs-tty-'));
  private readonly socket = path.join(this.work, 'tmux.sock');
  private readonly exitFile = path.join(this.work, 'exit-code');

  constructor(cwd: string, args: string[], env: Record<string, string>, size = { columns: 80, rows: 50 }) {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const script = path.join(this.work, 'run.sh');
    const exports = Object.entries(env)
      .map(([k, v]) => `export ${k}=${quote(v)}`)
      .join('\n');
    writeFileSync(
      script,
      `${exports}\ncd ${quote(cwd)}\n${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}\necho $? > ${quote(this.exitFile)}\nsleep 30\n`,
    );
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'bbcs',
      '-x',
      String(size.columns),
      '-y',
      String(size.rows),
      `sh ${quote(script)}`,
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-u', '-S', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'bbcs', '-S', '-200');
  }

  async waitFor(text: string | RegExp, timeout = 15_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const screen = this.screen();
      if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'bbcs', '-l', text);
  }

  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'bbcs', ...keys);
  }

  async exitCode(timeout = 15_000): Promise<number> {
    const deadline = Date.now() + timeout;
    while (!existsSync(this.exitFile) || readFileSync(this.exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`bbcs did not finish; screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(this.work, { recursive: true, force: true });
  }
}
