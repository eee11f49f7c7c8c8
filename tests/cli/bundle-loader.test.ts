import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

interface Loader {
  load(name: string): Record<string, unknown>;
  codeCacheRejected(name: string): boolean;
  writeCodeCaches(): void;
}
const { BundleLoader } = (await import(pathToFileURL(path.resolve('bin/bundle-loader.mjs')).href)) as {
  BundleLoader: new (app: string) => Loader;
};

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tinyApp(): string {
  const app = mkdtempSync(path.join(tmpdir(), 'bbcs-app-')) + path.sep;
  temporary.push(app);
  writeFileSync(path.join(app, 'main.js'), 'exports.main = () => require("./commands.js").answer * 2;');
  writeFileSync(path.join(app, 'commands.js'), 'exports.answer = 21;');
  return app;
}

describe('bundle loader', () => {
  it('compiles the built program with code caches V8 accepts (npm run build records them)', () => {
    const loader = new BundleLoader(path.resolve('dist/app') + path.sep);
    expect(typeof loader.load('main.js').main).toBe('function');
    expect(typeof loader.load('commands.js').loadCommand).toBe('function');
    expect(typeof loader.load('excel.js').Workbook).toBe('function');
    for (const bundle of ['main.js', 'commands.js', 'excel.js'])
      expect(loader.codeCacheRejected(bundle), bundle).toBe(false);
  });

  it('runs a bundle without a cache, or with one V8 turns down, and records one it then accepts', () => {
    const app = tinyApp();
    const first = new BundleLoader(app);
    expect((first.load('main.js').main as () => number)()).toBe(42);
    expect(first.codeCacheRejected('main.js')).toBe(true);
    first.writeCodeCaches();

    const second = new BundleLoader(app);
    expect((second.load('main.js').main as () => number)()).toBe(42);
    expect(second.codeCacheRejected('main.js')).toBe(false);
    expect(second.codeCacheRejected('commands.js')).toBe(false);

    // The bundle rebuilt to the same length, its old cache left beside it: V8 alone would run the old code.
    writeFileSync(path.join(app, 'main.js.new'), 'exports.main = () => require("./commands.js").answer * 3;');
    renameSync(path.join(app, 'main.js.new'), path.join(app, 'main.js'));
    const third = new BundleLoader(app);
    expect((third.load('main.js').main as () => number)()).toBe(63);
    expect(third.codeCacheRejected('main.js')).toBe(true);

    writeFileSync(path.join(app, 'commands.js.cache'), 'not a code cache');
    expect((new BundleLoader(app).load('main.js').main as () => number)()).toBe(63);
  });
});
