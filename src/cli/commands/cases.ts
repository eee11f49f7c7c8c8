import { publishCases, typicalCases } from '../../core/reports/cases.js';
import { TYPICAL_KINDS, type TypicalKind } from '../../core/schema/vocabulary.js';
import { maskName, maskPhone } from '../../core/mask.js';
import type { SheetTable } from '../../io/excel/stats-workbook.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { openLedger } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';
import { exportTables, printTables } from './stats.js';

interface CasesOptions extends LedgerOptions {
  kind?: string;
  json?: boolean;
  xlsx?: string;
}

export async function runCases(options: CasesOptions): Promise<number> {
  if (options.kind !== undefined && !(TYPICAL_KINDS as readonly string[]).includes(options.kind)) {
    throw new UsageError(`--kind 的值「${options.kind}」不合法：应为 ${TYPICAL_KINDS.join('、')}`);
  }
  const { ledger } = openLedger(options);
  const items = new Map([...ledger.items.values()].map((e) => [e.item.id, e.item]));
  const cases = typicalCases(items.values(), ledger.units, options.kind as TypicalKind | undefined);
  const published = publishCases(cases, items, ledger.units);
  if (options.json) {
    // The JSON is for publication too: redacted, with the 工单编号 so each case can be traced internally.
    process.stdout.write(
      `${JSON.stringify({ cases: published.map((p, i) => ({ id: cases[i]!.id, ...p })) }, null, 2)}\n`,
    );
  } else if (cases.length === 0) {
    process.stdout.write(
      '台账中还没有标记为典型案例的事项（区办用 bbcs typical <工单编号> --kind 正面|负面 --comment … 标记）。\n',
    );
  } else {
    printTables([
      {
        name: '典型案例',
        title: '“办不成事”典型案例（内部清单：群众姓名和电话隐去中间部分，点评按公开版本隐去个人信息）',
        head: ['类型', '工单编号', '单位', '受理事项名称', '办理对象', '联系电话', '区办点评'],
        rows: cases.map((c, i) => [
          c.kind,
          c.id,
          c.unitName,
          c.title,
          c.partyKind === '企业' ? c.partyName : maskName(c.partyName),
          maskPhone(c.phone),
          published[i]!.comment,
        ]),
        terminalWidths: [6, 20, 16, 24, 14, 15, 30],
      },
    ]);
  }
  if (options.xlsx) {
    const table: SheetTable = {
      name: '典型案例',
      title: '“办不成事”典型案例',
      head: ['序号', '类型', '单位', '事项', '“办不成事”原因', '办理经过', '区办点评'],
      rows: published.map((p) => [p.seq, `${p.kind}典型`, p.unitName, p.title, p.reason, p.process, p.comment]),
      notes: [
        '本表供公开发布：已隐去当事企业和群众的名称、姓名、联系电话及工作人员姓名，办理经过按登记的办理步骤生成。',
      ],
    };
    await exportTables(options.xlsx, [table], options.json === true);
  }
  return EXIT_OK;
}
