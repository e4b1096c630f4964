import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { beforeAll, describe, expect, test } from 'vitest';
import { shikiConfig } from '../../src/markdown/index.ts';
import rehypeHeadingAnchors from '../../src/markdown/rehype-heading-anchors.ts';
import { sectionSharePages } from '../../src/lib/site.ts';
import { rehypePlugins, remarkPlugins } from './render-note.ts';
import { codeDigest } from '../../src/content/loader.ts';
import { rewriteTexDelimiters } from '../../src/markdown/remark-tex-delimiters.ts';
import { expandFormulas, formulaHtml } from '../../src/math/index.ts';
import rehypeMathPunctuation from '../../src/markdown/rehype-math-punctuation.ts';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { unified } from 'unified';
import type { Element, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

// The same processor Astro builds for `.md` files, with the site's plugin lists.
let processor: MarkdownRenderer;
beforeAll(async () => {
  processor = await createMarkdownProcessor({ remarkPlugins, rehypePlugins, shikiConfig, smartypants: false });
});

/** A note's HTML as a reader gets it: rendered, then its formulas expanded as pages do on output. */
async function render(markdown: string, file = '/notes/test.md'): Promise<string> {
  return expandFormulas((await processor.render(markdown, { fileURL: new URL(`file://${file}`) })).code);
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('math delimiters', () => {
  test('dollar signs: inline and display', async () => {
    const html = await render('行内 $a^2+b^2=c^2$ 文字\n\n$$\n\\int_0^1 x\\,dx\n$$\n');
    expect(count(html, /class="katex"/g)).toBe(2);
    expect(count(html, /class="katex-display"/g)).toBe(1);
    expect(html).toContain('<annotation encoding="application/x-tex">a^2+b^2=c^2</annotation>');
  });

  test('\\( \\) is inline math, with the TeX kept intact (no Markdown escapes eaten)', async () => {
    const html = await render('损失 \\(\\mathcal{L} = -\\log \\sigma(x_i \\cdot y_i / \\tau)\\) 很常见。');
    expect(count(html, /class="katex"/g)).toBe(1);
    expect(html).not.toContain('katex-display');
    expect(html).toContain('\\mathcal{L} = -\\log \\sigma(x_i \\cdot y_i / \\tau)</annotation>');
    expect(html).toMatch(/损失 <span class="katex">/);
  });

  test('\\[ \\] on lines of their own is display math', async () => {
    const html = await render('前文\n\n\\[\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n\\]\n\n后文');
    expect(count(html, /class="katex-display"/g)).toBe(1);
    expect(html).toContain('\\begin{aligned} a &#x26;= b \\\\ c &#x26;= d \\end{aligned}</annotation>');
  });

  test('\\[ \\] inside a line still displays as a block', async () => {
    const html = await render('期望写作 \\[ \\mathbb{E}[x] = \\sum_i p_i x_i \\] 即加权平均。');
    expect(count(html, /class="katex-display"/g)).toBe(1);
    expect(html).toMatch(/x-tex">\s*\\mathbb\{E\}\[x\] = \\sum_i p_i x_i\s*<\/annotation>/);
  });

  test('backslash-parentheses in code and escaped backslashes are left alone', async () => {
    const html = await render('代码 `re.sub(r"\\(x\\)", s)` 与转义 \\\\(不是公式\\\\)。\n\n```python\nprint("\\(a\\)")\n```\n');
    expect(html).not.toContain('class="katex"');
    expect(html).toContain('\\(x\\)');
  });

  test('the rewrite keeps every offset, so errors point at the line the author wrote', () => {
    for (const source of ['a \\(x\\) b', '\\[\nx\n\\]', 'p \\[y\\] q', '`\\(z\\)`']) {
      expect(rewriteTexDelimiters(source).text).toHaveLength(source.length);
    }
    expect(rewriteTexDelimiters('a \\(x\\) b').text).toBe('a $ x $ b');
    expect(rewriteTexDelimiters('\\[\nx\n\\]').text).toBe('$$\nx\n$$');
    expect(rewriteTexDelimiters('一 \\(x\n\n\\) 二').text).toBe('一 \\(x\n\n\\) 二');
  });

  test.each([
    ['aligned', '\\begin{aligned} f(x) &= x^2 \\\\ &= x \\cdot x \\end{aligned}'],
    ['cases', '|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & \\text{否则} \\end{cases}'],
    ['mathbb and operatorname', '\\mathbb{R}^{d}, \\operatorname{softmax}(QK^\\top/\\sqrt{d_k})V'],
    ['matrices and norms', '\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}, \\lVert x \\rVert_2, \\mathrm{KL}(q \\Vert p)'],
  ])('%s renders', async (_name, tex) => {
    const html = await render(`$$\n${tex}\n$$\n`);
    expect(html).toContain('katex-display');
    expect(html).not.toContain('katex-error');
  });

  test('TeX that KaTeX cannot render fails with the file, the line and the TeX', async () => {
    const source = '标题\n\n好的 $x$。\n\n坏的 $\\fracc{a}{b}$ 在第五行。\n';
    const error = await render(source, '/notes/bad-tex.md').then(() => undefined, (caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain('/notes/bad-tex.md:5');
    expect(error!.message).toContain('TeX: \\fracc{a}{b}');
    expect(error!.message).toMatch(/Undefined control sequence/);
  });

  test('search indexes the reading of a formula, not its TeX, KaTeX\'s glyphs or MathML', async () => {
    const html = await render('损失 $E=mc^2$ 如此');
    expect(html).toMatch(/<span class="katex-html" aria-hidden="true" data-pagefind-ignore="all">/);
    expect(html).toMatch(/<span class="katex-mathml"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" data-pagefind-ignore="all">/);
    // Inside .katex-mathml, which copy-tex replaces with the TeX: a copied selection never holds the reading.
    expect(html).toMatch(/<\/math><span hidden class="math-tex">E = mc²<\/span><\/span><span class="katex-html"/);
    expect(html).toMatch(/<\/span><\/span> 如此/);
  });
});

describe('punctuation written against a formula', () => {
  /** The text of a paragraph with each formula as ⟨its TeX⟩ and each glued run in [ ]. */
  const glued = (html: string): string => {
    const show = (node: RootContent): string => {
      if (node.type === 'text') return node.value;
      if (node.type !== 'element') return '';
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      if (classes.includes('katex')) {
        let tex = '';
        visit(node, 'element', (element: Element) => {
          if (element.tagName === 'annotation') tex = toText(element);
        });
        return `⟨${tex}⟩`;
      }
      const inside = node.children.map(show).join('');
      return classes.includes('math-glue') ? `[${inside}]` : inside;
    };
    return fromHtml(html, { fragment: true }).children.map(show).join('').trim();
  };

  test('a closing mark after a formula and an opening one before it stay on its line', async () => {
    const html = await render('维度 $D$，头数 $n_h$（通常 $D = n_h d_h$），第 $t$ 个。\n\n（$x$）和 $y$');
    expect(glued(html)).toBe('维度 [⟨D⟩，]头数 ⟨n_h⟩（通常 [⟨D = n_h d_h⟩），]第 ⟨t⟩ 个。\n[（⟨x⟩）]和 ⟨y⟩');
  });

  test('a long formula with places to break keeps them; a long one without is glued', async () => {
    const long = 'a + b + c + d + e + f + g + h + i + j + k';
    const unbreakable = '\\frac{\\partial \\mathcal{L}}{\\partial \\theta_{\\text{actor}}}';
    expect(glued(await render(`和 $${long}$，完`))).toBe(`和 ⟨${long}⟩，完`);
    expect(glued(await render(`梯度 $${unbreakable}$。`))).toBe(`梯度 [⟨${unbreakable}⟩。]`);
  });

  test('MDX, whose formulas are KaTeX\'s HTML in the tree, is glued the same way', () => {
    const tree = fromHtml(`<p>维度 ${formulaHtml('D', false)}，头数</p>`, { fragment: true });
    unified().use(rehypeMathPunctuation).runSync(tree);
    expect(glued(toHtml(tree))).toBe('维度 [⟨D⟩，]头数');
  });
});

describe('KaTeX output is valid HTML', () => {
  test('an operator name in a script is one argument of the script element', async () => {
    const html = await render('$n_{\\max}$ 与 $x_{\\max}^2$');
    expect(html).toContain('<msub><mi>n</mi><mrow><mi>max</mi><mo>\u2061</mo></mrow></msub>');
    expect(html).toContain('<msubsup><mi>x</mi><mrow><mi>max</mi><mo>\u2061</mo></mrow><mn>2</mn></msubsup>');
  });

  test('underset over an operator name has no token element holding elements', async () => {
    const html = await render('$$\n\\underset{M}{\\operatorname{argmin}}\\ L\n$$\n');
    expect(html).toContain('<munder>');
    expect(html).not.toMatch(/<(mi|mo|mn|mtext)\b[^>]*><(mi|mo|mn|mrow|munder)\b/);
  });

  test('no negative heights in styles; display formulas and tables take focus to scroll', async () => {
    const html = await render('$\\frac{y_if(x_i)}{\\sum_m\\alpha_m}$ 与\n\n$$\n\\sum_{i=1}^{n} x_i\n$$\n');
    expect(html).not.toContain('height:-');
    expect(html).toContain('<span class="katex-display" tabindex="0">');
    expect(await render('| a | b |\n| - | - |\n| 1 | 2 |\n')).toContain('<table tabindex="0">');
  });
});

describe('images', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'images-'));
  writeFileSync(path.join(dir, 'figure.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const note = path.join(dir, 'note.md');

  test('an image next to the note with alt text renders', async () => {
    await expect(render('正文\n\n![注意力的分块示意](./figure.svg)\n', note)).resolves.toContain('注意力的分块示意');
  });

  test.each([
    ['no alt text', '![](./figure.svg)', `${note}:3: the image ./figure.svg has no alt text; describe what it shows: ![描述](./figure.svg)`],
    ['a file that does not exist', '![示意图](./missing.png)', `${note}:3: the image ./missing.png does not exist (looked for ${path.join(dir, 'missing.png')}); fix the path or add the file`],
    ['a file not under public/', '![示意图](/no-such-image.png)', `${note}:3: the image /no-such-image.png does not exist`],
    ['an image from another site', '![示意图](https://example.com/a.png)', `${note}:3: the image https://example.com/a.png is not stored with the site`],
  ])('fails on %s, naming the file and line', async (_name, markdown, message) => {
    const error = await render(`正文\n\n${markdown}\n`, note).then(() => undefined, (caught: Error) => caught);
    expect(error?.message).toContain(message);
  });
});

describe('raw HTML in a note', () => {
  test('is shown as text, in prose, in a block and inline, and never becomes an element', async () => {
    const html = await render('攻击 <img src=x onerror="alert(1)"> 在行内。\n\n<script>alert(1)</script>\n\n<div onclick="alert(2)">块</div>\n');
    expect(html).toContain('攻击 &#x3C;img src=x onerror="alert(1)"> 在行内。');
    expect(html).toContain('<p>&#x3C;script>alert(1)&#x3C;/script></p>');
    expect(html).not.toMatch(/<(script|img|div)\b/);
  });

  test('HTML comments are dropped; code keeps its text escaped', async () => {
    const html = await render('前<!-- 备忘 -->后\n\n<!-- 整段备注 -->\n\n```html\n<script>alert(1)</script>\n```\n');
    expect(html).not.toContain('备忘');
    expect(html).not.toContain('整段备注');
    expect(html).toContain('&#x3C;');
    expect(html).not.toMatch(/<script\b/);
  });
});

describe('marks that only mean something in pairs', () => {
  test('escaped or in code, a lone $, backtick, \\( or [[ is text, and the note renders', async () => {
    const html = await render('价格 \\$5，反引号 \\`，括号 \\\\(x)，代码 `a $ b` 与 `` ` ``，链接 [[mla]] 和 [[mla|多头潜在注意力]]。\n\n```text\n$ [[ <!--\n```\n');
    expect(html).toContain('价格 $5，反引号 `，括号 \\(x)');
    expect(html).toContain('<code>a $ b</code>');
    expect(html.match(/href="\/mla\/"/g)).toHaveLength(2);
  });

  test.each([
    ['a $ without its partner', '损失 $\\mathcal{L} 很大。', /test\.md:1:4: a \$ that opens or closes no formula/],
    ['$$ closed by $', '公式 $$x^2$ 在行内。', /test\.md:1:\d+: a \$ that opens or closes no formula/],
    ['\\( without \\)', '公式 \\(x^2 在行内。', /test\.md:1:4: a \\\( that is never closed/],
    ['a backtick without its partner', '调用 `torch.compile 即可。', /test\.md:1:4: a backtick that opens or closes no code span/],
    ['a bracket more before a wikilink', '见 [[[mla]] 一节。', /test\.md:1: wikilink brackets that do not pair up/],
    ['a bracket more after a wikilink', '见 [[mla]]] 一节。', /test\.md:1: wikilink brackets that do not pair up/],
    ['a wikilink never closed', '见 [[mla 一节。', /test\.md:1: wikilink brackets that do not pair up/],
    ['two pipes in a wikilink', '见 [[mla||注意力]]。', /test\.md:1: \[\[mla\|\|注意力\]\]: a wikilink takes one \|/],
    ['an inline HTML comment never closed', '正文 <!-- 回头再查', /test\.md:1:4: an HTML comment that is never closed/],
    ['an HTML comment block never closed', '开头。\n\n<!-- 待补充\n\n## 二\n\n后文。', /test\.md:3: the HTML comment opened here with <!-- is never closed, so the rest of the note \(5 lines/],
  ])('%s fails with the file, line and what to write', async (_name, markdown, message) => {
    await expect(render(markdown)).rejects.toThrow(message);
  });
});

describe('code blocks', () => {
  test('are highlighted in a light and a dark theme, in a figure with language, title and copy button', async () => {
    const html = await render('```python title="attention.py"\ndef f(x):\n    return x\n```\n');
    expect(html).toMatch(/<figure class="code-block"><figcaption class="code-caption" data-pagefind-ignore="">/);
    expect(html).toContain('<span class="code-title">attention.py</span><span class="code-language">Python</span>');
    expect(html).toContain('<button type="button" class="copy-button" hidden aria-label="复制代码：attention.py">复制</button>');
    expect(html).toMatch(/<pre class="astro-code astro-code-themes github-light-default github-dark-default"/);
    expect(html).toMatch(/--shiki-dark:#[0-9a-fA-F]{6}/);
    expect(html).not.toContain('data-title');
  });

  test('an unknown fence language fails with the file, the line and the nearest languages', async () => {
    const error = await render('正文\n\n```pyhton\nprint(1)\n```\n', '/notes/typo.md').then(() => undefined, (caught: Error) => caught);
    expect(error?.message).toContain('/notes/typo.md:3: code fence language "pyhton" is unknown; did you mean "python"');
    await expect(render('```text\nplain\n```\n\n```\nno language\n```\n')).resolves.toContain('<pre');
  });

  test('a block marked run carries a "verified" mark; others do not', async () => {
    const html = await render('```python title="check.py" run\nprint(1)\n```\n\n```python title="run.py"\nprint(2)\n```\n');
    expect(html).toContain('<span class="code-title">check.py</span><span class="code-verified" title="测试会运行这段代码，确认它能照原样跑通（Python 标准库 + NumPy）">✓ 已验证</span><span class="code-language">Python</span>');
    expect(html.match(/code-verified/g)).toHaveLength(1);
    expect(html).not.toContain('data-run');
  });

  test('run on a fence that is not Python fails, naming the file and line', async () => {
    const error = await render('正文\n\n```bash run\nls\n```\n', '/notes/run.md').then(() => undefined, (caught: Error) => caught);
    expect(error?.message).toContain('/notes/run.md:3: a "run" code block must be Python (```python run), not "bash"');
  });

  test('without a title, only the language is named', async () => {
    const html = await render('```bash\nnpm test\n```\n');
    expect(html).toContain('<span class="code-language">Bash</span>');
    expect(html).not.toContain('code-title');
  });
});

describe('links', () => {
  test('to other sites are marked external and cannot reach back into the page', async () => {
    const html = await render('见 [论文](https://arxiv.org/abs/2205.14135) 与 [笔记](/clip/)。');
    expect(html).toContain('<a href="https://arxiv.org/abs/2205.14135" rel="noopener noreferrer" class="external">论文<span class="sr-only" data-pagefind-ignore="">（外部链接）</span></a>');
    expect(html).toContain('<a href="/clip/">笔记</a>');
  });
});

describe('headings', () => {
  test('carry ids from their text, Chinese included, and a link to themselves beside them', async () => {
    const html = await render('## 在线 softmax\n\n正文\n\n### IO 复杂度\n');
    expect(html).toContain('<h2 id="在线-softmax">在线 softmax</h2><a class="heading-anchor" href="#在线-softmax"');
    expect(html).toContain('<span class="sr-only">本节链接：IO 复杂度</span>');
  });

  test('an author can fix an id with {#id}; the marker leaves the heading text', async () => {
    const { code, metadata } = await processor.render('## 低秩压缩 {#low-rank}\n\n正文\n\n### 解耦 RoPE{#decoupled_rope}\n', { fileURL: new URL('file:///notes/mla.md') });
    expect(code).toContain('<h2 id="low-rank">低秩压缩</h2>');
    expect(code).toContain('<h3 id="decoupled_rope">解耦 RoPE</h3>');
    expect(metadata.headings.map((heading) => [heading.slug, heading.text])).toEqual([['low-rank', '低秩压缩'], ['decoupled_rope', '解耦 RoPE']]);
  });

  test('braces that are not an id marker stay in the heading', async () => {
    const html = await render('## 集合 {#} 与 {a, b}\n');
    expect(html).toContain('集合 {#} 与 {a, b}</h2>');
  });

  test('each has a copy-link button carrying its shareable section address, hidden until its script runs', async () => {
    const html = await render('## MLA：低秩联合压缩 {#low-rank}\n\n## 复杂度 $O(n^2)$\n', '/content/articles/mla.md');
    expect(html).toMatch(/<button type="button" class="copy-link" data-share-url="\/mla\/s\/low-rank\/" data-section-title="MLA：低秩联合压缩" hidden/);
    expect(html).toContain('<span class="sr-only">复制本节链接：MLA：低秩联合压缩</span>');
    // A formula in a heading reads as text in labels (src/math/reading.ts), not as its TeX nor KaTeX's doubled glyphs.
    expect(html).toContain('data-section-title="复杂度 O(n²)"');
  });

  test('with SECTION_PAGES=fixed only a section with a fixed id shares its own page; the others share their place in the article', async () => {
    const sharePages = sectionSharePages({ SECTION_PAGES: 'fixed' });
    const fixedOnly = await createMarkdownProcessor({
      remarkPlugins,
      rehypePlugins: rehypePlugins.map((plugin) => (Array.isArray(plugin) && plugin[0] === rehypeHeadingAnchors ? [rehypeHeadingAnchors, { sharePages }] : plugin)),
      shikiConfig,
      smartypants: false,
    });
    const { code } = await fixedOnly.render('## 低秩压缩 {#low-rank}\n\n正文\n\n## 复杂度\n\n正文\n', { fileURL: new URL('file:///content/articles/mla.md') });
    expect(code).toMatch(/class="copy-link" data-share-url="\/mla\/s\/low-rank\/"/);
    expect(code).toMatch(/class="copy-link" data-share-url="\/mla\/#复杂度"/);
    expect(code).toMatch(/class="share-link" data-share-url="\/mla\/#复杂度"/);
    expect(sectionSharePages({})).toBe('every');
    expect(() => sectionSharePages({ SECTION_PAGES: 'some' })).toThrow(/SECTION_PAGES=some: use "every"/);
  });

  test('two headings with one id fail with both lines and how to fix it', async () => {
    await expect(render('## 甲 {#same}\n\n## 乙 {#same}\n', '/notes/dup.md')).rejects.toThrow(/dup\.md:3: the heading id "\{#same\}" is already used at line 1/);
    await expect(render('## 小结\n\n## 其他 {#小结}\n', '/notes/dup2.md')).rejects.toThrow(/dup2\.md:3: two headings have the id "小结" \(the other is at line 1\); give one of them its own id with \{#another-id\}/);
  });
});

describe('links that would run code', () => {
  test.each([
    ['an inline javascript: link', '[点我](javascript:alert(1))', 3],
    ['a capitalised autolink', '<JavaScript:alert(document.domain)>', 3],
    ['a reference definition with data:', '[图][x]\n\n[x]: data:text/html,<script>alert(1)</script>', 5],
    ['a vbscript: link', '[旧](vbscript:msgbox)', 3],
  ])('%s fails with file, line and what to link instead', async (_name, markdown, line) => {
    await expect(render(`第一行。\n\n${markdown}\n`, '/notes/unsafe.md')).rejects.toThrow(new RegExp(`unsafe\\.md:${line}: the link .* uses the (javascript|data|vbscript): scheme, .*; link an https:// address or another note`));
  });

  test('web, mail and relative links are left alone', async () => {
    const html = await render('[论文](https://arxiv.org/abs/2205.14135)、[信](mailto:a@b.org)、[本节](#x) 与 [笔记](/mla/)。\n');
    expect(count(html, /<a /g)).toBe(4);
  });
});

describe('sections', () => {
  test('are recorded with id, title and first lines (formulas read as text), for their share pages; an id the author fixed is marked', async () => {
    const markdown = '开头。\n\n## 低秩压缩 {#low-rank}\n\n把 $c^{KV}_t = W^{DKV} h_t$ 缓存起来，\n\n```python\nprint(1)\n```\n\n- 维度 $d_c$ 远小于 $n_h d_h$。\n\n### 只有子标题\n\n#### 深层\n\n' + '长'.repeat(300) + '\n';
    const { metadata } = await processor.render(markdown, { fileURL: new URL('file:///notes/mla.md') });
    expect(metadata.frontmatter.sections).toEqual([
      { id: 'low-rank', depth: 2, title: '低秩压缩', excerpt: '把 cₜᴷⱽ = Wᴰᴷⱽhₜ 缓存起来， 维度 d_c 远小于 nₕdₕ。', fixed: true },
      { id: '只有子标题', depth: 3, title: '只有子标题', excerpt: '' },
      { id: '深层', depth: 4, title: '深层', excerpt: `${'长'.repeat(119)}…` },
    ]);
  });
});

test('the notes loader keeps a digest of the plugin sources, so editing a plugin renders every note again', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'plugins-'));
  writeFileSync(path.join(folder, 'remark-x.ts'), 'export default 1;\n');
  const folders = [pathToFileURL(folder + '/')];
  const before = codeDigest(folders);
  expect(codeDigest(folders)).toBe(before);
  writeFileSync(path.join(folder, 'remark-x.ts'), 'export default 2;\n');
  expect(codeDigest(folders)).not.toBe(before);
  // The real folders: src/markdown, src/content and src/lib.
  expect(codeDigest()).toMatch(/^[0-9a-f]{64}$/);
});

describe('blocks that swallow the rest of the note', () => {
  test.each([
    ['a code fence never closed', '开头。\n\n```python\nprint(1)\n\n## 二\n\n后文。\n', /test\.md:3: the code block opened here with ``` is never closed, so the rest of the note \(5 lines, from "print\(1\)", the heading "## 二" too\) becomes part of it; close it with ``` on a line of its own/],
    ['a closing fence with text after it', '```text\nx = 1\n```GAN 样本锐利。\n\n## 二\n\n```python\ny = 2\n```\n', /test\.md:3: "```GAN 样本锐利。…" does not close the code block opened at line 1 \(a closing fence has nothing after it\)/],
    ['a $$ never closed', '开头。\n\n$$\na + b\n\n## 二\n\n后文。\n', /test\.md:3: the display formula opened here with \$\$ is never closed/],
    ['a tilde fence never closed', '~~~\ncode\n', /test\.md:1: the code block opened here with ~~~ is never closed/],
  ])('fail the build: %s, with the line and what to write', async (_name, markdown, message) => {
    await expect(render(markdown)).rejects.toThrow(message);
  });

  test.each([
    ['a closed fence at the very end', '```python\nprint(1)\n```'],
    ['a longer fence showing a fence inside it', '````markdown\n```python\nprint(1)\n```\n````\n\n后文。\n'],
    ['a closed $$ block', '$$\na + b\n$$\n\n后文。\n'],
    ['an indented code block', '    code\n\n后文。\n'],
  ])('leave alone %s', async (_name, markdown) => {
    await expect(render(markdown)).resolves.toContain('<');
  });
});
