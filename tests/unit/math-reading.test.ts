import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formulaReading, withAsciiScripts } from '../../src/math/index.ts';
import { readableText } from '../../src/markdown/readable-text.ts';
import { fromHtml } from 'hast-util-from-html';
import type { ElementContent } from 'hast';
import { renderMarkdown, renderNote } from './render-note.ts';
import { recordingsOf } from '../../src/markdown/recordings.ts';
import { previewCardsOf } from '../../src/site/og-image-cards.ts';

describe('a formula reads as text', () => {
  // Taken from the notes (mla, flash-attention, dpo, diffusion-sde, vae, gbdt, normalizing-flow…).
  test.each([
    ['\\mathbf{c}_t^{KV} = W^{DKV}\\mathbf{h}_t', 'cₜᴷⱽ = Wᴰᴷⱽhₜ'],
    ['\\mathbf{c}_t^{KV}\\in\\mathbb{R}^{d_c}', 'cₜᴷⱽ ∈ ℝ^(d_c)'],
    ['P\\in\\mathbb{R}^{N\\times N}', 'P ∈ ℝ^(N×N)'],
    // Fractions: a compound numerator or denominator in parentheses, a single term bare.
    ['\\frac{a}{b+c}', 'a/(b+c)'],
    ['\\frac{\\partial \\mathcal{L}}{\\partial \\theta}', '∂L/∂θ'],
    ['-\\tfrac12 g^2\\Delta q', '−1/2 g²Δq'],
    ['\\mathbf{x}/\\sqrt{\\bar\\alpha}', 'x/√ᾱ'],
    ['\\frac{\\mathbf{q}_{t,i}^\\top\\mathbf{k}_{j,i}}{\\sqrt{d_h + d_h^R}}', 'q_(t,i)ᵀk_(j,i)/√(dₕ+dₕᴿ)'],
    // Sums and limits: scripts raised where Unicode has them, then a space before what they act on.
    ['\\sum_{i=1}^N x_i', '∑ᵢ₌₁ᴺ xᵢ'],
    ['F_0+\\nu\\sum_m h_m', 'F₀ + ν∑ₘ hₘ'],
    ['\\max_{x} \\lim_{n\\to\\infty} \\log p(x)', 'maxₓ lim_(n→∞) log p(x)'],
    ['\\log\\int p_\\theta(x,z)\\,dz', 'log ∫p_θ(x, z) dz'],
    // Greek, relations and operators.
    ['-x + \\alpha \\cdot \\beta \\le 2\\times 10^{-10}', '−x + α · β ≤ 2 × 10⁻¹⁰'],
    ['\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta L', 'θₜ₊₁ = θₜ − η∇_θ L'],
    ['x_t=s(t)\\big(x_0+\\sigma(t)\\epsilon\\big)', 'xₜ = s(t)(x₀ + σ(t)ϵ)'],
    ['\\mathcal{N}(\\mathbf{0}, \\sigma_{\\max}^2\\mathbf{I})', 'N(0, σₘₐₓ²I)'],
    // \text and \operatorname read as their words.
    ['\\text{KV cache}_{\\text{MLA}} = d_c + d_h^R', 'KV cache_(MLA) = d_c + dₕᴿ'],
    ['\\pi^{\\text{SFT}}', 'π^(SFT)'],
    ['\\operatorname{RoPE}\\big(W^{KR}\\mathbf{h}_t\\big)', 'RoPE(Wᴷᴿhₜ)'],
    ['\\operatorname{softmax}_j\\Big(x\\Big) \\left(\\frac{1}{2}\\right)', 'softmaxⱼ(x)(1/2)'],
    // Scripts without Unicode forms: `_`/`^`, in parentheses when longer than one character.
    ['W_q x', 'W_q x'],
    ['e^{x_i}', 'e^(xᵢ)'],
    ['x^{(i)}', 'x⁽ⁱ⁾'],
    ['\\lVert x \\rVert_2^2', '∥x∥₂²'],
    // Accents as combining marks; over several letters an accent reads as a function.
    ['\\hat{y} + \\tilde{\\mathbf{x}} + \\bar{x}', 'ŷ + x̃ + x̄'],
    ['\\tilde P_{ij}', 'P̃ᵢⱼ'],
    ['\\widehat{AB}', 'hat(AB)'],
    // Roots, brackets, binomials.
    ['\\sqrt[3]{x}', '∛x'],
    ['\\left\\lfloor \\frac{N}{B_c} \\right\\rfloor', '⌊N/B_c⌋'],
    ['\\underbrace{AB}_{\\text{可预先合并}}', 'AB（可预先合并）'],
    // Matrices row by row, aligned equations line by line, cases as value, condition.
    ['\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}', '(a, b; c, d)'],
    ['\\begin{aligned}a&=b\\\\c&=d\\end{aligned}', 'a = b; c = d'],
    ['f(x)=\\begin{cases}1 & x>0\\\\0&\\text{否则}\\end{cases}', 'f(x) = {1, x > 0; 0, 否则'],
  ])('%s reads %s', (tex, reading) => {
    expect(formulaReading(tex)).toBe(reading.normalize('NFC'));
  });

  test('no formula of the notes reads with a TeX command or a braced script', () => {
    const dir = path.resolve(import.meta.dirname, '../../content/articles');
    const formulas = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(path.join(dir, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, display] of text.matchAll(/\$\$([\s\S]+?)\$\$/g)) formulas.add(display);
      for (const [, inline] of text.replace(/\$\$[\s\S]+?\$\$/g, '').matchAll(/(?<!\\)\$([^$\n]+?)(?<!\\)\$/g)) formulas.add(inline);
    }
    expect(formulas.size).toBeGreaterThan(1000);
    const raw = [...formulas].map((tex) => [tex, formulaReading(tex)]).filter(([, reading]) => /\\[a-zA-Z]|[_^]\{/.test(reading));
    expect(raw).toEqual([]);
  }, 60_000);

  test('for a font without sub- and superscripts (the preview cards), scripts read with _ and ^', () => {
    expect(withAsciiScripts('cₜᴷⱽ = Wᴰᴷⱽhₜ')).toBe('c_t^(KV) = W^(DKV)h_t');
    const article = { id: 'mla', data: { title: 'MLA', summary: '摘要', topic: 'llm', tags: [] }, sectionCards: [{ id: 'low-rank', title: '压缩 cₜᴷⱽ', excerpt: '只缓存 cₜᴷⱽ ∈ ℝ^(d_c)。后文。' }] };
    const card = previewCardsOf([article], [{ id: 'llm', data: { name: '大语言模型', nameEn: 'LLM', description: '' } }]).get('sections/mla/low-rank');
    expect(card).toMatchObject({ title: '压缩 c_t^(KV)', summary: '只缓存 c_t^(KV) ∈ R^(d_c)。' });
    expect(withAsciiScripts('x ∈ ℝᴰ, 10⁻¹⁰, x²')).toBe('x ∈ R^D, 10^(-10), x²');
    expect(withAsciiScripts('价格 * 2')).toBe('价格 * 2');
  });
});

