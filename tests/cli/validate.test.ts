import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/core/diagnostics.js';
import { DIAGNOSTIC_FIXTURES } from '../fixtures/diagnostics.js';
import {
  MINI_LEDGER,
  runBbcs,
  tempLedger,
  type CliResult,
  type FileSpec,
  type TempRepo,
} from '../helpers/temp-ledger.js';

/**
 * `bbcs validate` as a user and a CI job run it: the built program in temporary Git repositories.
 * Every run passes --as-of (except the one test of the default), so nothing depends on the
 * machine's clock or time zone.
 */

const AS_OF = ['--as-of', '2026-11-26'];
const HAN = /\p{Script=Han}/u;

const repos: TempRepo[] = [];
function repo(files: Record<string, FileSpec> = {}): TempRepo {
  const r = tempLedger(files);
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.cleanup();
});

function overlay(code: DiagnosticCode): Record<string, FileSpec> {
  const fixture = DIAGNOSTIC_FIXTURES.find((f) => f.code === code);
  if (!fixture) throw new Error(`no fixture for ${code}`);
  return fixture.files;
}

/** The 1-based line of `ledgerFile` in an overlay that contains `needle`. */
function lineOf(files: Record<string, FileSpec>, ledgerFile: string, needle: string): number {
  const text = files[ledgerFile];
  if (typeof text !== 'string') throw new Error(`${ledgerFile} is not text`);
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`${needle} not in ${ledgerFile}`);
  return index + 1;
}

/** The 1-based line of a mini ledger file that contains `needle`. */
function miniLine(ledgerFile: string, needle: string): number {
  return lineOf({ [ledgerFile]: readFileSync(path.join(MINI_LEDGER, ledgerFile), 'utf8') }, ledgerFile, needle);
}

interface JsonDiagnostic {
  file: string;
  ledgerFile: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
  hint: string;
}
interface JsonReport {
  ok: boolean;
  asOf: string;
  units: number;
  items: number;
  errors: number;
  warnings: number;
  diagnostics: JsonDiagnostic[];
}

function json(result: CliResult): JsonReport {
  return JSON.parse(result.stdout) as JsonReport;
}

function expectUsageError(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  expect(result.stderr).toMatch(/^bbcs: /);
  expect(result.stderr).toMatch(HAN);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|内部错误/);
  expect(result.stdout).toBe('');
}

const PASS_LINE = '台账检查通过：3 个单位、3 个有效事项，没有发现问题。';
// BROKEN's QBB-2026-0001 is a valid item (its problem is in the mechanism), so it counts.
const BROKEN_PASS_LINE = '台账检查通过：3 个单位、4 个有效事项，没有发现问题。';

// A ledger with an error in zjj/, an error in qbb/ and a warning in zjj/.
const UNKNOWN_FIELD = overlay('unknown-field');
const BROKEN: Record<string, FileSpec> = {
  ...UNKNOWN_FIELD,
  ...overlay('responsible-unit-missing'),
  'zjj/申请材料.pdf': '%PDF-1.4\n',
};
const PHNOE_FILE = 'zjj/ZJJ-2026-0111.yaml';
const PHNOE_LINE = lineOf(UNKNOWN_FIELD, PHNOE_FILE, 'phnoe');

