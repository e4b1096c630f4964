import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import katex from 'katex';
import type { Plugin } from 'vite';
import { cachedJson } from '../lib/build-cache.ts';
import { linkGraph } from '../lib/link-graph.ts';
import { drawnInThisProcess, formulaGlyphs } from '../markdown/katex-formulas.ts';
import { cutFontsCache, cutFontsDir } from './katex-font-cut.ts';

const stylesheet = /[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css$/;

/**
 * KaTeX's fonts as a reader gets them: WOFF2 only, and in a build cut down to the characters the
 * notes' formulas draw.
 *
 * A page with math loads five to eight of KaTeX's fonts, 57–115 KB, most of it glyphs no note uses
 * (the AMS font alone is 28 KB, for ℝ and a few relations). Before Astro bundles the stylesheet, the
 * build renders every distinct formula of the notes (the link graph read them all), takes the
 * characters they draw and cuts each font to them, in a worker thread: the fonts a page loads shrink
 * by 40–60%, and the formulas show that much sooner on a slow connection. The cut fonts are built assets like any
 * other, named by a hash of their content, so a new glyph gives a new name and no browser keeps a
 * font that lacks it. A formula rendered at build time from anywhere else, drawing a character the
 * cut fonts lack, fails the build (checked when the pages are written). `astro dev` serves the fonts
 * whole, since notes change while it runs.
 */
export function katexFonts(): AstroIntegration {
  let kept: string | undefined;
  let cut: Promise<string> | undefined;
  return {
    name: 'katex-fonts',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') {
          kept = siteGlyphs();
          cut = cutInWorker(kept);
          // Awaited when the stylesheet is read; a build that fails before then must not also report this.
          cut.catch(() => {});
        }
        updateConfig({
          vite: {
            plugins: [katexStylesheet(() => cut)],
            // Vite would inline the smaller fonts into the stylesheet, and so into every page with math,
            // as data: URLs; as files they are downloaded once and kept.
            build: { assetsInlineLimit: (file: string) => (/\.woff2$/.test(file) ? false : undefined) },
          },
        });
      },
      'astro:build:done': () => {
        if (kept !== undefined) assertGlyphsCovered(drawnInThisProcess(), kept);
      },
    },
  };
}

/**
 * Equation numbers are drawn from CSS counters, outside the formulas' text; they need digits and
 * parentheses.
 */
const alwaysKept = '()0123456789';

/** The characters every formula of the notes draws, from the build cache while the formulas are the same. */
function siteGlyphs(): string {
  const formulas = new Map<string, [string, boolean]>();
  for (const note of linkGraph().notes.values()) {
    for (const [tex, display] of note.formulas) formulas.set((display ? 'D' : 'I') + tex, [tex, display]);
  }
  const list = [...formulas.values()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // What the formulas draw depends on KaTeX and on the markup steps after it (katex-valid.ts).
  const code = ['katex-formulas.ts', 'katex-valid.ts'].map((file) => readFileSync(new URL(`../markdown/${file}`, import.meta.url), 'utf8'));
  return cachedJson('katex-glyphs', [katex.version, code, list], () => glyphsOf(list));
}

/** The distinct characters a list of formulas draws, sorted, with those equation numbers need. */
export function glyphsOf(formulas: Array<[string, boolean]>): string {
  const characters = new Set(alwaysKept);
  for (const [tex, display] of formulas) {
    try {
      for (const character of formulaGlyphs(tex, display)) characters.add(character);
    } catch {
      // A formula KaTeX rejects fails its note's build with the file and line (rehype-math.ts).
    }
  }
  return [...characters].sort().join('');
}

/** The fonts cut to `characters`, from the build cache or from a worker thread that cuts them. */
function cutInWorker(characters: string): Promise<string> {
  const cacheDir = cutFontsCache();
  const dir = cutFontsDir(characters, cacheDir);
  if (existsSync(dir)) return Promise.resolve(dir);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./katex-font-worker.ts', import.meta.url), { workerData: { characters, cacheDir } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`cutting KaTeX's fonts stopped (exit code ${code})`)));
  });
}

/**
 * Reads KaTeX's stylesheet with WOFF2 fonts only (it lists each as WOFF2, WOFF and TTF, and the build
 * would publish all three: 60 files), pointing at the cut fonts in a build.
 */
function katexStylesheet(cutFonts: () => Promise<string> | undefined): Plugin {
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

/**
 * Fails when a formula rendered during the build draws a character the cut fonts lack: the reader
 * would see it in a fallback font. Every note's formula is in the link graph, so this means a
 * formula from elsewhere, which the cut has to learn about.
 */
export function assertGlyphsCovered(drawn: Map<string, string>, kept: string): void {
  const missing = [...drawn].filter(([character]) => !kept.includes(character));
  if (missing.length === 0) return;
  const lines = missing.map(([character, tex]) => `  "${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) in ${tex}`);
  throw new Error(`KaTeX's fonts were cut to the characters of the notes' formulas, but these formulas were rendered from elsewhere and draw characters the fonts lack; add their source to siteGlyphs() in src/integrations/katex-fonts.ts:\n${lines.join('\n')}`);
}