describe('text that leaves the page reads formulas, never their TeX', () => {
  const note = '## 低秩 KV 压缩 {#low-rank}\n\n推理时只缓存 $\\mathbf{c}_t^{KV} = W^{DKV}\\mathbf{h}_t$，其中 $\\mathbf{c}_t^{KV}\\in\\mathbb{R}^{d_c}$。\n';

  test('a section\'s excerpt (share page, Open Graph description, hover card)', async () => {
    const { metadata } = await renderMarkdown(note, '/notes/reading.md');
    const [section] = recordingsOf(metadata.frontmatter).sections;
    expect(section.id).toBe('low-rank');
    expect(section.excerpt).toBe('推理时只缓存 cₜᴷⱽ = Wᴰᴷⱽhₜ，其中 cₜᴷⱽ ∈ ℝ^(d_c)。');
    expect(section.excerpt).not.toMatch(/\\[a-zA-Z]|[_^]\{/);
  }, 30_000);

  test('readableText of rendered prose', async () => {
    const html = await renderNote(note);
    const tree = fromHtml(html, { fragment: true });
    const text = readableText(tree.children as ElementContent[]);
    expect(text).toContain('推理时只缓存 cₜᴷⱽ = Wᴰᴷⱽhₜ');
    expect(text).not.toMatch(/\\[a-zA-Z]|[_^]\{/);
  });

  test('the hidden text search indexes is the reading, and only it', async () => {
    const html = await renderNote('损失 $E=mc^2$ 如此');
    expect(html).toContain('<span hidden class="math-tex">E = mc²</span>');
    expect(html).not.toContain('mc^2</span>');
  });
});
