import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { beforeAll, describe, expect, test } from 'vitest';
import { markdownProcessor, rehypePlugins, remarkPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { linkGraph } from '../../src/lib/link-graph.ts';
import { rewriteTexDelimiters } from '../../src/markdown/remark-tex-delimiters.ts';

// The same processor Astro builds for `.md` files, with the site's plugin lists.
let processor: MarkdownRenderer;
beforeAll(async () => {
  processor = await createMarkdownProcessor({ remarkPlugins, rehypePlugins, shikiConfig, smartypants: false });
  // Checking internal links reads every note once; do it here rather than inside the first test.
  linkGraph();
});

async function render(markdown: string, file = '/notes/test.md'): Promise<string> {
  return (await processor.render(markdown, { fileURL: new URL(`file://${file}`) })).code;
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

  test('search indexes the TeX of a formula, not KaTeX\'s glyphs or MathML', async () => {
    const html = await render('损失 $E=mc^2$ 如此');
    expect(html).toMatch(/<span class="katex-html" aria-hidden="true" data-pagefind-ignore="all">/);
    expect(html).toMatch(/<span class="katex-mathml" data-pagefind-ignore="all">/);
    expect(html).toContain('<span hidden class="math-tex"> E=mc^2 </span></span> 如此');
  });
});

describe('code blocks', () => {
  test('are highlighted in a light and a dark theme, in a figure with language, title and copy button', async () => {
    const html = await render('```python title="attention.py"\ndef f(x):\n    return x\n```\n');
    expect(html).toMatch(/<figure class="code-block"><figcaption class="code-caption" data-pagefind-ignore="">/);
    expect(html).toContain('<span class="code-title">attention.py</span><span class="code-language">Python</span>');
    expect(html).toContain('<button type="button" class="copy-button" hidden aria-label="复制代码：attention.py">复制</button>');
    expect(html).toMatch(/<pre class="astro-code astro-code-themes github-light github-dark"/);
    expect(html).toMatch(/--shiki-dark:#[0-9a-fA-F]{6}/);
    expect(html).not.toContain('data-title');
  });

  test('an unknown fence language fails with the file, the line and the nearest languages', async () => {
    const error = await render('正文\n\n```pyhton\nprint(1)\n```\n', '/notes/typo.md').then(() => undefined, (caught: Error) => caught);
    expect(error?.message).toContain('/notes/typo.md:3: code fence language "pyhton" is unknown; did you mean "python"');
    await expect(render('```text\nplain\n```\n\n```\nno language\n```\n')).resolves.toContain('<pre');
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
});

test('the configured processor carries a digest of the plugin sources, so editing a plugin clears Astro\'s content cache', () => {
  const options = markdownProcessor().options as { sourceDigest?: string };
  expect(options.sourceDigest).toMatch(/^[0-9a-f]{16}$/);
  expect(JSON.parse(JSON.stringify(options)).sourceDigest).toBe(options.sourceDigest);
});
