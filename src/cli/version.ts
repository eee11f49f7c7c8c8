import { readFileSync } from 'node:fs';

/** The version from package.json, read once at start-up (small file, no JSON import flags). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
