import { rmSync } from 'node:fs';

/**
 * Hidden temporary files that a long export is building. An officer who presses Ctrl+C (or a job
 * that is killed, or whose terminal is closed) meanwhile would otherwise find a
 * `.track.xlsx.tmp-…` left in the folder: while one is held, SIGINT, SIGTERM and SIGHUP first
 * remove it, then end the process by the same signal, as if nothing had been listening. Only
 * asynchronous work holds files this way: a signal reaches the program only between its steps,
 * so a synchronous write is already over when it would be heard.
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const held = new Set<string>();

function removeAndEnd(signal: NodeJS.Signals): void {
  for (const file of held) rmSync(file, { force: true });
  held.clear();
  for (const s of SIGNALS) process.off(s, removeAndEnd);
  process.kill(process.pid, signal);
}

/** Keeps `file` from outliving an interrupted run; the returned function lets go of it. */
export function holdTemporary(file: string): () => void {
  held.add(file);
  if (held.size === 1) for (const s of SIGNALS) process.on(s, removeAndEnd);
  return () => {
    if (!held.delete(file) || held.size > 0) return;
    for (const s of SIGNALS) process.off(s, removeAndEnd);
  };
}
