import { createHash } from 'node:crypto';
import type { LedgerContext } from '../core/checks/context.js';
import { checkItem, type ItemCheck } from '../core/checks/item.js';
import { itemFacets } from '../core/reports/facets.js';
import type { Policy } from '../core/schema/policy.js';
import { parseTimestamp } from '../core/time.js';
import type { CachedCheck } from './cache.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { readBytes, type LedgerFile } from './ledger-scan.js';
import { readSource } from './parse-fast.js';
import { encodeItemJson } from './item-json.js';

/** Checking one item file from its bytes: the same work in the main thread and in the check workers. */

/** What an item file's check depends on besides its bytes. */
export interface ItemCheckContext extends LedgerContext {
  policy: Policy;
  office: string;
}

export interface CheckedFile {
  check: CachedCheck;
  /** The item as JSON (encodeItemJson), when the file holds a usable item. */
  json?: Uint8Array;
}

/** The latest event time in an item file's value: "now" matters to its checks only before it. */
function latestEvent(value: unknown): number {
  let latest = -Infinity;
  const events = (value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return latest;
  for (const event of events) {
    const at = (event as { at?: unknown } | null)?.at;
    if (typeof at !== 'string') continue;
    const parsed = parseTimestamp(at);
    if (parsed.ok && parsed.epochMs > latest) latest = parsed.epochMs;
  }
  return latest;
}

/**
 * One item file parsed and checked, its diagnostics located. The quick parse serves clean files;
 * a file it declines, or one whose checks find something, is parsed with positions.
 */
export function checkItemFile(entry: LedgerFile, context: LedgerContext): ItemCheck & { latest: number } {
  const source = readSource(entry.file, entry.bytes!);
  if (source.value === undefined)
    return { links: [], diagnostics: source.diagnostics.map((d) => source.locate(d)), latest: -Infinity };
  // Fields named one by one, not spread: a first run on a large ledger does this for every file.
  const { item, id, links, diagnostics } = checkItem(source.value, entry, context);
  const located =
    source.diagnostics.length + diagnostics.length === 0
      ? diagnostics
      : [...source.diagnostics, ...diagnostics].map((d) => source.locate(d));
  return { item, id, links, diagnostics: located, latest: latestEvent(source.value) };
}

export function checkItemBytes(entry: LedgerFile, context: ItemCheckContext): CheckedFile {
  const { item, id, links, diagnostics, latest } = checkItemFile(entry, context);
  if (!item) return { check: { id, links, diagnostics, latest } };
  return {
    check: { id, links, diagnostics, latest, facets: itemFacets(item, context.policy, context.office) },
    json: encodeItemJson(item),
  };
}

/**
 * A listed item file read, hashed and checked; problems reading it (too large, unreadable) are
 * its only findings then. A file whose bytes have the known SHA-1 is hashed and left unchecked:
 * `sha1` without `checked`.
 */
export interface FileCheck {
  problems: Diagnostic[];
  sha1?: string;
  checked?: CheckedFile;
}

/** `known`: the SHA-1 (20 bytes) of the bytes the cache has checked this file with, if it has. */
export function readAndCheck(
  root: string,
  listed: LedgerFile,
  context: ItemCheckContext,
  known?: Uint8Array,
): FileCheck {
  const problems: Diagnostic[] = [];
  const read = readBytes(root, listed, problems);
  if (!read.bytes) return { problems };
  const digest = createHash('sha1').update(read.bytes).digest();
  const sha1 = digest.toString('hex');
  if (known && digest.equals(known)) return { problems, sha1 };
  return { problems, sha1, checked: checkItemBytes(read, context) };
}
