// The floor for every command: find and read every file of a ledger, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

let bytes = 0;
let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) {
      bytes += readFileSync(p).length;
      files++;
    }
  }
};
walk(process.argv[2]);
console.log(`${files} files, ${bytes} bytes`);
