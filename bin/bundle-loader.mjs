// Loads the program's CommonJS bundles from dist/app/, each compiled with the V8 code cache the
// build recorded beside it (see scripts/bundle.mjs): that saves compiling them at every start.
import { closeSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The names the bundles require each other by (see scripts/bundle.mjs). */
const BUNDLES = new Map([
  ['./commands.js', 'commands.js'],
  ['./excel.js', 'excel.js'],
]);

/**
 * A cache starts with the signature of the bundle it was made from (size, mtime, ctime, inode):
 * V8 checks only that a cache fits the source's length, so a bundle rebuilt to the same length
 * would otherwise run the old code.
 */
const SIGNATURE_BYTES = 4 * 8;
const signatureOf = (stats) => new Float64Array([stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino]);

function readCodeCache(file, stats) {
  let data;
  try {
    data = readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  const expected = Buffer.from(signatureOf(stats).buffer);
  return data.length > SIGNATURE_BYTES && expected.equals(data.subarray(0, SIGNATURE_BYTES))
    ? data.subarray(SIGNATURE_BYTES)
    : undefined;
}

function readBundle(file) {
  const fd = openSync(file, 'r');
  try {
    // Taken before the bytes: a bundle changed in between gets a signature no cache matches.
    const stats = fstatSync(fd);
    return { stats, source: readFileSync(fd, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

export class BundleLoader {
  /** Bundles loaded so far, by name, with the scripts they were compiled from. */
  #loaded = new Map();

  constructor(app) {
    this.app = app;
  }

  /** A bundle's exports, as `require` would give them, but compiled with its code cache. */
  load(name) {
    const known = this.#loaded.get(name);
    if (known) return known.module.exports;
    const file = path.join(this.app, name);
    const { stats, source } = readBundle(file);
    // The wrapper Node.js puts around a CommonJS module, plus an import() made here: one compiled
    // through node:vm would need an experimental flag (see scripts/bundle.mjs).
    const script = new vm.Script(
      `(function (exports, require, module, __filename, __dirname, importEsm) {${source}\n})`,
      {
        filename: file,
        cachedData: readCodeCache(file, stats),
      },
    );
    const module = { exports: {} };
    this.#loaded.set(name, { script, module, stats });
    const nodeRequire = createRequire(file);
    const require = Object.assign(
      (id) => (BUNDLES.has(id) ? this.load(BUNDLES.get(id)) : nodeRequire(id)),
      nodeRequire,
    );
    script.runInThisContext()(module.exports, require, module, file, this.app, (specifier) => import(specifier));
    return module.exports;
  }

  /** Whether V8 turned down the code cache of a bundle loaded (none, stale, or from another Node.js). */
  codeCacheRejected(name) {
    const known = this.#loaded.get(name);
    // Undefined when no cache was given.
    return known === undefined || known.script.cachedDataRejected !== false;
  }

  /**
   * Records the code caches of the bundles loaded that had none V8 accepted; after a run, they
   * hold the functions it compiled, not just the top level.
   */
  writeCodeCaches() {
    for (const [name, { script, stats }] of this.#loaded) {
      if (!this.codeCacheRejected(name)) continue;
      const file = path.join(this.app, `${name}.cache`);
      writeFileSync(
        `${file}.${process.pid}`,
        Buffer.concat([Buffer.from(signatureOf(stats).buffer), script.createCachedData()]),
      );
      renameSync(`${file}.${process.pid}`, file);
    }
  }
}
