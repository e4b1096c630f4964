import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cutKatexFonts, katexFontsDir } from '../../src/math/index.ts';
import { assertGlyphsCovered, glyphsOfPages, glyphsOfRecords } from '../../src/math/index.ts';
import { formulaGlyphs, formulaHtml } from '../../src/math/index.ts';
import { recordingsOf } from '../../src/markdown/recordings.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';
import { renderMarkdown } from './render-note.ts';

/** What the font cut keeps for these formulas, as if one note drew them all. */
const glyphsOf = (formulas: Array<[string, boolean]>) => glyphsOfRecords([{ glyphs: formulas.map(([tex, display]) => formulaGlyphs(tex, display)).join('') }]);

const katexFonts = katexFontsDir;
const cache = mkdtempSync(path.join(tmpdir(), 'katex-fonts-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('the characters formulas draw', () => {
  test("are KaTeX's output, not the TeX: symbols, blackboard letters, operator names, \\text", () => {
    expect(formulaGlyphs(String.raw`\sum_{i=1}^n x_i`, true)).toContain('∑');
    expect(formulaGlyphs(String.raw`\sum_{i=1}^n x_i`, true)).not.toContain('\\');
    expect([...formulaGlyphs(String.raw`\mathbb{R}^d`, false)].sort()).toEqual(['R', 'd']);
    expect(formulaGlyphs(String.raw`\operatorname{softmax}(x)`, false)).toContain('f');
    expect(formulaGlyphs(String.raw`\text{损失} \le \epsilon`, false)).toMatch(/损.*失|失.*损/);
    expect(formulaGlyphs(String.raw`a \le b`, false)).toContain('≤');
  });

  test('of a list of formulas: their union, with what equation numbers need', () => {
    const glyphs = glyphsOf([[String.raw`\mathbb{R}`, false], [String.raw`\alpha+\beta`, true]]);
    expect(glyphs).toContain('R');
    expect(glyphs).toContain('α');
    expect(glyphs).toContain('+');
    for (const character of '()0123456789') expect(glyphs).toContain(character);
    expect(glyphs).not.toContain('∑');
  });

  test('of a note are recorded as it renders, where the build collects them: inline, $$ and ```math', async () => {
    const { metadata } = await renderMarkdown('行内 $\\mathbb{R}$，还有\n\n$$\n\\sum_i x_i\n$$\n\n```math\n\\frac{a}{b}\n```\n');
    const glyphs = recordingsOf(metadata.frontmatter).glyphs;
    for (const character of ['R', '∑', 'a', 'b', 'x', 'i']) expect(glyphs).toContain(character);
    expect(glyphs).toBe([...new Set(glyphs)].sort().join(''));
  });
});

describe("KaTeX's fonts cut to those characters", () => {
  test('are every WOFF2 font, each smaller, reused while the characters are the same', async () => {
    const dir = await cutKatexFonts(glyphsOf([[String.raw`\mathbb{R} \ni x \le \sum_i \alpha_i`, true]]), cache);
    const originals = readdirSync(katexFonts).filter((file) => file.endsWith('.woff2'));
    expect(readdirSync(dir).sort()).toEqual(originals.sort());
    for (const file of originals) expect(statSync(path.join(dir, file)).size, file).toBeLessThan(statSync(path.join(katexFonts, file)).size);
    // The 28 KB AMS font keeps a few letters.
    expect(statSync(path.join(dir, 'KaTeX_AMS-Regular.woff2')).size).toBeLessThan(8_000);

    const written = statSync(path.join(dir, 'KaTeX_Main-Regular.woff2')).mtimeMs;
    expect(await cutKatexFonts(glyphsOf([[String.raw`\mathbb{R} \ni x \le \sum_i \alpha_i`, true]]), cache)).toBe(dir);
    expect(statSync(path.join(dir, 'KaTeX_Main-Regular.woff2')).mtimeMs).toBe(written);
  });

  test('are cut again when the characters change, and the old cut is removed', async () => {
    const first = await cutKatexFonts(glyphsOf([[String.raw`x`, false]]), cache);
    const second = await cutKatexFonts(glyphsOf([[String.raw`x + \gamma`, false]]), cache);
    expect(second).not.toBe(first);
    expect(readdirSync(cache)).toEqual([path.basename(second)]);
  });
});

describe('a built page that draws a character the cut fonts lack', () => {
  test('is found in the written pages, with the characters its formulas draw', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'katex-pages-'));
    mkdirSync(path.join(dist, 'a'));
    writeFileSync(path.join(dist, 'a/index.html'), `<p>${formulaHtml(String.raw`\sum_i x_i < \nabla`, false)}</p>`);
    writeFileSync(path.join(dist, 'index.html'), '<p>没有公式</p>');
    const drawn = glyphsOfPages(await readBuiltPages(dist));
    expect([...drawn.keys()].sort()).toEqual([...formulaGlyphs(String.raw`\sum_i x_i < \nabla`, false)].filter((character) => character.trim()).sort());
    expect(drawn.get('∑')).toBe(path.join('a', 'index.html'));
    rmSync(dist, { recursive: true, force: true });
  });

  test('fails the build, naming the character and the page', () => {
    expect(() => assertGlyphsCovered(new Map([['x', 'a/index.html'], ['∑', 'b/index.html']]), 'x')).toThrow(/"∑" \(U\+2211\) on b\/index.html/);
    expect(() => assertGlyphsCovered(new Map([['x', 'x']]), 'xy')).not.toThrow();
  });
});
