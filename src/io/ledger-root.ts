import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export class LedgerNotFound extends Error {}

function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/**
 * The ledger the user means: `--ledger DIR`, else `BBCS_LEDGER`, else the nearest `ledger/`
 * from the working directory upwards, the way git finds `.git`.
 */
export function resolveLedgerRoot(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const given = flag ?? env.BBCS_LEDGER;
  if (given !== undefined && given !== '') {
    const root = path.resolve(cwd, given);
    if (!isDirectory(root)) throw new LedgerNotFound(`台账目录 ${given} 不存在或不是目录`);
    return root;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'ledger' && isDirectory(path.join(dir))) return dir;
    const candidate = path.join(dir, 'ledger');
    if (isDirectory(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new LedgerNotFound(
    '在当前目录及其上级目录中找不到 ledger/ 台账目录；用 --ledger 指定，或设置环境变量 BBCS_LEDGER',
  );
}
