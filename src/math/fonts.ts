import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vite';
import { cutFontsCache, cutFontsDir } from './font-cut.ts';

const stylesheet = /[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css$/;

/**
 * Equation numbers are drawn from CSS counters, outside the formulas' text; they need digits and
 * parentheses.
 */
const alwaysKept = '()0123456789';

/** The characters the notes' formulas draw, with those equation numbers need, sorted. */
export function glyphsOfRecords(articles: Array<{ glyphs: string }>): string {
  const characters = new Set(alwaysKept);
  for (const { glyphs } of articles) for (const character of glyphs) characters.add(character);
  return [...characters].sort().join('');
}

/** The fonts cut to `characters`, from the build cache or from a worker thread that cuts them. */
export function cutInWorker(characters: string): Promise<string> {
  const cacheDir = cutFontsCache();
  const dir = cutFontsDir(characters, cacheDir);
  if (existsSync(dir)) return Promise.resolve(dir);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./font-worker.ts', import.meta.url), { workerData: { characters, cacheDir } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`cutting KaTeX's fonts stopped (exit code ${code})`)));
  });
}

/**
 * Reads KaTeX's stylesheet with WOFF2 fonts only (it lists each as WOFF2, WOFF and TTF, and the build
 * would publish all three: 60 files), pointing at the cut fonts in a build.
 */
export function katexStylesheet(cutFonts: () => Promise<string> | undefined): Plugin {
  return {
    name: 'katex-stylesheet',
    enforce: 'pre',
    async transform(code, id) {
      if (!stylesheet.test(id)) return;
      const woff2Only = code.replace(/,\s*url\([^)]+\.woff\)\s*format\("woff"\)\s*,\s*url\([^)]+\.ttf\)\s*format\("truetype"\)/g, '');
      const cut = cutFonts();
      if (!cut) return woff2Only;
      const dir = await cut;
      const relative = path.relative(path.dirname(id), dir).split(path.sep).join('/');
      return woff2Only.replace(/url\(fonts\/([\w-]+\.woff2)\)/g, (_match, file: string) => `url(${relative}/${file})`);
    },
  };
}

/** The inner HTML of each formula's `.katex-html` part (KaTeX's glyphs) in a page: spans within spans, read to the one that closes it. */
export function drawnParts(html: string): string[] {
  const parts: string[] = [];
  for (const opening of html.matchAll(/<span class="katex-html"[^>]*>/g)) {
    const start = opening.index + opening[0].length;
    const tags = /<span\b|<\/span>/g;
    tags.lastIndex = start;
    let depth = 1;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        parts.push(html.slice(start, tag.index));
        break;
      }
    }
  }
  return parts;
}
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** Every character a built page draws with KaTeX's fonts (the text of each formula's `.katex-html`), once each. */
export function glyphsDrawn(html: string): string {
  if (!html.includes('katex-html')) return '';
  const drawn = new Set<string>();
  for (const part of drawnParts(html)) {
    const text = part.replace(/<[^>]*>/g, '').replace(/&(#?\w+);/g, (all, name: string) => entities[name] ?? (name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : all));
    for (const character of text) if (character.trim()) drawn.add(character);
  }
  return [...drawn].join('');
}

/** Each character the built pages draw (glyphsDrawn, read once with the pages: src/integrations/built-pages.ts), with the first page that draws it. */
export function glyphsOfPages(pages: ReadonlyArray<{ file: string; glyphs?: string }>): Map<string, string> {
  const drawn = new Map<string, string>();
  for (const { file, glyphs = '' } of pages) {
    for (const character of glyphs) if (!drawn.has(character)) drawn.set(character, file);
  }
  return drawn;
}

/**
 * Fails when a built page draws a character the cut fonts lack: the reader would see it in a fallback
 * font. Every note records what its formulas draw, so this means a formula from elsewhere (a layout,
 * a component), whose characters the cut has to learn about.
 */
export function assertGlyphsCovered(drawn: Map<string, string>, kept: string): void {
  const missing = [...drawn].filter(([character]) => !kept.includes(character));
  if (missing.length === 0) return;
  const lines = missing.map(([character, page]) => `  "${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) on ${page}`);
  throw new Error(`KaTeX's fonts were cut to the characters the notes' formulas draw, but these pages draw characters the fonts lack; a formula rendered outside the notes must record its characters too (src/integrations/katex-fonts.ts):\n${lines.join('\n')}`);
}