describe('bbcs validate: results', () => {
  it('passes a clean ledger with exit 0 and the Chinese pass line', () => {
    const r = repo();
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${PASS_LINE}\n`);
    expect(result.stderr).toBe('');
  });

  it('uses the current time when --as-of is not given (the mini ledger is all in the past)', () => {
    const r = repo();
    const result = runBbcs(['validate'], r.dir);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain(PASS_LINE);
  });

  it('reports a broken file as FILE:LINE:COL with the line, a caret and a hint, and exits 1', () => {
    const r = repo(UNKNOWN_FIELD);
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.status).toBe(1);
    const gutter = ' '.repeat(String(PHNOE_LINE).length);
    expect(result.stdout).toContain(
      [
        `ledger/${PHNOE_FILE}:${PHNOE_LINE}:3: 错误: 未知字段「phnoe」 [unknown-field]`,
        `  ${PHNOE_LINE} |   phnoe: 0517-84901234`,
        `  ${gutter} |   ^`,
        '  提示：是不是想写 联系电话[party.phone]？',
      ].join('\n'),
    );
    expect(result.stdout).toMatch(/台账检查未通过：1 个错误，0 个警告（3 个单位、3 个有效事项）。\n$/);
  });

  it('reports every problem of the ledger, not just the first', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ledger\/zjj\/ZJJ-2026-0111\.yaml:\d+:\d+: 错误: .*\[unknown-field\]$/m);
    expect(result.stdout).toMatch(/^ledger\/qbb\/QBB-2026-0001\.yaml:\d+:\d+: 错误: .*\[responsible-unit-missing\]$/m);
    expect(result.stdout).toMatch(/^ledger\/zjj\/申请材料\.pdf:1:1: 警告: .*\[stray-file\]$/m);
    expect(result.stdout).toMatch(/台账检查未通过：2 个错误，1 个警告（3 个单位、4 个有效事项）。\n$/);
  });

  it('exits 0 when there are only warnings', () => {
    const r = repo(overlay('stray-file'));
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('警告:');
    expect(result.stdout).toContain('台账检查通过：0 个错误，2 个警告');
  });

  it('--json prints one JSON document with located diagnostics', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', '--json', ...AS_OF], r.dir);
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report).toMatchObject({
      ok: false,
      asOf: '2026-11-26T23:59:59+08:00',
      units: 3,
      items: 4,
      errors: 2,
      warnings: 1,
    });
    expect(report.diagnostics.map((d) => d.code).sort()).toEqual([
      'responsible-unit-missing',
      'stray-file',
      'unknown-field',
    ]);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        file: `ledger/${PHNOE_FILE}`,
        ledgerFile: PHNOE_FILE,
        line: PHNOE_LINE,
        column: 3,
        severity: 'error',
        code: 'unknown-field',
      }),
    );
    for (const d of report.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message).toMatch(HAN);
      expect(d.hint).toMatch(HAN);
    }
  });

  it('--json on a clean ledger: ok, exit 0, no diagnostics', () => {
    const r = repo();
    const result = runBbcs(['validate', '--json', ...AS_OF], r.dir);
    expect(result.status).toBe(0);
    expect(json(result)).toMatchObject({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('--format json is the same as --json', () => {
    const r = repo(BROKEN);
    const a = runBbcs(['validate', '--json', ...AS_OF], r.dir);
    const b = runBbcs(['validate', '--format', 'json', ...AS_OF], r.dir);
    expect(b.status).toBe(1);
    expect(b.stdout).toBe(a.stdout);
  });

  it('GITHUB_ACTIONS=true adds ::error and ::warning annotations to the text output', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', ...AS_OF], r.dir, { GITHUB_ACTIONS: 'true' });
    expect(result.status).toBe(1);
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(3);
    expect(annotations).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error file=ledger/zjj/ZJJ-2026-0111\\.yaml,line=${PHNOE_LINE},col=3,title=bbcs unknown-field::未知字段「phnoe」`,
        ),
      ),
    );
    expect(annotations).toContainEqual(
      expect.stringMatching(
        /^::error file=ledger\/qbb\/QBB-2026-0001\.yaml,line=\d+,col=\d+,title=bbcs responsible-unit-missing::/,
      ),
    );
    expect(annotations).toContainEqual(
      expect.stringMatching(/^::warning file=ledger\/zjj\/申请材料\.pdf,line=1,col=1,title=bbcs stray-file::/),
    );
    // The text report is still there for the log.
    expect(result.stdout).toContain(`ledger/${PHNOE_FILE}:${PHNOE_LINE}:3: 错误: 未知字段「phnoe」 [unknown-field]`);
  });

  it('--format github prints only annotations and the summary', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', '--format', 'github', ...AS_OF], r.dir);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(
      lines.slice(0, -1).every((l) => /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=bbcs [a-z-]+::\S/.test(l)),
      result.stdout,
    ).toBe(true);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toContain('台账检查未通过');
  });

  it('without GITHUB_ACTIONS there are no annotations', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.stdout).not.toMatch(/^::/m);
  });
});

