import { describe, expect, test } from 'vitest';
import { withSeparators } from '../../src/integrations/search-index.ts';
import { whatPagefindReads } from '../../src/integrations/built-pages.ts';

const glyphs = '<span class="katex-html" aria-hidden="true" data-pagefind-ignore="all"><span class="base"><span class="mord">x</span></span></span>';
/** A formula as the page has it, and as Pagefind's copy has it (without KaTeX's glyphs, which it ignores). */
const page = (reading: string) => `<span class="katex"><span class="katex-mathml"><math data-pagefind-ignore="all"></math><span hidden class="math-tex">${reading}</span></span>${glyphs}</span>`;
const formula = (reading: string) => `<span class="katex"><span class="katex-mathml"><math data-pagefind-ignore="all"></math><span hidden class="math-tex">${reading}</span></span></span>`;

describe('the copy of a page given to Pagefind separates cells, items and display formulas', () => {
  test('table cells: ` ·` between cells, a period at the end of a row, nothing after punctuation', () => {
    const html = '<table><thead><tr><th>机制</th><th>效果</th></tr></thead><tbody><tr><td>MHA</td><td>' + page('2nₕdₕ') + '</td><td>基线。</td></tr></tbody></table>';
    expect(withSeparators(html)).toBe('<table><thead><tr><th>机制 ·</th><th>效果.</th></tr></thead><tbody><tr><td>MHA ·</td><td>' + formula('2nₕdₕ') + ' ·</td><td>基线。</td></tr></tbody></table>');
  });

  test('list items: a period where Pagefind adds none (a formula\'s ², a closing bracket), none where it does', () => {
    const html = `<ul><li>缓存 ${page('x²')}</li><li>见（论文表 1）</li><li>DeepSeek-V2</li><li>结束；</li></ul>`;
    expect(withSeparators(html)).toBe(`<ul><li>缓存 ${formula('x²')}.</li><li>见（论文表 1）.</li><li>DeepSeek-V2</li><li>结束；</li></ul>`);
  });

  test('an item ending in a nested list is left to that list\'s items', () => {
    expect(withSeparators('<ul><li>外<ul><li>内（1）</li></ul></li></ul>')).toBe('<ul><li>外<ul><li>内（1）.</li></ul></li></ul>');
  });

  test('a display formula ends with a period unless its reading ends with punctuation', () => {
    const display = (reading: string, as = formula) => `<span class="katex-display" tabindex="0">${as(reading)}</span>`;
    expect(withSeparators(display('a = b', page) + display('c = d,', page))).toBe(display('a = b.') + display('c = d,'));
  });
});

test('the copy given to Pagefind leaves out stylesheets, scripts, MathML and SVG, and nothing else a reader sees', () => {
  const html = '<html><head><style>:root{--bg:#fff}</style><script type="module" src="/a.js"></script></head><body><article data-pagefind-body><p>styles 与 <code>&lt;script&gt;</code> 照常索引。</p><script>var x = "</p>";</script>'
    + '<p><span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi></semantics></math></span><span hidden class="math-tex">x</span></span> 与 <svg viewBox="0 0 8 8"><path d="M0 0h8"></path></svg>图标</p></article></body></html>';
  expect(whatPagefindReads(html)).toBe('<html><head></head><body><article data-pagefind-body><p>styles 与 <code>&lt;script&gt;</code> 照常索引。</p>'
    + '<p><span class="katex"><span class="katex-mathml"></span><span hidden class="math-tex">x</span></span> 与 图标</p></article></body></html>');
});
