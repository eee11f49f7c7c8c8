import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { checkPolicy } from '../core/checks/policy.js';
import { policyFrom } from '../core/deadlines/default-policy.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Policy } from '../core/schema/policy.js';
import { POLICY_FILE, readBytes } from './ledger-scan.js';
import { parseYamlSource } from './yaml-source.js';

export interface LedgerPolicy {
  /** The rules in force: the file's, or the defaults of 第五条 when there is no file (or it is broken). */
  policy: Policy;
  /** The ledger has a policy.yaml (valid or not). */
  present: boolean;
  /** The file's problems, located. */
  diagnostics: Diagnostic[];
}

/** The ledger's policy alone, for commands that need no items. */
export function ledgerPolicy(root: string): LedgerPolicy {
  const file = path.join(root, POLICY_FILE);
  if (!existsSync(file) && !isLink(file)) return { policy: policyFrom(undefined), present: false, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const read = readBytes(root, { kind: 'policy', file: POLICY_FILE, folder: '', stem: 'policy' }, diagnostics);
  if (!read.bytes) return { policy: policyFrom(undefined), present: true, diagnostics };
  const source = parseYamlSource(POLICY_FILE, read.bytes);
  diagnostics.push(...source.diagnostics);
  if (source.value === undefined) return { policy: policyFrom(undefined), present: true, diagnostics };
  const checked = checkPolicy(source.value, POLICY_FILE);
  diagnostics.push(...checked.diagnostics.map((d) => source.locate(d)));
  return { policy: checked.policy ?? policyFrom(undefined), present: true, diagnostics };
}

/** A dangling symlink does not exist for existsSync, but it is there. */
function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
