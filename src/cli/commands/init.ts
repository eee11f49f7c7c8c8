import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Unit } from '../../core/schema/unit.js';
import { chinaDate } from '../../core/time.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { gitInit, gitRoot, gitSetConfig } from '../../io/git.js';
import { formatUnit } from '../../io/ledger-format.js';
import { readTemplate } from '../../io/templates.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { canPrompt, terminalPrompter } from '../prompts.js';
import { commitFileChange } from '../save-change.js';
import { OFFICE_FIELDS } from '../forms/unit.js';
import { collectUnit, resolveOfficer, unitFormText } from './unit.js';

/**
 * `bbcs init [DIR]`: a new ledger repository, ready for `bbcs validate` and the first
 * `bbcs register`: the default deadline rules, the calendar folder, the 区办 as the first unit,
 * a README for the officers and a .gitignore, in one first commit.
 */

interface InitOptions {
  /** The 区办's form 2 (../forms/unit.ts), by option key. */
  [flag: string]: unknown;
  by?: string;
  commit?: boolean;
  yes?: boolean;
  ci?: string;
  hooks?: boolean;
}

export const CI_PLATFORMS = ['github', 'gitlab'] as const;
export type CiPlatform = (typeof CI_PLATFORMS)[number];

/** What init installs besides the ledger: CI for the ledger repository and the pre-commit hook. */
export interface ScaffoldExtras {
  ci?: CiPlatform | undefined;
  hooks?: boolean | undefined;
}

/** Where the hook lives in the repository (committed, so every clone can use it). */
export const HOOKS_DIR = '.githooks';
const PACKAGE = 'bbcs';

/** One file the new repository starts with, relative to DIR. */
export interface ScaffoldFile {
  path: string;
  content: string;
  /**
   * What to do when DIR already has this file: `keep` leaves it alone; `append` adds the lines
   * it lacks (for .gitignore). Ledger files are never there: DIR must not hold a ledger yet.
   */
  existing?: 'keep' | 'append';
  /** Written executable (the pre-commit hook). */
  executable?: boolean;
}

/**
 * Everything init lays down. A later part (CI for the ledger repository) adds its files to this
 * list; the writing, the reporting and the commit take whatever is here.
 */
export function scaffold(office: Unit, today: string, extras: ScaffoldExtras = {}): ScaffoldFile[] {
  const values = { office_code: office.code, office_name: office.name, date: today, package: PACKAGE };
  const ci: ScaffoldFile[] =
    extras.ci === 'github'
      ? [
          { path: '.github/workflows/bbcs.yml', content: readTemplate('ci/github-bbcs.yml', values), existing: 'keep' },
          {
            path: '.github/workflows/bbcs-overdue.yml',
            content: readTemplate('ci/github-bbcs-overdue.yml', values),
            existing: 'keep',
          },
        ]
      : extras.ci === 'gitlab'
        ? [{ path: '.gitlab-ci.yml', content: readTemplate('ci/gitlab-ci.yml', values), existing: 'keep' }]
        : [];
  const hooks: ScaffoldFile[] = extras.hooks
    ? [
        {
          path: `${HOOKS_DIR}/pre-commit`,
          content: readTemplate('hooks/pre-commit', values),
          existing: 'keep',
          executable: true,
        },
      ]
    : [];
  return [
    ...ci,
    ...hooks,
    { path: 'ledger/policy.yaml', content: readTemplate('policy.yaml', values) },
    { path: 'ledger/calendar/README.md', content: readTemplate('calendar-readme.md', values) },
    { path: `ledger/${office.code}/unit.yaml`, content: formatUnit(office) },
    { path: 'README.md', content: readTemplate('ledger-readme.md', values), existing: 'keep' },
    { path: '.gitignore', content: readTemplate('gitignore', values), existing: 'append' },
  ];
}

