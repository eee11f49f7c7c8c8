import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBbcs, tempLedger } from '../helpers/temp-ledger.js';

/**
 * Malformed and hostile inputs across the commands: each gets exit code 2 and one clear Chinese
 * sentence (no stack trace), and the ledger repository is left exactly as it was: the same HEAD
 * and a clean work tree.
 */

const repo = tempLedger();
const outside = mkdtempSync(path.join(tmpdir(), 'bbcs-hostile-'));
afterAll(() => {
  repo.cleanup();
  rmSync(outside, { recursive: true, force: true });
});
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(outside, name);
  writeFileSync(p, content);
  return p;
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8' });
const HEAD = git('rev-parse', 'HEAD');

const REGISTRATION =
  'party: {name: 淮阴某公司, kind: 企业, phone: "13900001111"}\ntitle: t\nreason: r\nscope: 一\nchannel: 窗口\n';
const aliasBomb = file('alias.yaml', 'a: &a [x,x,x,x]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]\n');
const unitEscape = file('unit-escape.yaml', `unit: ../../etc\n${REGISTRATION}`);
const proto = file('proto.yaml', `__proto__: {polluted: 1}\nunit: zjj\n${REGISTRATION}`);
const idInside = file('id.yaml', `id: ../../ZJJ-2026-0001\nunit: zjj\n${REGISTRATION}`);
const huge = file('huge.yaml', `unit: zjj\n${REGISTRATION.replace('title: t', `title: ${'长'.repeat(2_000_000)}`)}`);
const binary = file('binary.yaml', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]));
const listFile = file('list.yaml', '- unit: zjj\n- title: t\n');
const fakeXlsx = file('fake.xlsx', 'not a zip');
const UNIT_FLAGS = [
  '--name',
  '某局',
  '--kind',
  '区直单位',
  '--leader-name',
  '甲',
  '--leader-title',
  '局长',
  '--leader-phone',
  '0517-80000101',
  '--section-name',
  '办公室',
  '--section-head',
  '乙',
  '--section-phone',
  '0517-80000102',
  '--contact-name',
  '丙',
  '--contact-title',
  '科员',
  '--contact-phone',
  '13800000101',
  '--by',
  '测试',
];
const STEP = ['--by', '测试', '--at', '2026-11-20T10:00:00+08:00'];

