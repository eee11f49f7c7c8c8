#!/usr/bin/env node
// Bundles the program into dist/app/ for running, then records V8's compiled code for it.
//
// Node.js loads ES modules one file at a time and compiles every one at every start: bbcs's own
// ~80 modules plus zod's took 0.1–0.15 s of each command's start, and compiling even a bundle of
// them took 40–50 ms. So the program is CommonJS bundles, which bin/bbcs compiles with the code
// cache written here (Node.js 20 offers one only to scripts compiled through node:vm, not to ES
// modules); V8 refuses a cache from another Node.js version or another source, and the bundle is
// then compiled as usual. The cache is written by running the program once on the demo ledger,
// so that it holds what a command runs, not just the top-level code.
//
// - main.js: the command line — declarations, help, option errors. It stays small, so that
//   `bbcs --help` neither reads nor compiles the rest.
// - commands.js: every command (src/cli/command-modules.ts), loaded when one runs. main.js
//   reaches it through loadCommand, which in main.js is a stub that requires it.
// - excel.js: exceljs's workbook, which import reads sheets with (scripts/excel-entry.cjs), loaded by
//   src/io/excel/exceljs.ts, which in commands.js is a stub that requires it.
// - check-worker.js, folder-worker.js: the worker threads' scripts.
//
// Packages that load lazily or are ES-only stay outside (exceljs, yaml, @inquirer/prompts,
// chinese-days, commander). The bundles sit one folder below dist/, as the modules tsc emits do,
// so paths they resolve from their own location (package.json, templates/, the worker scripts
// beside them) hold in both.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(repo, 'dist', 'app');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
// The package is ESM; the bundles are CommonJS, as the worker threads load them too.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
const common = {
  absWorkingDir: repo,
  outdir,
  entryNames: '[name]',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Less text to parse at every start; names are kept, so a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // The sources locate files beside themselves by import.meta.url, which CommonJS lacks.
  define: { 'import.meta.url': '__bbcsModuleUrl' },
  banner: { js: 'var __bbcsModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  external: ['exceljs', 'yaml', '@inquirer/prompts', 'chinese-days', 'commander'],
  logLevel: 'warning',
};

/**
 * A module replaced by a stub that requires another bundle (bin/bbcs gives that require the
 * bundle's code cache): the stub has the module's exports.
 */
const apart = (name, modulePath, bundle, contents) => ({
  name,
  setup(build) {
    build.onResolve({ filter: modulePath }, () => ({ path: name, namespace: name }));
    build.onResolve({ filter: new RegExp(`^\\./${bundle.replace('.', '\\.')}$`) }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents, loader: 'js' }));
  },
});
const commandsApart = apart(
  'commands-apart',
  /\/command-modules\.js$/,
  'commands.js',
  'export function loadCommand(name) { return require("./commands.js").loadCommand(name); }',
);
const excelApart = apart(
  'excel-apart',
  /\/excel\/exceljs\.js$|^\.\/exceljs\.js$/,
  'excel.js',
  'export const Workbook = require("./excel.js").Workbook;',
);

/**
 * A script compiled through node:vm cannot use import() without an experimental flag or warning,
 * so the one ES-only package loaded at run time (@inquirer/prompts, for questions at the counter)
 * is imported by bin/bbcs, which hands its import to the bundle as `importEsm`.
 */
const importThroughLoader = {
  name: 'import-through-loader',
  setup(build) {
    build.onLoad({ filter: /src[\\/]cli[\\/]prompts\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const call = "import('@inquirer/prompts')";
      if (source.split(call).length !== 2) throw new Error(`${args.path}: expected ${call} once`);
      return { contents: source.replace(call, "importEsm('@inquirer/prompts')"), loader: 'ts' };
    });
  },
};

await build({ ...common, entryPoints: ['src/cli/main.ts'], plugins: [commandsApart] });
await build({
  ...common,
  entryPoints: { commands: 'src/cli/command-modules.ts' },
  plugins: [importThroughLoader, excelApart],
});
await build({ ...common, entryPoints: { excel: 'scripts/excel-entry.cjs' }, external: [] });
await build({ ...common, entryPoints: ['src/io/check-worker.ts', 'src/io/folder-worker.ts'] });

// An import() left in a bundle compiled through node:vm would fail when it runs (see above).
for (const name of ['main.js', 'commands.js']) {
  const found = /\bimport\(\s*["'`]/.exec(readFileSync(path.join(outdir, name), 'utf8'));
  if (found)
    throw new Error(`dist/app/${name} still has an import(): ${found.input.slice(found.index, found.index + 80)}`);
}

// Runs on the demo ledger record the code caches, each for the bundles it loads that have none
// yet: validate, with the check cache off so that the items are read and checked; an export; then
// a dry-run import of that export, which loads excel.js (exceljs reads workbooks; bbcs writes them
// with its own writer, src/io/excel/print-workbook.ts).
const demo = path.join(repo, 'ledger');
const exported = path.join(tmpdir(), `bbcs-build-${process.pid}.xlsx`);
const runs = existsSync(demo)
  ? [
      ['validate', '--ledger', demo, '--as-of', '2026-11-26'],
      ['track', '--unit', 'zjj', '--ledger', demo, '--as-of', '2026-11-26', '--out', exported],
      // Finds every row already in the ledger (exit 1) and writes nothing.
      ['import', exported, '--dry-run', '--unit', 'zjj', '--ledger', demo, '--as-of', '2026-11-26'],
    ]
  : [['--help']];
for (const argv of runs) {
  const run = spawnSync(process.execPath, [path.join(repo, 'bin', 'bbcs'), ...argv], {
    env: { ...process.env, BBCS_NO_CACHE: '1', BBCS_WRITE_CODE_CACHE: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) {
    process.stderr.write(
      `bundle: bbcs ${argv[0]}, run to record the code cache, failed (${run.status}); bbcs works without it\n${run.stderr}`,
    );
  }
}
rmSync(exported, { force: true });
