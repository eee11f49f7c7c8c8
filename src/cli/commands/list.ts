import { maskName, maskPhone } from '../../core/mask.js';
import { listItems, parseListQuery, type ListQueryText, type ListRow } from '../../core/reports/list.js';
import type { Item } from '../../core/schema/item.js';
import type { Unit } from '../../core/schema/unit.js';
import { formatChinaMinute, formatChinaTimestamp } from '../../core/time.js';
import { STATE_NAMES } from '../../core/workflow/states.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { fitRow, renderGrid } from '../format/table.js';
import { openLedger } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';

interface ListOptions extends LedgerOptions, ListQueryText {
  json?: boolean;
  unmask?: boolean;
}

const partyName = (item: Item, unmask: boolean) =>
  unmask || item.party.kind === '企业' ? item.party.name : maskName(item.party.name);

function toJson(
  rows: readonly ListRow[],
  total: number,
  units: ReadonlyMap<string, Unit>,
  files: ReadonlyMap<string, string>,
  unmask: boolean,
): unknown {
  return {
    count: rows.length,
    total,
    items: rows.map((row) => ({
      id: row.item.id,
      unit: row.item.unit,
      unitName: units.get(row.item.unit)?.name ?? row.item.unit,
      party: {
        name: partyName(row.item, unmask),
        kind: row.item.party.kind,
        phone: unmask ? row.item.party.phone : maskPhone(row.item.party.phone),
      },
      title: row.item.title,
      reason: row.item.reason,
      remark: row.item.remark ?? null,
      scope: row.item.scope,
      channel: row.item.channel,
      class: row.itemClass ?? null,
      responsibleUnit: row.responsibleUnit ?? null,
      registeredAt: row.registeredAt !== undefined ? formatChinaTimestamp(row.registeredAt) : null,
      registeredBy: row.registeredBy ?? null,
      state: row.state,
      stateName: STATE_NAMES[row.state],
      file: files.get(row.item.id) ?? null,
    })),
  };
}

const LIST_WIDTHS = [20, 18, 20, 30, 18, 20];

export function runList(options: ListOptions): number {
  const { ledger } = openLedger(options);
  const query = parseListQuery(options, ledger.units);
  if (!query.ok) throw new UsageError(query.message);
  const items = [...ledger.items.values()].map((e) => e.item);
  const rows = listItems(items, query.filter);
  const unmask = options.unmask === true;
  const filtered = Object.keys(query.filter).length > 0;

  if (options.json) {
    const files = new Map([...ledger.items].map(([id, e]) => [id, e.file]));
    process.stdout.write(`${JSON.stringify(toJson(rows, items.length, ledger.units, files, unmask), null, 2)}\n`);
    return EXIT_OK;
  }
  const out = process.stdout;
  if (rows.length > 0) {
    const cells = rows.map((row) => {
      const unit = ledger.units.get(row.item.unit)?.name ?? row.item.unit;
      const at = row.registeredAt !== undefined ? formatChinaMinute(row.registeredAt) : '';
      return fitRow(
        [row.item.id, unit, partyName(row.item, unmask), row.item.title, at, STATE_NAMES[row.state]],
        LIST_WIDTHS,
      );
    });
    const table = renderGrid(cells, {
      head: ['工单编号', '登记单位', '办理对象', '受理事项名称', '受理时间', '当前状态'],
      colWidths: LIST_WIDTHS,
    });
    out.write(`${table}\n`);
  } else {
    out.write(filtered ? '没有符合条件的事项。\n' : '台账中还没有事项。\n');
  }
  out.write(filtered ? `共 ${rows.length} 件（台账中共 ${items.length} 件）。\n` : `共 ${rows.length} 件。\n`);
  return EXIT_OK;
}
