// The floor for every command: find and read every file of a ledger, nothing else. With
// --js-yaml it also parses each YAML file with js-yaml, the other floor the scale issue names
// ("reading 100k files ≈ 1.0 s, parsing them with js-yaml ≈ 5 s"): the two together tell how
// this machine compares with the one the targets were set on.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const parse = process.argv.includes('--js-yaml');
// Loaded only when asked for, so that the reading floor has nothing else in it.
const yaml = parse ? (await import('js-yaml')).default : undefined;
const root = process.argv.slice(2).find((a) => !a.startsWith('--'));
let bytes = 0;
let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) {
      const content = readFileSync(p);
      if (yaml && e.name.endsWith('.yaml')) yaml.load(content.toString('utf8'));
      bytes += content.length;
      files++;
    }
  }
};
walk(root);
console.log(`${files} files, ${bytes} bytes`);