function refuseExisting(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} 已存在且不是目录：请指定一个目录`);
  if (existsSync(path.join(dir, 'ledger'))) {
    throw new UsageError(
      `${dir} 中已有台账 ledger/，不能重复初始化：要新增单位请用 bbcs unit add，检查台账请用 bbcs validate`,
    );
  }
  if (path.basename(dir) === 'ledger' && existsSync(path.join(dir, 'policy.yaml'))) {
    throw new UsageError(`${dir} 本身就是台账目录，不能在其中再初始化台账`);
  }
}

/** Lines of `addition` that `current` lacks, to append to an existing .gitignore. */
function missingLines(current: string, addition: string): string {
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const lines = addition.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#') && !have.has(l.trim()));
  return lines.length === 0
    ? ''
    : `${current.endsWith('\n') || current === '' ? '' : '\n'}# bbcs\n${lines.join('\n')}\n`;
}

export async function runInit(dirArg: string | undefined, options: InitOptions): Promise<number> {
  const dir = path.resolve(process.cwd(), dirArg ?? '.');
  if (options.ci !== undefined && !(CI_PLATFORMS as readonly string[]).includes(options.ci)) {
    throw new UsageError(`--ci 的值「${options.ci}」不支持：可选 github、gitlab`);
  }
  refuseExisting(dir);
  const prompter = canPrompt() ? terminalPrompter : undefined;
  const commit = options.commit !== false;
  const office = await collectUnit(
    OFFICE_FIELDS,
    options,
    { units: new Map(), folders: new Set() },
    { prompter, yes: options.yes === true, fixed: { kind: '区办' } },
  );
  const officer = await resolveOfficer(options.by, existsSync(dir) ? dir : process.cwd(), commit, prompter);
  const files = scaffold(office, chinaDate(Date.now()), {
    ci: options.ci as CiPlatform | undefined,
    hooks: options.hooks,
  });

  if (prompter && !options.yes) {
    process.stdout.write(
      `\n将在 ${dir} 中建立台账：\n${files.map((f) => `  ${f.path}`).join('\n')}\n\n区办：\n${unitFormText(office)}\n\n`,
    );
    const ask = await prompter();
    if (!(await ask.confirm('确认建立？'))) {
      process.stdout.write('没有写入任何内容。\n');
      return EXIT_OK;
    }
  }

  mkdirSync(dir, { recursive: true });
  const createdRepo = gitRoot(dir) === undefined;
  if (createdRepo) gitInit(dir);
  const written: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = path.join(dir, file.path);
    if (existsSync(target) && file.existing === 'keep') {
      kept.push(file.path);
      continue;
    }
    if (existsSync(target) && file.existing === 'append') {
      const extra = missingLines(readFileSync(target, 'utf8'), file.content);
      if (extra === '') continue;
      appendFileSync(target, extra);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileAtomic(target, file.content);
      if (file.executable) chmodSync(target, 0o755);
    }
    written.push(target);
  }

  if (options.hooks) gitSetConfig(dir, 'core.hooksPath', HOOKS_DIR);
  const committed = commit
    ? commitFileChange({
        files: written,
        step: 'init',
        title: `${office.code}（${office.name}）建立台账`,
        summary: `建立“办不成事”事项台账：默认办理期限规则、节假日日历目录，区办 ${office.name}（${office.code}）。`,
        trailers: { 'Bbcs-Unit': office.code },
        officer,
      })
    : {};

  const out = process.stdout;
  out.write(`已在 ${dir} 建立台账${createdRepo ? '（新建了 Git 仓库）' : ''}：\n`);
  for (const target of written) out.write(`  ${path.relative(dir, target)}\n`);
  for (const rel of kept) out.write(`  ${rel}（已存在，未改动）\n`);
  if (committed.commit) out.write(`已提交 ${committed.commit.slice(0, 8)}。\n`);
  if (committed.warning) process.stderr.write(`注意：${committed.warning}\n`);
  if (options.hooks)
    out.write(`已启用提交前检查（git config core.hooksPath ${HOOKS_DIR}）；其他克隆中运行同一命令即可启用。\n`);
  out.write('\n下一步：用 bbcs unit add 新增各区直单位和镇街，用 bbcs validate 检查台账；详见 README.md。\n');
  return EXIT_OK;
}
