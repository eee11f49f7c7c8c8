/**
 * A file's identity as the file system reports it (inode, size, modification and change times
 * to a fraction of a microsecond), so that an unchanged file is recognised without reading it — the way Git's
 * index does. An edit changes the change time (ctime) even when the size stays the same and the
 * modification time is put back (`touch -d`), and a checkout or pull writes a new file.
 *
 * Like Git, a signature is trusted only for a file that had settled before it was recorded: a
 * file changed within the same timestamp tick as the recording (or on a file system with coarse
 * times) could change again without its times moving, so such a file is read and hashed again
 * on the next run until it is old enough.
 */

export interface FileSignature {
  ino: number;
  size: number;
  /** Modification and change times in ms since the epoch, to a fraction of a microsecond. */
  mtimeMs: number;
  ctimeMs: number;
}

/** How long a file must have been left alone for its signature to be trusted. */
export const DEFAULT_SETTLE_MS = 2000;

/** Whether a signature taken now may be recorded: the file has not changed for `settleMs`. */
export function settled(signature: FileSignature, nowMs: number, settleMs: number): boolean {
  return Math.max(signature.mtimeMs, signature.ctimeMs) < nowMs - settleMs;
}

/** Fields per file in a table of signatures (ino, size, mtimeMs, ctimeMs); ino NaN for none. */
export const SIGNATURE_FIELDS = 4;

/** The i-th signature of a table, if that file had one (it was a plain file when statted). */
export function signatureAt(table: Float64Array, i: number): FileSignature | undefined {
  const at = i * SIGNATURE_FIELDS;
  const ino = table[at]!;
  return Number.isNaN(ino)
    ? undefined
    : { ino, size: table[at + 1]!, mtimeMs: table[at + 2]!, ctimeMs: table[at + 3]! };
}