describe('bbcs validate --as-of', () => {
  it('--as-of 2026-01-01 makes every later event a future event', () => {
    const r = repo();
    const result = runBbcs(['validate', '--json', '--as-of', '2026-01-01'], r.dir);
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.asOf).toBe('2026-01-01T23:59:59+08:00');
    expect(new Set(report.diagnostics.map((d) => d.code))).toEqual(new Set(['future-event']));
    // Five events of ZJJ-2026-0001, one each of ZJJ-2026-0002 and WANGYING-2026-0001.
    expect(report.diagnostics).toHaveLength(7);
  });

  it('a date means the end of that China day, whatever the machine time zone', () => {
    const r = repo();
    const outputs = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'].map((TZ) => {
      // ZJJ-2026-0001 was reported at 2026-03-05 09:00 and decided on 2026-03-06 16:00.
      const result = runBbcs(['validate', '--json', '--as-of', '2026-03-05'], r.dir, { TZ });
      expect(result.status).toBe(1);
      const report = json(result);
      expect(report.asOf).toBe('2026-03-05T23:59:59+08:00');
      expect(report.diagnostics.map((d) => `${d.ledgerFile}:${d.line}:${d.code}`)).toEqual([
        `wangying/WANGYING-2026-0001.yaml:${miniLine('wangying/WANGYING-2026-0001.yaml', '2026-05-11T14:20')}:future-event`,
        `zjj/ZJJ-2026-0001.yaml:${miniLine('zjj/ZJJ-2026-0001.yaml', '2026-03-06T16:00')}:future-event`,
        `zjj/ZJJ-2026-0002.yaml:${miniLine('zjj/ZJJ-2026-0002.yaml', '2026-04-01T10:15')}:future-event`,
      ]);
      return result.stdout;
    });
    expect(new Set(outputs).size).toBe(1);
  });

  it('accepts a full timestamp with offset', () => {
    const r = repo();
    const before = runBbcs(['validate', '--json', '--as-of', '2026-05-11T14:19:59+08:00'], r.dir);
    expect(json(before).diagnostics.map((d) => d.ledgerFile)).toEqual(['wangying/WANGYING-2026-0001.yaml']);
    const at = runBbcs(['validate', '--as-of', '2026-05-11T06:20:00Z'], r.dir);
    expect(at.status).toBe(0);
  });

  it('a future event in a fixture file is reported at its line', () => {
    const files = overlay('future-event');
    const r = repo(files);
    const result = runBbcs(['validate', ...AS_OF], r.dir);
    expect(result.status).toBe(1);
    const line = lineOf(files, 'zjj/ZJJ-2026-0129.yaml', '2026-12-01');
    expect(result.stdout).toContain(`ledger/zjj/ZJJ-2026-0129.yaml:${line}:9: 错误: `);
    expect(result.stdout).toContain('[future-event]');
    expect(runBbcs(['validate', '--as-of', '2026-12-01'], r.dir).status).toBe(0);
  });
});

