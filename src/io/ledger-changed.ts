import { branded } from './branded-error.js';

/**
 * A file found valid earlier in the run could not be read again when a report needed it: it was
 * changed, moved or removed meanwhile (and its cached copy is gone too). Not a defect: running
 * the command again sees the ledger as it now is.
 */
export class LedgerChanged extends branded(Symbol.for('bbcs.LedgerChanged')) {
  constructor(readonly file: string) {
    super(`事项文件 ${file} 在 bbcs 运行期间被改动、移走或无法读取；请在改动完成后重新运行命令`);
  }
}
