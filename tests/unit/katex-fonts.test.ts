import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { cutKatexFonts, katexFontsDir } from '../../src/integrations/katex-font-cut.ts';
import { assertGlyphsCovered, glyphsOf } from '../../src/integrations/katex-fonts.ts';
import { drawnInThisProcess, formulaGlyphs } from '../../src/markdown/katex-formulas.ts';
import { buildLinkGraph } from '../../src/lib/link-graph.ts';

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

  test('are recorded as formulas render, each with a formula that draws it', () => {
    formulaGlyphs(String.raw`\nabla_\theta \mathcal{L}`, false);
    expect(drawnInThisProcess().get('∇')).toBe(String.raw`\nabla_\theta \mathcal{L}`);
  });

  test('of a note are all in the link graph, where the build collects them: inline, $$ and ```math', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'katex-graph-'));
    vi.stubEnv('CACHE_DIR', path.join(dir, 'cache'));
    const articles = path.join(dir, 'articles');
    mkdirSync(articles, { recursive: true });
    writeFileSync(path.join(dir, 'topics.yaml'), 'llm:\n  title: 大语言模型\n');
    writeFileSync(path.join(articles, 'a.md'), '---\ntitle: A\n---\n\n行内 $\\mathbb{R}$，还有\n\n$$\n\\sum_i x_i\n$$\n\n```math\n\\frac{a}{b}\n```\n');
    try {
      const note = buildLinkGraph(dir).notes.get('a')!;
      expect(note.formulas).toEqual([[String.raw`\mathbb{R}`, false], [String.raw`\sum_i x_i`, true], [String.raw`\frac{a}{b}`, true]]);
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
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

describe('a formula rendered in the build that draws a character the cut fonts lack', () => {
  test('fails the build, naming the character and the formula', () => {
    expect(() => assertGlyphsCovered(new Map([['x', 'x'], ['∑', String.raw`\sum_i`]]), 'x')).toThrow(/"∑" \(U\+2211\) in \\sum_i/);
    expect(() => assertGlyphsCovered(new Map([['x', 'x']]), 'xy')).not.toThrow();
  });
});