describe('bbcs validate: paths', () => {
  it('reports only the problems of the named directory or file', () => {
    const r = repo(BROKEN);
    const zjj = json(runBbcs(['validate', '--json', ...AS_OF, 'ledger/zjj'], r.dir));
    expect(zjj.diagnostics.map((d) => d.code).sort()).toEqual(['stray-file', 'unknown-field']);
    const one = runBbcs(['validate', '--json', ...AS_OF, 'ledger/qbb/QBB-2026-0001.yaml'], r.dir);
    expect(one.status).toBe(1);
    expect(json(one).diagnostics.map((d) => d.code)).toEqual(['responsible-unit-missing']);
    const two = json(runBbcs(['validate', '--json', ...AS_OF, `ledger/${PHNOE_FILE}`, 'ledger/qbb'], r.dir));
    expect(two.diagnostics.map((d) => d.code).sort()).toEqual(['responsible-unit-missing', 'unknown-field']);
  });

  it('a clean part of a broken ledger passes, but the whole ledger is still read', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', ...AS_OF, 'ledger/wangying'], r.dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${BROKEN_PASS_LINE}\n`);
  });

  it('cross-file problems are reported for the file that has them', () => {
    const r = repo(overlay('broken-link'));
    expect(runBbcs(['validate', ...AS_OF, 'ledger/zjj/ZJJ-2026-0001.yaml'], r.dir).status).toBe(0);
    const result = runBbcs(['validate', ...AS_OF, 'ledger/zjj/ZJJ-2026-0125.yaml'], r.dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('[broken-link]');
  });

  it('paths are taken relative to the working directory', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', '--json', ...AS_OF, 'ZJJ-2026-0111.yaml'], path.join(r.ledger, 'zjj'));
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.diagnostics.map((d) => [d.file, d.code])).toEqual([['ZJJ-2026-0111.yaml', 'unknown-field']]);
  });
});

