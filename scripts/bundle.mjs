#!/usr/bin/env node
// Bundles the program into dist/app/ for running: Node.js loads ES modules one file at a time,
// and bbcs's own ~80 modules plus zod's ~95 took 0.1–0.15 s of every command's start. Commands
// stay separate chunks, loaded only when run. Packages that load lazily or are CommonJS stay
// outside (exceljs, yaml, @inquirer/prompts, chinese-days, commander). The chunks sit one folder
// below dist/, as the modules tsc emits do, so paths they resolve from their own location
// (package.json, templates/, the worker scripts beside them) hold in both.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(repo, 'dist', 'app');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: repo,
  entryPoints: ['src/cli/main.ts', 'src/io/check-worker.ts', 'src/io/folder-worker.ts'],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Less text to parse at every start; names are kept, so a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['exceljs', 'yaml', '@inquirer/prompts', 'chinese-days', 'commander'],
  logLevel: 'warning',
});
