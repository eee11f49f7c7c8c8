import path from 'node:path';
import { maskName, maskPhone } from '../../core/mask.js';
import { officeCode } from '../../core/reports/overdue.js';
import { trackRows, type TrackRow } from '../../core/reports/track.js';
import { formatChinaMinute, isCivilDate } from '../../core/time.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { openLedger } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';
import { unknownUnitMessage } from '../../core/unit-choice.js';
import { compareCodes } from '../../core/text.js';

interface TrackOptions extends LedgerOptions {
  unit?: string;
  from?: string;
  to?: string;
  out?: string;
  mask?: boolean;
  json?: boolean;
}

function civil(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !isCivilDate(value))
    throw new UsageError(`${flag} 的值「${value}」不是有效日期：写成 YYYY-MM-DD，如 2026-01-01`);
  return value;
}

export async function runTrack(options: TrackOptions): Promise<number> {
  const from = civil(options.from, '--from');
  const to = civil(options.to, '--to');
  const { ledger, asOf, rulesNote } = openLedger(options, { deadlines: true });
  const unit = options.unit === undefined ? undefined : ledger.units.get(options.unit);
  if (options.unit !== undefined && !unit)
    throw new UsageError(unknownUnitMessage(options.unit, ledger.units.values()));
  // Items are read one by one as rows are written, and not kept: a large ledger's export holds
  // only the rows in flight. Ids are the map's keys, so the order is known before reading.
  const chosen = [...ledger.items]
    .filter(([, e]) => options.unit === undefined || e.facets.unit === options.unit)
    .sort(([a], [b]) => compareCodes(a, b));
  const items = function* () {
    for (const [, entry] of chosen) yield entry.read();
  };
  const query = {
    asOf,
    ...(options.unit ? { unit: options.unit } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const rows = trackRows(items(), ledger.policy, ledger.calendar, officeCode(ledger.units), query);
  const scope = `${unit ? unit.name : '全区'}${from || to ? `，受理时间 ${from ?? '最早'} 至 ${to ?? '今'}` : ''}，截至 ${formatChinaMinute(asOf)}`;
  const file = path.resolve(options.out ?? `附件5_办不成事事项处理进度跟踪台账_${unit ? unit.name : '全区'}.xlsx`);
  const mask = options.mask
    ? (r: TrackRow) => ({ party: r.partyKind === '群众' ? maskName(r.party) : r.party, phone: maskPhone(r.phone) })
    : undefined;

  const { writeTrackWorkbook } = await import('../../io/excel/track-workbook.js');
  const written = await writeTrackWorkbook(rows, file, {
    title: scope,
    created: new Date(),
    ids: chosen.map(([id]) => id),
    unitName: (code) => ledger.units.get(code)?.name ?? code,
    ...(mask ? { mask } : {}),
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ file, rows: written.rows, overdue: written.overdue, overdueOpen: written.overdueOpen, builtInRules: rulesNote !== undefined }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `跟踪台账（附件5）：${scope}，共 ${written.rows} 件，其中有逾期的 ${written.overdue} 件（仍未完成的红牌 ${written.overdueOpen} 件）。\n已生成 ${path.relative(process.cwd(), file) || file}\n${rulesNote ? `${rulesNote}\n` : ''}`,
    );
  }
  return EXIT_OK;
}
