import path from 'node:path';
import type { Unit } from '../../core/schema/unit.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { gitRoot } from '../../io/git.js';
import { loadLedger } from '../../io/load-ledger.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { ledgerRoot, type LedgerOptions } from '../options.js';

interface CodeownersOptions extends LedgerOptions {
  out?: string;
}

/**
 * The CODEOWNERS text (GitHub and GitLab read the same syntax): each unit's folder is owned by
 * that unit's maintainers; the 区办's maintainers own the rules (policy.yaml) and the calendar.
 * `prefix` is the ledger's folder inside the repository, with a trailing slash.
 */
export function codeownersText(units: readonly Unit[], prefix: string): { text: string; without: string[] } {
  const office = units.find((u) => u.kind === '区办');
  const lines = [
    '# 由 bbcs codeowners 根据各单位 unit.yaml 中的 maintainers 生成；请勿手工修改，改 unit.yaml 后重新生成。',
    '# 每个单位的目录由本单位的维护人负责审核；办理期限规则和节假日日历由区办负责。',
    '',
  ];
  const without: string[] = [];
  for (const unit of [...units].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!unit.maintainers?.length) {
      without.push(unit.code);
      lines.push(`# ${unit.code}（${unit.name}）：unit.yaml 中没有 maintainers`);
      continue;
    }
    lines.push(`/${prefix}${unit.code}/ ${unit.maintainers.join(' ')}`);
  }
  if (office?.maintainers?.length) {
    lines.push(
      '',
      `/${prefix}policy.yaml ${office.maintainers.join(' ')}`,
      `/${prefix}calendar/ ${office.maintainers.join(' ')}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, without };
}

export function runCodeowners(options: CodeownersOptions): number {
  const root = ledgerRoot(options);
  const ledger = loadLedger(root, Date.now());
  if (ledger.units.size === 0)
    throw new UsageError(`台账 ${root} 中没有可读的单位：先用 bbcs validate 检查各 unit.yaml`);
  const repo = gitRoot(root) ?? path.dirname(root);
  const rel = path.relative(repo, root).split(path.sep).join('/');
  const { text, without } = codeownersText([...ledger.units.values()], rel === '' ? '' : `${rel}/`);
  if (options.out === '-') {
    process.stdout.write(text);
  } else {
    if (options.out !== undefined && options.out.trim() === '')
      throw new UsageError('--out（输出文件）不能为空；输出到屏幕写 --out -');
    const target = path.resolve(options.out ?? path.join(repo, 'CODEOWNERS'));
    writeFileAtomic(target, text);
    process.stdout.write(`已写入 ${target}（${ledger.units.size - without.length} 个单位有维护人）。请检查后提交。\n`);
  }
  if (without.length > 0) {
    process.stderr.write(
      `注意：以下单位没有维护人，其目录不受 CODEOWNERS 保护：${without.join('、')}；在其 unit.yaml 中添加 maintainers: [@用户名]\n`,
    );
  }
  return EXIT_OK;
}
