import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser.ts';
import { drawnParts } from '../../src/math/index.ts';

const site = useBrowser();
const dist = path.resolve(import.meta.dirname, '../../dist');

/** Chinese in `\text{…}` is drawn by the reader's system fonts, as everywhere else on the page. */
const systemDrawn = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** The characters each article's formulas draw (the text of KaTeX's HTML), read from the build. */
function charactersByPage(): Map<string, Set<string>> {
  const pages = new Map<string, Set<string>>();
  for (const entry of readdirSync(dist)) {
    const file = path.join(dist, entry, 'index.html');
    if (!statSync(path.join(dist, entry)).isDirectory() || !readdirSync(path.join(dist, entry)).includes('index.html')) continue;
    const html = readFileSync(file, 'utf8');
    const characters = new Set<string>();
    for (const formula of drawnParts(html)) {
      const text = formula.replace(/<[^>]+>/g, '').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      for (const character of text) if (!systemDrawn.test(character) && character.trim()) characters.add(character);
    }
    if (characters.size > 0) pages.set(`/${entry}/`, characters);
  }
  return pages;
}

/** Few pages that together draw every character: each next page adds the most characters not yet seen. */
function pagesCovering(pages: Map<string, Set<string>>): Array<[string, Set<string>]> {
  const left = new Set([...pages.values()].flatMap((characters) => [...characters]));
  const chosen: Array<[string, Set<string>]> = [];
  while (left.size > 0) {
    const [page, characters] = [...pages].map(([page, characters]) => [page, new Set([...characters].filter((character) => left.has(character)))] as const)
      .reduce((best, next) => (next[1].size > best[1].size ? next : best));
    chosen.push([page, characters]);
    for (const character of characters) left.delete(character);
  }
  return chosen;
}

describe('formulas', () => {
  test("draw every character with KaTeX's own fonts, cut to the characters the notes use", async () => {
    const pages = pagesCovering(charactersByPage());
    const all = new Set(pages.flatMap(([, characters]) => [...characters]));
    expect(all.size).toBeGreaterThan(100);
    const drawnBy = new Map<string, string[]>();
    const page = await site.open(pages[0][0]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    for (const [pathname, characters] of pages) {
      if (new URL(page.url()).pathname !== pathname) await page.goto(pathname);
      await page.evaluate(() => document.fonts.ready);
      // One element per character still to check: the first whose own text draws it.
      const texts = await page.evaluate((wanted) => {
        const left = new Set(wanted);
        const marked: string[] = [];
        for (const element of document.querySelectorAll('.katex-html *')) {
          const own = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('');
          if (!/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(own) && [...own].some((character) => left.has(character))) {
            element.setAttribute('data-font-check', '');
            marked.push(own);
            for (const character of own) left.delete(character);
          }
        }
        return marked;
      }, [...characters]);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-font-check]' });
      expect(nodeIds.length).toBe(texts.length);
      for (const [index, nodeId] of nodeIds.entries()) {
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        for (const character of texts[index]) {
          if (characters.has(character)) drawnBy.set(character, fonts.map((font) => `${font.familyName}${font.isCustomFont ? '' : ' (system)'}`));
        }
      }
    }
    await page.context().close();
    // A character the cut fonts lacked would be drawn by a system font instead.
    const fallback = [...drawnBy].filter(([, fonts]) => fonts.some((font) => !font.startsWith('KaTeX_') || font.endsWith('(system)')));
    expect(fallback).toEqual([]);
    expect(new Set(drawnBy.keys())).toEqual(all);

    // The fonts are KaTeX's, cut down: the main font is well under its 26 KB.
    const main = readdirSync(path.join(dist, '_astro')).find((file) => /^KaTeX_Main-Regular\..+\.woff2$/.test(file))!;
    expect(statSync(path.join(dist, '_astro', main)).size).toBeLessThan(20_000);
  });
});