describe('bbcs validate: finding the ledger', () => {
  it('finds ledger/ upwards from a subdirectory of the ledger', () => {
    const r = repo(BROKEN);
    const result = runBbcs(['validate', '--json', ...AS_OF], path.join(r.ledger, 'zjj'));
    expect(result.status).toBe(1);
    const report = json(result);
    expect(report.diagnostics).toHaveLength(3);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'ZJJ-2026-0111.yaml', code: 'unknown-field' }),
    );
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ file: '../qbb/QBB-2026-0001.yaml', code: 'responsible-unit-missing' }),
    );
  });

  it('finds ledger/ upwards from another subdirectory of the repository', () => {
    const r = repo({ ...UNKNOWN_FIELD, '../docs/说明/readme.txt': '说明\n' });
    const result = runBbcs(['validate', ...AS_OF], path.join(r.dir, 'docs', '说明'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`../../ledger/${PHNOE_FILE}:${PHNOE_LINE}:3: 错误: 未知字段「phnoe」`);
  });

  it('uses BBCS_LEDGER from anywhere, and --ledger over BBCS_LEDGER', () => {
    const clean = repo();
    const broken = repo(UNKNOWN_FIELD);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'bbcs-cwd-'));
    try {
      const viaEnv = runBbcs(['validate', ...AS_OF], elsewhere, { BBCS_LEDGER: broken.ledger });
      expect(viaEnv.status).toBe(1);
      expect(viaEnv.stdout).toContain('[unknown-field]');
      // From inside the clean repository, the environment variable still wins over discovery.
      expect(runBbcs(['validate', ...AS_OF], clean.dir, { BBCS_LEDGER: broken.ledger }).status).toBe(1);
      const viaFlag = runBbcs(['validate', ...AS_OF, '--ledger', clean.ledger], elsewhere, {
        BBCS_LEDGER: broken.ledger,
      });
      expect(viaFlag.status).toBe(0);
      expect(viaFlag.stdout).toBe(`${PASS_LINE}\n`);
      // A relative --ledger is taken from the working directory.
      expect(runBbcs(['validate', ...AS_OF, '--ledger', 'ledger'], broken.dir).status).toBe(1);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('says so, in Chinese and with exit 2, when there is no ledger anywhere above', () => {
    const nowhere = mkdtempSync(path.join(tmpdir(), 'bbcs-none-'));
    try {
      mkdirSync(path.join(nowhere, 'a', 'b'), { recursive: true });
      const result = runBbcs(['validate', ...AS_OF], path.join(nowhere, 'a', 'b'));
      expectUsageError(result, /找不到 ledger\//);
    } finally {
      rmSync(nowhere, { recursive: true, force: true });
    }
  });
});

describe('bbcs validate: bad usage exits 2 with one Chinese sentence', () => {
  it('unknown option', () => {
    const r = repo();
    expectUsageError(runBbcs(['validate', '--bogus', ...AS_OF], r.dir), /未知选项 --bogus/);
  });

  it('bad --as-of values', () => {
    const r = repo();
    for (const value of ['明天', '2026-02-30', '2026-13-01', '2026-06-30T17:00:00', '20260630']) {
      expectUsageError(runBbcs(['validate', '--as-of', value], r.dir), /--as-of 的值「.*」不是有效的日期或时间/);
    }
  });

  it('bad or missing --format', () => {
    const r = repo();
    expectUsageError(runBbcs(['validate', ...AS_OF, '--format', 'xml'], r.dir), /--format 的值「xml」不支持/);
    expectUsageError(runBbcs(['validate', ...AS_OF, '--format'], r.dir), /--format/);
  });

  it('a path that does not exist', () => {
    const r = repo();
    expectUsageError(
      runBbcs(['validate', ...AS_OF, 'ledger/zjj/ZJJ-2026-9999.yaml'], r.dir),
      /路径 ledger\/zjj\/ZJJ-2026-9999\.yaml 不存在/,
    );
  });

  it('--ledger to a missing directory, or to a file', () => {
    const r = repo();
    expectUsageError(
      runBbcs(['validate', ...AS_OF, '--ledger', 'no-such-ledger'], r.dir),
      /台账目录 no-such-ledger 不存在或不是目录/,
    );
    expectUsageError(runBbcs(['validate', ...AS_OF, '--ledger', 'ledger/policy.yaml'], r.dir), /不存在或不是目录/);
    expectUsageError(
      runBbcs(['validate', ...AS_OF], r.dir, { BBCS_LEDGER: path.join(r.dir, 'gone') }),
      /不存在或不是目录/,
    );
  });

  it('a path outside the ledger', () => {
    const r = repo({ '../notes.txt': '笔记\n' });
    expectUsageError(runBbcs(['validate', ...AS_OF, 'notes.txt'], r.dir), /路径 notes\.txt 不在台账目录 .* 之内/);
    expectUsageError(runBbcs(['validate', ...AS_OF, '.'], r.dir), /不在台账目录/);
  });

  it('an unknown command', () => {
    const r = repo();
    expectUsageError(runBbcs(['valdate'], r.dir), /未知命令 valdate，是不是想用 validate？/);
  });
});

describe('bbcs help and version', () => {
  it('bbcs --help is Chinese and exits 0', () => {
    const result = runBbcs(['--help'], tmpdir());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('用法：');
    expect(result.stdout).toContain('命令：');
    expect(result.stdout).toContain('选项：');
    expect(result.stdout).toMatch(/^ {2}validate /m);
    expect(result.stdout).not.toMatch(/Usage:|Commands:|Options:/);
  });

  it('bbcs validate --help lists its options in Chinese', () => {
    const result = runBbcs(['validate', '--help'], tmpdir());
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('用法： bbcs validate');
    for (const option of ['--ledger <目录>', '--as-of <时间>', '--json', '--format <格式>', '-h, --help'])
      expect(result.stdout).toContain(option);
    expect(runBbcs(['help', 'validate'], tmpdir()).stdout).toBe(result.stdout);
  });

  it('bbcs --version prints the package version', () => {
    const result = runBbcs(['--version'], tmpdir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+(?:-[\w.]+)?\n$/);
    expect(runBbcs(['-V'], tmpdir()).stdout).toBe(result.stdout);
  });
});
