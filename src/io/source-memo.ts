import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDirFor, cacheDisabled, ensureCacheDir, programFingerprint, SOURCES_FILE } from './cache-place.js';
import { sha1Of } from './cache.js';
import { writeFileAtomic } from './atomic-write.js';
import { cleanSource, readSource } from './parse-fast.js';
import type { YamlSource } from './yaml-source.js';

/**
 * The ledger's few other files (units, policy, calendar) read once and remembered by the SHA-1
 * of their bytes: a policy with flow collections (`{ decision: [4] }`) needs the positional
 * parser, whose loading and first parse cost more than a warm run's whole check otherwise.
 * Only values read without any problem are remembered; positions are still worked out from the
 * file itself when a check needs them. Same folder, same safety rules as the item cache.
 */

const FORMAT = 1;

interface Stored {
  format: number;
  code: string;
  values: Record<string, unknown>;
}

/** JSON keeps what a ledger file holds, except NaN and ±Infinity (`.nan`, `.inf`): such a value is not remembered. */
function keepsInJson(value: unknown): boolean {
  let keeps = true;
  JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) keeps = false;
    return v;
  });
  return keeps;
}

export class SourceMemo {
  private readonly used: Record<string, unknown> = {};
  private changed = false;

  private constructor(
    private readonly dir: string | undefined,
    private readonly code: string,
    private readonly known: Record<string, unknown>,
  ) {}

  static open(root: string): SourceMemo {
    if (cacheDisabled()) return new SourceMemo(undefined, '', {});
    const dir = cacheDirFor(root);
    const code = programFingerprint(FORMAT);
    let known: Record<string, unknown> = {};
    try {
      const stored = JSON.parse(readFileSync(path.join(dir, SOURCES_FILE), 'utf8')) as Stored;
      if (
        stored?.format === FORMAT &&
        stored.code === code &&
        typeof stored.values === 'object' &&
        stored.values !== null
      )
        known = stored.values;
    } catch {
      // Missing or damaged: read the files afresh.
    }
    return new SourceMemo(dir, code, known);
  }

  read(file: string, bytes: Uint8Array): YamlSource {
    if (!this.dir) return readSource(file, bytes);
    const key = sha1Of(bytes);
    if (Object.hasOwn(this.known, key)) {
      this.used[key] = this.known[key];
      return cleanSource(file, bytes, this.known[key]);
    }
    const source = readSource(file, bytes);
    if (source.value !== undefined && source.diagnostics.length === 0 && keepsInJson(source.value)) {
      this.used[key] = source.value;
      this.changed = true;
    }
    return source;
  }

  save(): void {
    if (!this.dir || (!this.changed && Object.keys(this.used).length === Object.keys(this.known).length)) return;
    try {
      ensureCacheDir(this.dir);
      writeFileAtomic(
        path.join(this.dir, SOURCES_FILE),
        JSON.stringify({ format: FORMAT, code: this.code, values: this.used } satisfies Stored),
      );
    } catch {
      // Not remembered: the next run reads the files again.
    }
  }
}
