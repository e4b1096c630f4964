import { describe, expect, test } from 'vitest';
import { openingLines } from '../../src/content/opening-lines.ts';
import { articlePreviewUrl, parseArticleUrl } from '../../src/lib/urls.ts';

const katex = (tex: string) => `<span class="katex"><span class="katex-mathml"><math><annotation encoding="application/x-tex">${tex}</annotation></math></span><span class="katex-html" aria-hidden="true">${'x'.repeat(300)}</span></span>`;

describe('the first lines of a link preview', () => {
  test('are the opening paragraphs, headings and code skipped, until the budget is spent', () => {
    const html = `<div class="heading"><h2 id="a">动机</h2></div><p>第一段${katex('a^2')}。</p><figure class="code-block"><pre>code</pre></figure><p>${'二'.repeat(200)}</p><p>第三段</p>`;
    const lines = openingLines(html);
    expect(lines).toContain('<p>第一段<span class="katex">');
    expect(lines).toContain('二'.repeat(200));
    expect(lines).not.toContain('动机');
    expect(lines).not.toContain('code');
    expect(lines).not.toContain('第三段');
  });

  test('are read from the start of a long note, never from a paragraph the cut went through', () => {
    const opening = `<p>${'长'.repeat(100)}</p><p>${katex('x').repeat(20)}${'尾'.repeat(10)}</p>`;
    const html = `${opening}<p>${'后'.repeat(50_000)}</p>`;
    expect(openingLines(html)).toBe(opening);
    expect(openingLines(html, 160, 500)).toBe(opening);
  });

  test('turn links into plain text, so the popover holds no links of its own', () => {
    const lines = openingLines('<p>见 <a href="/mla/">MLA</a> 与 <a href="https://x.org" class="external">论文<span class="sr-only">（外部链接）</span></a>。</p>');
    expect(lines).toBe('<p>见 MLA 与 论文。</p>');
  });
});

describe('preview addresses', () => {
  test.each([
    ['/mla/', { slug: 'mla', id: undefined }],
    ['/deepseek-v3/#mla', { slug: 'deepseek-v3', id: 'mla' }],
    [`/mla/#${encodeURIComponent('低秩压缩')}`, { slug: 'mla', id: '低秩压缩' }],
    ['/tags/attention/', undefined],
    ['https://arxiv.org/abs/1/', undefined],
    ['#local', undefined],
  ])('%s', (href, expected) => {
    expect(parseArticleUrl(href)).toEqual(expected);
  });

  test('a note\'s preview lives beside its page', () => {
    expect(articlePreviewUrl('flash-attention')).toBe('/flash-attention/preview.json');
  });
});

describe('a quoted sentence with math', () => {
  test('renders its formulas and escapes the rest', async () => {
    const { mathTextHtml } = await import('../../src/math/index.ts');
    const html = mathTextHtml('缓存 $d_c + d_h^R$ 个数 <b>，价格 5$ 不算');
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<annotation encoding="application/x-tex">d_c + d_h^R</annotation>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).toMatch(/价格 5\$ 不算$/);
  });
});
