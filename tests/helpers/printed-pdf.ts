import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Workbooks as a person sees them on paper: converted to PDF by LibreOffice, then read back with
 * poppler (pdfinfo for the pages, pdftotext for the words and where they stand, pdftocairo's SVG
 * for the clip rectangles LibreOffice draws each cell's text in).
 */

export const PRINT_PACKAGES = 'libreoffice-calc poppler-utils';
const TOOLS = ['soffice', 'pdfinfo', 'pdftotext', 'pdftocairo'];

/** The tools that are missing, by name. */
export function missingPrintTools(): string[] {
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/** Converts every workbook in one LibreOffice run (starting it is most of the time) into `dir`. */
export function convertToPdf(files: readonly string[], dir: string): void {
  // A profile of its own: another LibreOffice running on the machine cannot take the conversion.
  const profile = mkdtempSync(path.join(tmpdir(), 'bbcs-lo-'));
  try {
    const run = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...files,
      ],
      { encoding: 'utf8', timeout: 300_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PrintedPage {
  width: number;
  height: number;
  words: Word[];
  /** The page's words in drawing order, without spaces: each cell's lines follow each other. */
  text: string;
}

function tool(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export function readPdf(file: string): PrintedPage[] {
  const html = tool('pdftotext', ['-bbox', file, '-']);
  const pages: PrintedPage[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
    const words = [
      ...page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g),
    ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: unescape(m[5]!) }));
    pages.push({ width: +size[1]!, height: +size[2]!, words, text: words.map((w) => w.text).join('') });
  }
  return pages;
}

/**
 * The size a Chinese word is printed at: every Chinese character is 1 em wide, so the word's
 * width over its characters is its size in points.
 */
export function chineseSizes(page: PrintedPage): { text: string; size: number }[] {
  return page.words
    .filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w.text))
    .map((w) => ({ text: w.text, size: (w.xMax - w.xMin) / w.text.length }));
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The extent of a path's coordinates (M/L/C/Z with absolute pairs, as cairo writes them). */
function pathBox(d: string): Box | undefined {
  const numbers = [...d.matchAll(/-?[\d.]+(?:e-?\d+)?/g)].map((m) => Number(m[0]));
  if (numbers.length < 2) return undefined;
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    box.x0 = Math.min(box.x0, numbers[i]!);
    box.x1 = Math.max(box.x1, numbers[i]!);
    box.y0 = Math.min(box.y0, numbers[i + 1]!);
    box.y1 = Math.max(box.y1, numbers[i + 1]!);
  }
  return box;
}

export interface ClippedGlyph {
  page: number;
  glyph: Box;
  clip: Box;
}

/**
 * Glyphs drawn partly or wholly outside the clip rectangle of their cell: text that does not fit
 * its cell, cut off on paper. cairo writes a clip group only around glyphs a clip actually cuts,
 * so a page with nothing cut has none but harmless ones (a glyph's edge a fraction of a point over).
 */
export function clippedGlyphs(pdf: string, pages: number, tolerance = 1): ClippedGlyph[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-svg-'));
  const found: ClippedGlyph[] = [];
  try {
    for (let page = 1; page <= pages; page++) {
      const file = path.join(dir, `${page}.svg`);
      tool('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), pdf, file]);
      const svg = readFileSync(file, 'utf8');
      const glyphs = new Map<string, Box>();
      for (const m of svg.matchAll(/<symbol[^>]*id="([^"]+)"[^>]*>\s*<path[^>]*d="([^"]*)"/g)) {
        const box = pathBox(m[2]!);
        if (box) glyphs.set(m[1]!, box);
      }
      const clips = new Map<string, Box>();
      for (const m of svg.matchAll(/<clipPath id="([^"]+)">\s*<path[^>]*d="([^"]*)"/g)) {
        const box = pathBox(m[2]!);
        if (box) clips.set(m[1]!, box);
      }
      for (const group of svg.matchAll(/<g clip-path="url\(#([^)]+)\)"[^>]*>([\s\S]*?)<\/g>\s*<\/g>/g)) {
        const clip = clips.get(group[1]!);
        if (!clip) continue;
        for (const use of group[2]!.matchAll(/<use xlink:href="#([^"]+)" x="([\d.-]+)" y="([\d.-]+)"/g)) {
          const shape = glyphs.get(use[1]!);
          if (!shape) continue;
          const [x, y] = [Number(use[2]), Number(use[3])];
          const glyph = { x0: x + shape.x0, y0: y + shape.y0, x1: x + shape.x1, y1: y + shape.y1 };
          const outside =
            glyph.x0 < clip.x0 - tolerance ||
            glyph.x1 > clip.x1 + tolerance ||
            glyph.y0 < clip.y0 - tolerance ||
            glyph.y1 > clip.y1 + tolerance;
          if (outside) found.push({ page, glyph, clip });
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return found;
}

/** Stroked lines on a page (the table's borders), from the same SVG. */
export function strokedLines(pdf: string, page: number): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'bbcs-svg-'));
  try {
    const file = path.join(dir, 'page.svg');
    tool('pdftocairo', ['-svg', '-f', String(page), '-l', String(page), pdf, file]);
    return [...readFileSync(file, 'utf8').matchAll(/<path style="fill:none;[^"]*stroke:rgb\(0%,0%,0%\)/g)].length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
