import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPolicy } from '../core/checks/policy.js';
import { policyFrom } from '../core/deadlines/default-policy.js';
import type { Policy } from '../core/schema/policy.js';
import { POLICY_FILE } from './ledger-scan.js';
import { parseYamlSource } from './yaml-source.js';

/** The ledger's policy alone, for commands that need no items; the defaults when it is broken. */
export function ledgerPolicy(root: string): Policy {
  const file = path.join(root, POLICY_FILE);
  if (!existsSync(file)) return policyFrom(undefined);
  const source = parseYamlSource(POLICY_FILE, readFileSync(file));
  return (source.value !== undefined && checkPolicy(source.value, POLICY_FILE).policy) || policyFrom(undefined);
}