/** [what, arguments, a part of the message that names the problem]. */
const CASES: [string, string[], RegExp][] = [
  ['unknown command', ['nosuchcommand'], /未知命令/],
  ['unknown flag', ['show', 'ZJJ-2026-0001', '--bogus-flag'], /未知选项/],
  ['show: path instead of an id', ['show', '../../etc/passwd'], /找不到工单编号/],
  ['show: unknown id', ['show', 'ZJJ-2026-9999'], /找不到工单编号/],
  ['show: empty id', ['show', ''], /工单编号/],
  ['show: a 10 000 character id', ['show', 'Z'.repeat(10_000)], /工单编号/],
  ['show: a ledger that does not exist', ['show', 'ZJJ-2026-0001', '--ledger', '/nonexistent/ledger'], /台账目录/],
  ['log: path as id', ['log', '../../etc/passwd'], /工单编号/],
  ['form: path as id', ['form', '../../etc/passwd'], /工单编号/],
  [
    'confirm: id with a path inside',
    ['confirm', 'ZJJ-2026-0001/../x', '--section', '办公室', '--consent-by', '甲', ...STEP],
    /工单编号/,
  ],
  [
    'confirm: only a date for --at',
    ['confirm', 'ZJJ-2026-0002', '--section', '办公室', '--consent-by', '甲', '--by', '测试', '--at', '2099-01-01'],
    /--at/,
  ],
  [
    'confirm: a time in the future',
    [
      'confirm',
      'ZJJ-2026-0002',
      '--section',
      '办公室',
      '--consent-by',
      '甲',
      '--by',
      '测试',
      '--at',
      '2099-01-01T10:00:00+08:00',
    ],
    /--at/,
  ],
  [
    'confirm: empty --by',
    [
      'confirm',
      'ZJJ-2026-0002',
      '--section',
      '办公室',
      '--consent-by',
      '甲',
      '--by',
      '  ',
      '--at',
      '2026-11-20T10:00:00+08:00',
    ],
    /--by/,
  ],
  ['classify: a step illegal in the state', ['classify', 'ZJJ-2026-0002', '--class', '2', ...STEP], /不能进行/],
  [
    'feedback: a value outside the vocabulary',
    ['feedback', 'ZJJ-2026-0001', '--kind', '好', '--method', '电话', '--content', 'x', ...STEP],
    /--kind/,
  ],
  [
    'meet: a participant that is a path',
    ['meet', 'ZJJ-2026-0001', '--led-by', '区办', '--opinion', 'x', '--participants', '../x', ...STEP],
    /不能进行|--participants/,
  ],
  [
    'decide: a decision out of range',
    ['decide', 'ZJJ-2026-0001', '--decision', '9', '--opinion', 'x', ...STEP],
    /不能进行|--decision/,
  ],
  ['validate: unknown format', ['validate', '--format', 'xml'], /--format/],
  ['validate: bad --as-of', ['validate', '--as-of', 'notadate'], /--as-of/],
  ['validate: --since a path', ['validate', '--since', '../../etc'], /--since/],
  ['validate: --since an option of git', ['validate', '--since', '--output=/tmp/bbcs-x'], /--since/],
  ['validate: --since empty', ['validate', '--since', ' '], /--since/],
  ['validate: a path outside the ledger', ['validate', '/etc'], /不在台账目录/],
  ['list: unit as a path', ['list', '--unit', '../qbb'], /单位/],
  ['list: unknown state', ['list', '--state', '未知'], /状态/],
  ['list: a year 99999', ['list', '--as-of', '99999-01-01'], /--as-of/],
  ['overdue: 30 February', ['overdue', '--as-of', '2026-02-30'], /--as-of/],
  ['weekly: unit as a path', ['weekly', '--unit', '../../x'], /单位/],
  ['track: unit as a path', ['track', '--unit', '../x'], /单位/],
  ['register --from: file missing', ['register', '--from', '/nonexistent/x.yaml', '--by', '测试'], /--from/],
  ['register --from: YAML alias bomb', ['register', '--from', aliasBomb, '--by', '测试'], /别名/],
  ['register --from: unit that escapes the ledger', ['register', '--from', unitEscape, '--by', '测试'], /unit/],
  ['register --from: __proto__ key', ['register', '--from', proto, '--by', '测试'], /__proto__/],
  ['register --from: an id with a path', ['register', '--from', idInside, '--by', '测试'], /id|工单编号/],
  ['register --from: a 6 MB file', ['register', '--from', huge, '--by', '测试'], /过大|大/],
  ['register --from: binary bytes', ['register', '--from', binary, '--by', '测试'], /UTF-8|编码/],
  ['register --from: a list, not a map', ['register', '--from', listFile, '--by', '测试'], /映射/],
  ['register: a phone that is not a number', ['register', '--phone', 'abc', '--by', '测试'], /--phone/],
  ['unit add: code with ..', ['unit', 'add', '--code', '../evil', ...UNIT_FLAGS], /单位代码/],
  ['unit add: upper-case code that clashes with zjj', ['unit', 'add', '--code', 'ZJJ', ...UNIT_FLAGS], /单位代码|zjj/],
  ['unit show: path', ['unit', 'show', '../qbb'], /单位/],
  ['calendar: 13th month', ['calendar', 'day', '2026-13-01'], /日期/],
  ['calendar: a path as date', ['calendar', 'day', '../../x'], /日期/],
  ['import: missing file', ['import', '/nonexistent.xlsx'], /不存在/],
  ['import: not an Excel file', ['import', fakeXlsx], /xlsx/],
  ['renumber: a file outside the ledger', ['renumber', '/etc/passwd'], /不在台账/],
  ['stats: a date that does not exist', ['stats', '--from', '2026-99-99'], /--from/],
  ['codeowners: empty --out', ['codeowners', '--out', ''], /--out/],
  ['init: inside an existing ledger', ['init', '.', '--ci', 'github'], /已有台账|--ci/],
];

describe('hostile inputs: exit 2, one Chinese sentence, the ledger unchanged', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)('%s', (_what, args, message) => {
    const r = runBbcs(args, repo.dir);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/\p{Script=Han}/u);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(git('rev-parse', 'HEAD')).toBe(HEAD);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('ledger text with control characters (an Excel import, a quoted escape)', () => {
  it('reaches the terminal harmlessly: no escape, tab or carriage return in show or list', () => {
    const r = tempLedger();
    try {
      const item = path.join(r.ledger, 'zjj/ZJJ-2026-0001.yaml');
      const text = readFileSync(item, 'utf8').replace(/^title: .*$/m, 'title: "清屏\\e[2J\\t制表\\r回车"');
      writeFileSync(item, text);
      for (const args of [
        ['show', 'ZJJ-2026-0001'],
        ['list', '--unit', 'zjj'],
      ]) {
        const out = runBbcs([...args, '--as-of', '2026-11-26'], r.dir);
        expect(out.status, out.stderr).toBe(0);
        expect(out.stdout).toContain('清屏\uFFFD[2J');
        expect(out.stdout).not.toMatch(/[\u001b\t\r]/);
      }
    } finally {
      r.cleanup();
    }
  });
});
