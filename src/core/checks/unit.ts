import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { issuesToDiagnostics } from '../schema/issues.js';
import { keysAt } from '../schema/known-keys.js';
import { UNIT_SCHEMA, type Unit } from '../schema/unit.js';
import type { FilePlace } from './context.js';

export interface UnitCheck {
  unit?: Unit;
  diagnostics: Diagnostic[];
}

/** Checks a unit's `unit.yaml`: its 附件2 contact form and that it sits in its own folder. */
export function checkUnit(value: unknown, place: FilePlace): UnitCheck {
  const { file } = place;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      diagnostics: [
        diagnostic(
          'not-a-map',
          file,
          [],
          'unit.yaml 的顶层应是“字段: 值”的映射',
          '参照其他单位的 unit.yaml，从 code: 开始逐行填写',
        ),
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const parsed = UNIT_SCHEMA.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, file, [], (p) => keysAt(UNIT_SCHEMA, p)));
  }
  const code = (value as Record<string, unknown>).code;
  if (typeof code === 'string' && code !== place.folder) {
    diagnostics.push(
      diagnostic(
        'unit-code-mismatch',
        file,
        ['code'],
        `单位代码 ${code} 与所在目录 ${place.folder}/ 不一致`,
        `把目录改名为 ${code}/，或把单位代码改为 ${place.folder}`,
      ),
    );
  }
  return parsed.success ? { unit: parsed.data, diagnostics } : { diagnostics };
}
