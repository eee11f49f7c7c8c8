import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, itemFile } from '../fixtures/diagnostics.js';
import { DEMO_LEDGER, runBbcs, tempLedger, type TempRepo } from '../helpers/temp-ledger.js';
import {
  chineseSizes,
  clippedGlyphs,
  convertToPdf,
  missingPrintTools,
  PRINT_PACKAGES,
  readPdf,
  strokedLines,
  type PrintedPage,
} from '../helpers/printed-pdf.js';

/**
 * Every workbook as it prints: converted to PDF by LibreOffice and read back, A4 in the right
 * orientation, the expected number of pages, every title and header in full, nothing cut off at
 * a cell's edge, the table text at ≥ 9 pt (no shrink-to-fit), borders, and a page number on
 * every page. Without LibreOffice these tests skip, loudly; BBCS_REQUIRE_PRINT=1 (CI) makes the
 * missing tools a failure.
 */

const missing = missingPrintTools();
const required = process.env.BBCS_REQUIRE_PRINT === '1';
if (missing.length > 0 && !required) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n打印检查已跳过：缺少 ${missing.join('、')}。安装：apt-get install ${PRINT_PACKAGES}\n` +
      `The print tests (tests/cli/print.test.ts) were SKIPPED: ${missing.join(', ')} not found.\n` +
      `Install them with: apt-get install ${PRINT_PACKAGES}  (CI sets BBCS_REQUIRE_PRINT=1 to fail instead)\n${line}\n`,
  );
}

const AS_OF = ['--as-of', '2026-11-26'];
const LONG_ID = 'ZJJ-2026-0900';
/** Long enough to need more than the tallest row Excel allows on 附件3. */
const LONG_REASON = Array.from(
  { length: 40 },
  (_, i) => `第${i + 1}点：申请人提交的材料涉及住建、城管、市场监管等多个部门的职责，本单位无法单独认定和办理。`,
).join('');
const PRINCIPAL = '周建国';

interface Expected {
  /** Output file name and the bbcs arguments that write it. */
  file: string;
  args: (out: string) => string[];
  orientation: 'portrait' | 'landscape';
  pages: number | ((pages: number) => boolean);
  /**
   * Texts that must print whole (spaces aside): the 附件N label, titles, each header cell, filled-in
   * lines. LibreOffice draws a cell's lines one after the other, but not the cells of a row in order.
   */
  texts: string[];
  /** Texts that must print on every page (the repeated header). */
  everyPage?: string;
}

const WEEKLY_HEADERS = ['序号', '工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间'];
const TRACK_HEADERS = ['工单编号', '办理对象', '联系电话', '反映事项', '受理人', '受理时间', '处理结果', '办结时间'];
const WORKBOOKS: Expected[] = [
  {
    file: 'form3.xlsx',
    args: (out) => ['form', 'WANGYING-2026-0001', '--out', out],
    orientation: 'portrait',
    pages: 1,
    texts: ['附件3', '“办不成事”事项登记表', '登记单位：', '工单编号：WANGYING-2026-0001', '受理事项名称', '备注'],
  },
  {
    file: 'form3-long.xlsx',
    args: (out) => ['form', LONG_ID, '--out', out],
    orientation: 'portrait',
    pages: (n) => n >= 2,
    texts: ['附件3', '“办不成事”事项登记表', LONG_REASON.slice(0, 40), LONG_REASON.slice(-40)],
  },
  {
    file: 'form2.xlsx',
    args: (out) => ['form', '--contacts', '--unit', 'zjj', '--out', out],
    orientation: 'portrait',
    pages: 1,
    texts: [
      '附件2',
      '“办不成事”工作联系表',
      '单位名称：淮阴区住房和城乡建设局',
      `主要领导：${PRINCIPAL}`,
      '分管领导',
      '牵头科室',
      '负责人',
      '联系人',
      '职务',
      '联系电话',
    ],
  },
  {
    file: 'weekly.xlsx',
    args: (out) => ['weekly', '--unit', 'scj', '--week', '2026-07-22', '--by', '王敏', '--out', out, ...AS_OF],
    orientation: 'landscape',
    pages: 1,
    texts: [
      '附件4',
      '“办不成事”事项汇总表',
      '填报单位：淮阴区市场监督管理局',
      ...WEEKLY_HEADERS,
      '主要领导：',
      '填报人：王敏',
      '填报时间：2026年11月26日',
    ],
  },
  {
    file: 'weekly-all.xlsx',
    args: (out) => ['weekly', '--all', '--week', '2026-07-22', '--out', out, ...AS_OF],
    orientation: 'landscape',
    // The district sheet and one for each of the five units, one page each.
    pages: 6,
    texts: ['附件4', '“办不成事”事项汇总表（全区）', '填报单位', ...WEEKLY_HEADERS],
  },
  {
    file: 'track.xlsx',
    args: (out) => ['track', '--out', out, ...AS_OF],
    orientation: 'landscape',
    pages: (n) => n >= 2 && n <= 16,
    texts: ['附件5', '“办不成事”事项处理进度跟踪台账', ...TRACK_HEADERS, '（处理进度明细）', '期限与完成情况'],
    everyPage: '工单编号',
  },
  {
    file: 'overdue.xlsx',
    args: (out) => ['overdue', '--xlsx', out, ...AS_OF],
    orientation: 'landscape',
    pages: 1,
    texts: [
      '“办不成事”事项逾期与临期清单',
      ...['责任单位', '工单编号', '受理事项名称', '办理对象', '联系电话', '应办', '期限', '状态'],
      ...['逾期工作日', '剩余工作日'],
    ],
  },
  {
    file: 'stats.xlsx',
    args: (out) => ['stats', '--xlsx', out, ...AS_OF],
    orientation: 'landscape',
    pages: 4,
    texts: [
      '“办不成事”事项登记与分类统计',
      '登记时间：截至2026-11-26；数据截至2026-11-2623:59',
      ...['单位', '登记', '范围一', '范围六', '第1类', '第4类', '上报区办'],
      '“办不成事”事项研判与办结统计',
      '办结用时中位数（工作日）',
      '“办不成事”事项办理时限与满意度统计',
      ...['反馈按时', '备案按时', '红牌（现）', '黄牌（现）', '曾逾期', '基本满意', '不满意', '满意率'],
      '“办不成事”工作单位排名',
    ],
  },
  {
    file: 'accountability.xlsx',
    args: (out) => ['accountability', '--xlsx', out, ...AS_OF],
    orientation: 'landscape',
    pages: 2,
    texts: [
      '“办不成事”工作问责情况汇总',
      ...['未按时上报区办', '未列入当周汇总表', '反馈逾期', '备案逾期', '合计'],
      '“办不成事”工作问责明细',
      ...['单位', '情形', '工单编号', '说明'],
    ],
  },
  {
    file: 'cases.xlsx',
    args: (out) => ['cases', '--xlsx', out],
    orientation: 'landscape',
    pages: 1,
    texts: ['“办不成事”典型案例', ...['序号', '类型', '单位', '事项', '“办不成事”原因', '办理经过', '区办点评']],
  },
];

/** The page's printable band: A4 less the 0.5 inch side margins, less a point for rounding. */
const SIDE_MARGIN = 36 - 1;
const MIN_SIZE = 9;

describe.skipIf(missing.length > 0 && !required)('printed workbooks (LibreOffice → PDF)', () => {
  let repo: TempRepo;
  const printed = new Map<string, { pdf: string; pages: PrintedPage[] }>();

  beforeAll(() => {
    if (missing.length > 0)
      throw new Error(`BBCS_REQUIRE_PRINT=1，但缺少 ${missing.join('、')}：apt-get install ${PRINT_PACKAGES}`);
    const unit = readFileSync(path.join(DEMO_LEDGER, 'zjj/unit.yaml'), 'utf8');
    repo = tempLedger(
      {
        'zjj/unit.yaml': edit(unit, 'kind: 区直单位', `kind: 区直单位\nprincipal: ${PRINCIPAL}`),
        [`zjj/${LONG_ID}.yaml`]: itemFile(LONG_ID, {
          title: '老旧小区加装电梯涉及规划、住建、市场监管和供电等部门审批，业主意见不一，无法单独办理',
          reason: LONG_REASON,
        }),
      },
      DEMO_LEDGER,
    );
    const files = WORKBOOKS.map((w) => {
      const out = path.join(repo.dir, w.file);
      const r = runBbcs(w.args(out), repo.dir);
      expect([0, 1], `${w.file}: ${r.stderr}`).toContain(r.status);
      return out;
    });
    convertToPdf(files, repo.dir);
    for (const w of WORKBOOKS) {
      const pdf = path.join(repo.dir, w.file.replace(/\.xlsx$/, '.pdf'));
      printed.set(w.file, { pdf, pages: readPdf(pdf) });
    }
  }, 600_000);
  afterAll(() => repo?.cleanup());

  it.each(WORKBOOKS)('$file: A4, its pages, every title and header whole', (w) => {
    const { pages } = printed.get(w.file)!;
    if (typeof w.pages === 'number') expect(pages.length).toBe(w.pages);
    else expect(w.pages(pages.length), `${pages.length} pages`).toBe(true);
    for (const page of pages) {
      const [short, long] = [595.3, 841.9];
      const [width, height] = w.orientation === 'portrait' ? [short, long] : [long, short];
      expect(page.width).toBeCloseTo(width, 0);
      expect(page.height).toBeCloseTo(height, 0);
    }
    const all = pages.map((p) => p.text).join('');
    for (const text of w.texts) expect(all, text).toContain(text.replace(/\s/g, ''));
    pages.forEach((page, i) => {
      expect(page.text, `page ${i + 1}`).toContain(`第${i + 1}页，共${pages.length}页`);
      if (w.everyPage) expect(page.text, `page ${i + 1}`).toContain(w.everyPage);
    });
  });

  it.each(WORKBOOKS)('$file: nothing cut off, nothing outside the margins', (w) => {
    const { pdf, pages } = printed.get(w.file)!;
    expect(clippedGlyphs(pdf, pages.length)).toEqual([]);
    for (const page of pages) {
      const outside = page.words.filter((word) => word.xMin < SIDE_MARGIN || word.xMax > page.width - SIDE_MARGIN);
      expect(outside.map((word) => word.text)).toEqual([]);
    }
  });

  it.each(WORKBOOKS)('$file: text at 9 pt or more, with borders', (w) => {
    const { pdf, pages } = printed.get(w.file)!;
    const sizes = pages.flatMap(chineseSizes);
    expect(sizes.length).toBeGreaterThan(0);
    const smallest = sizes.reduce((a, b) => (b.size < a.size ? b : a));
    expect(smallest.size, `「${smallest.text}」`).toBeGreaterThanOrEqual(MIN_SIZE);
    // A bordered table has at least a line above, below and on both sides of a row.
    pages.forEach((_, i) => expect(strokedLines(pdf, i + 1), `page ${i + 1}`).toBeGreaterThanOrEqual(4));
  });

  it('附件5: an id never breaks over two lines', () => {
    const words = printed.get('track.xlsx')!.pages.flatMap((p) => p.words.map((word) => word.text));
    for (const id of ['WANGYING-2026-0001', 'MATOU-2026-0001', 'SCJ-2026-0004', LONG_ID]) expect(words).toContain(id);
  });
});
