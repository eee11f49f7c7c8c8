import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * With `exclusive`, the write fails with EEXIST instead of replacing an existing file.
 *
 * Writes a file so that a crash at any moment leaves either the old content or the new, never a
 * torn file: write a hidden temporary file beside it, flush it to disk, then rename over the
 * target (atomic on POSIX file systems), then flush the directory entry.
 */
export function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: { exclusive?: boolean } = {},
): void {
  const dir = path.dirname(target);
  const temp = temporaryBeside(target);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (options.exclusive) {
      // A hard link fails if the target exists: a new file never replaces one another process made.
      linkSync(temp, target);
      unlinkSync(temp);
    } else {
      renameSync(temp, target);
    }
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    // The officer asked for the target; the temporary name would mean nothing to them.
    if ((error as NodeJS.ErrnoException).path === temp) (error as NodeJS.ErrnoException).path = target;
    throw error;
  }
  syncDirectory(dir);
}

/** A hidden name beside `target` that no other process picks: where a file is built before it takes its name. */
export function temporaryBeside(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** Flushes a directory's entries, so a rename in it survives a power cut. */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems (and Windows) cannot open a directory for syncing; the rename stands.
  }
}
