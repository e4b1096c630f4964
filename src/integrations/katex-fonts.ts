import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readRecords } from '../content/records.ts';
import { assertGlyphsCovered, cutInWorker, glyphsOfPages, glyphsOfRecords, katexStylesheet } from '../math/index.ts';
import type { BuiltPages } from './built-pages.ts';

/**
 * KaTeX's fonts as a reader gets them: WOFF2 only, and in a build cut down to the characters the
 * notes' formulas draw.
 *
 * A page with math loads five to eight of KaTeX's fonts, 57–115 KB, most of it glyphs no note uses
 * (the AMS font alone is 28 KB, for ℝ and a few relations). Each note records the characters its
 * formulas draw as it renders (src/markdown/rehype-math.ts); once the notes are loaded, and before
 * Vite bundles the stylesheet, each font is cut to those characters in a worker thread: the fonts a page loads shrink
 * by 40–60%, and the formulas show that much sooner on a slow connection. The cut fonts are built assets like any
 * other, named by a hash of their content, so a new glyph gives a new name and no browser keeps a
 * font that lacks it. A page that draws a character the cut fonts lack fails the build (checked in
 * the written pages, from the one read of them: `pages`, listed before this step). `astro dev`
 * serves the fonts whole, since notes change while it runs.
 */
export function katexFonts(pages: BuiltPages): AstroIntegration {
  let kept: string | undefined;
  let cut: Promise<string> | undefined;
  let cacheDir: URL | undefined;
  return {
    name: 'katex-fonts',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [katexStylesheet(() => cut)],
            // Vite would inline the smaller fonts into the stylesheet, and so into every page with math,
            // as data: URLs; as files they are downloaded once and kept.
            build: { assetsInlineLimit: (file: string) => (/\.woff2$/.test(file) ? false : undefined) },
          },
        });
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      // After the notes are loaded (and their formulas recorded), before Vite bundles the pages.
      'astro:build:start': () => {
        kept = glyphsOfRecords(readRecords(cacheDir!).articles);
        cut = cutInWorker(kept);
        // Awaited when the stylesheet is read; a build that fails before then must not also report this.
        cut.catch(() => {});
      },
      'astro:build:done': async ({ dir }) => {
        if (kept !== undefined) assertGlyphsCovered(glyphsOfPages(await pages.of(fileURLToPath(dir))), kept);
      },
    },
  };
}
