import path from 'node:path';
import { maskName, maskPhone } from '../../core/mask.js';
import type { Unit } from '../../core/schema/unit.js';
import { formatChinaMinute, parseTimestamp } from '../../core/time.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { openLedger, requireItem } from '../ledger-session.js';
import type { LedgerOptions } from '../options.js';
import { unknownUnitMessage } from '../../core/unit-choice.js';

interface FormOptions extends LedgerOptions {
  contacts?: boolean;
  unit?: string;
  out?: string;
  mask?: boolean;
}

/** A unit's form 2 with every phone number masked (a copy to send outside). */
function maskedUnit(unit: Unit): Unit {
  return {
    ...unit,
    leader: { ...unit.leader, phone: maskPhone(unit.leader.phone) },
    lead_section: { ...unit.lead_section, phone: maskPhone(unit.lead_section.phone) },
    contact: { ...unit.contact, phone: maskPhone(unit.contact.phone) },
  };
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

export async function runForm(id: string | undefined, options: FormOptions): Promise<number> {
  if (id === undefined && !options.contacts)
    throw new UsageError('请给出工单编号（打印事项登记表，附件3），或用 --contacts 打印工作联系表（附件2）');
  if (id !== undefined && options.contacts) throw new UsageError('工单编号与 --contacts 只能选一个');
  const { ledger } = openLedger(options);
  const forms = await import('../../io/excel/forms-workbook.js');
  if (options.contacts) {
    const units = options.unit === undefined ? [...ledger.units.values()] : [ledger.units.get(options.unit)];
    if (units.some((u) => u === undefined))
      throw new UsageError(unknownUnitMessage(options.unit!, ledger.units.values()));
    const file = path.resolve(
      options.out ?? `附件2_办不成事工作联系表_${options.unit ? units[0]!.name : '全部单位'}.xlsx`,
    );
    await forms.writeContactForms(
      units.map((u) => (options.mask ? maskedUnit(u!) : u!)),
      file,
    );
    process.stdout.write(`已生成工作联系表（附件2）：${shown(file)}（${units.length} 个单位）\n`);
    return EXIT_OK;
  }
  const { item } = requireItem(ledger, id!);
  const registered = item.events[0]!;
  const at = parseTimestamp(registered.at);
  const file = path.resolve(options.out ?? `附件3_办不成事事项登记表_${item.id}.xlsx`);
  await forms.writeRegistrationForm(
    {
      unitName: ledger.units.get(item.unit)?.name ?? item.unit,
      id: item.id,
      party: `${options.mask && item.party.kind === '群众' ? maskName(item.party.name) : item.party.name}（${item.party.kind}）`,
      phone: options.mask ? maskPhone(item.party.phone) : item.party.phone,
      receivedBy: registered.by,
      receivedAt: at.ok ? formatChinaMinute(at.epochMs) : registered.at,
      title: item.title,
      reason: item.reason,
      remark: item.remark ?? '',
    },
    file,
  );
  process.stdout.write(`已生成事项登记表（附件3）：${shown(file)}\n`);
  return EXIT_OK;
}
