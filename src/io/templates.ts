import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The files `bbcs init` lays down live in templates/ at the top of the package, beside src/ and
 * dist/, so they read as plain files in review. `{{name}}` is replaced by the value given.
 */
const TEMPLATES = new URL('../../templates/', import.meta.url);

export function templatePath(name: string): string {
  return fileURLToPath(new URL(name, TEMPLATES));
}

export function readTemplate(name: string, values: Record<string, string> = {}): string {
  const text = readFileSync(templatePath(name), 'utf8');
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
