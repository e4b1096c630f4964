import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { recordingsOf } from '../../src/markdown/recordings.ts';
import { sentenceAround } from '../../src/markdown/remark-link-records.ts';
import { linkIndex } from '../../src/site/links.ts';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import remarkTexDelimiters from '../../src/markdown/remark-tex-delimiters.ts';

/** Markdown as the site reads it, to an mdast tree. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkTexDelimiters as never).use(remarkMath);
const parseMarkdown = (markdown: string) => parser.runSync(parser.parse(markdown)) as Root;
import { createResolver, linkWikilinks, parseWikilinks } from '../../src/markdown/wikilinks.ts';
import { rehypePlugins, remarkPlugins } from './render-note.ts';
import { expandFormulas } from '../../src/math/index.ts';

const note = (title: string, extra = '', body = '') => `---\ntitle: ${title}\nsummary: 一句足够长的测试摘要，用来通过校验。\ntopic: llm\ncreated: 2026-11-22\n${extra}---\n${body}`;

/** A small content folder: three notes that link to each other, and one planned note. */
function contentFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wikilinks-'));
  const files: Record<string, string> = {
    'topics.yaml': 'llm:\n  name: x\n',
    'planned.yaml': 'rope: 旋转位置编码 RoPE\n',
    'articles/deepseek-v3.md': note('DeepSeek-V3', 'aliases: [深度求索 V3, 共享别名]\n', '\n## 概览\n\n正文。\n\n## 多头潜在注意力（MLA）\n\n正文。\n\n## 公式 $x^2$\n\n正文。\n'),
    'articles/mla.md': note('从 MHA、MQA、GQA 到 MLA', 'aliases: [多头潜在注意力, MLA]\n', '\n## 低秩压缩\n\n压缩 KV。MLA 用于 [[deepseek-v3|V3]]，见 [[deepseek-v3#概览]]。另一句。\n'),
    'articles/dpo.md': note('DPO', '', '\n对比 [[MLA]] 与 [别处](/mla/#低秩压缩)。\n\n```python\nx = [[mla]]\n```\n'),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const dir = contentFolder();
let processor: MarkdownRenderer;
beforeAll(async () => {
  process.env.CONTENT_DIR = dir;
  processor = await createMarkdownProcessor({ remarkPlugins, rehypePlugins, smartypants: false });
});
afterAll(() => {
  delete process.env.CONTENT_DIR;
});

async function render(markdown: string, file = path.join(dir, 'articles/dpo.md')): Promise<string> {
  return expandFormulas((await processor.render(markdown, { fileURL: new URL(`file://${file}`) })).code);
}

describe('the wikilink parser', () => {
  test.each([
    ['[[deepseek-v3]]', { target: 'deepseek-v3' }],
    ['[[deepseek-v3|V3]]', { target: 'deepseek-v3', label: 'V3' }],
    ['[[deepseek-v3#mla]]', { target: 'deepseek-v3', heading: 'mla' }],
    ['[[deepseek-v3#多头潜在注意力（MLA）|MLA 一节]]', { target: 'deepseek-v3', heading: '多头潜在注意力（MLA）', label: 'MLA 一节' }],
    ['[[DeepSeek-V3]]', { target: 'DeepSeek-V3' }],
    ['[[多头潜在注意力]]', { target: '多头潜在注意力' }],
    ['[[deepseek-v3\\|V3]]', { target: 'deepseek-v3', label: 'V3' }],
    ['[[#概览]]', { target: '', heading: '概览' }],
    ['[[ 从 MHA、MQA、GQA 到 MLA ]]', { target: '从 MHA、MQA、GQA 到 MLA' }],
  ])('%s', (text, expected) => {
    const [link] = parseWikilinks(`见 ${text} 。`);
    expect({ target: link.target, heading: link.heading, label: link.label }).toEqual({ heading: undefined, label: undefined, ...expected });
    expect(link.start).toBe(2);
    expect(link.end).toBe(2 + text.length);
  });

  test.each([
    ['a single bracket', '[deepseek-v3]'],
    ['an empty link', '[[]]'],
    ['a line break inside', '[[deepseek\nv3]]'],
    ['nested lists in code-like text', '[[1, 2], [3, 4]]'],
  ])('ignores %s', (_name, text) => {
    expect(parseWikilinks(text)).toEqual([]);
  });

  test('finds several links in one text', () => {
    expect(parseWikilinks('[[a]] 与 [[b|B]]，以及 [[c#d]]').map((link) => link.target)).toEqual(['a', 'b', 'c']);
  });
});

describe('the resolver', () => {
  const resolver = createResolver(
    [
      { slug: 'deepseek-v3', title: 'DeepSeek-V3', aliases: ['深度求索 V3', '共享别名'], headings: [{ id: '概览', text: '概览' }, { id: '多头潜在注意力mla', text: '多头潜在注意力（MLA）' }, { id: 'dual-pipe', text: 'Dual Pipe' }] },
      { slug: 'mla', title: '从 MHA、MQA、GQA 到 MLA', aliases: ['多头潜在注意力', 'MLA', '共享别名'], headings: [] },
      { slug: 'dpo', title: 'DPO 直接偏好优化', aliases: [], headings: [] },
    ],
    new Map([['rope', '旋转位置编码 RoPE']]),
  );

  test.each([
    ['a slug', 'deepseek-v3', undefined, { slug: 'deepseek-v3' }],
    ['a title', 'DeepSeek-V3', undefined, { slug: 'deepseek-v3' }],
    ['a slug in capitals', 'DPO', undefined, { slug: 'dpo' }],
    ['a title in other case and spacing', 'deepseek-V3 ', undefined, { slug: 'deepseek-v3' }],
    ['a Chinese alias', '多头潜在注意力', undefined, { slug: 'mla' }],
    ['an alias with a space', '深度求索 V3', undefined, { slug: 'deepseek-v3' }],
    ['a heading id', 'deepseek-v3', '概览', { slug: 'deepseek-v3', id: '概览' }],
    ['a heading by its text', 'deepseek-v3', '多头潜在注意力（MLA）', { slug: 'deepseek-v3', id: '多头潜在注意力mla' }],
    ['a heading by the id its text slugs to', 'deepseek-v3', 'Dual Pipe', { slug: 'deepseek-v3', id: 'dual-pipe' }],
    ['a heading of the linking note', '', '概览', { slug: 'deepseek-v3', id: '概览' }],
  ])('finds a note by %s', (_name, target, heading, expected) => {
    const result = resolver.resolve(target, heading, 'deepseek-v3');
    expect(result.kind).toBe('article');
    expect(result).toMatchObject(expected);
  });

  test('resolves a planned note by slug or title', () => {
    expect(resolver.resolve('rope', undefined)).toEqual({ kind: 'planned', slug: 'rope', title: '旋转位置编码 RoPE' });
    expect(resolver.resolve('旋转位置编码 RoPE', undefined)).toMatchObject({ kind: 'planned', slug: 'rope' });
  });

  test.each([
    ['a mistyped slug', 'deepseek-v4', undefined, /no note is called "deepseek-v4"; did you mean "deepseek-v3"/],
    ['a name two notes share', '共享别名', undefined, /"共享别名" names more than one note \(deepseek-v3, mla\); link by slug/],
    ['a missing heading', 'deepseek-v3', '不存在', /"deepseek-v3" has no heading "不存在"; did you mean #/],
    ['a heading of a note without headings', 'mla', 'x', /"mla" has no heading "x" \(it has no headings\)/],
  ])('explains %s', (_name, target, heading, message) => {
    const result = resolver.resolve(target, heading);
    expect(result.kind).toBe('missing');
    expect(result.kind === 'missing' && result.message).toMatch(message);
  });

  test('an address must name a heading by its exact id', () => {
    expect(resolver.resolve('deepseek-v3', '多头潜在注意力（MLA）', undefined, { exactId: true }).kind).toBe('missing');
    expect(resolver.resolve('deepseek-v3', '多头潜在注意力mla', undefined, { exactId: true }).kind).toBe('article');
  });

  test('reports each unresolved link with its line, and leaves code and math alone', () => {
    const tree = parseMarkdown('第一行 [[mla]]\n\n第三行 [[nope]] 与 [[deepseek-v3#无此节]]\n\n`[[nope]]` $[[a]]$ \\([[b]]\\)\n\n```\n[[nope]]\n```\n\n$$\n[[c]]\n$$\n\n[坏](/deepseek-v3/#无此节)\n');
    const problems = linkWikilinks(tree, resolver);
    expect(problems.map(({ line, written }) => [line, written])).toEqual([
      [3, '[[nope]]'],
      [3, '[[deepseek-v3#无此节]]'],
      [15, '(/deepseek-v3/#无此节)'],
    ]);
  });
});

describe('wikilinks in the Markdown pipeline', () => {
  test.each([
    ['by slug, showing the title', '[[deepseek-v3]]', '<a href="/deepseek-v3/">DeepSeek-V3</a>'],
    ['with a label', '[[deepseek-v3|V3]]', '<a href="/deepseek-v3/">V3</a>'],
    ['by title', '[[DeepSeek-V3]]', '<a href="/deepseek-v3/">DeepSeek-V3</a>'],
    ['by alias, showing the alias', '[[多头潜在注意力]]', '<a href="/mla/">多头潜在注意力</a>'],
    ['to a heading by its text', '[[deepseek-v3#多头潜在注意力（MLA）]]', `<a href="/deepseek-v3/#${encodeURIComponent('多头潜在注意力mla')}">DeepSeek-V3 › 多头潜在注意力（MLA）</a>`],
    ['to a heading by its id', '[[deepseek-v3#概览|概览一节]]', `<a href="/deepseek-v3/#${encodeURIComponent('概览')}">概览一节</a>`],
    ['to a section of the same note', '[[#低秩压缩]]', `<a href="/mla/#${encodeURIComponent('低秩压缩')}">低秩压缩</a>`],
  ])('links %s', async (_name, markdown, html) => {
    expect(await render(`见 ${markdown}。`, path.join(dir, 'articles/mla.md'))).toContain(html);
  });

  test('an escaped bar inside a GFM table keeps the cell whole', async () => {
    const html = await render('| 模型 | 注意力 |\n| --- | --- |\n| [[deepseek-v3\\|V3]] | [[mla\\|MLA]] |\n');
    expect(html).toContain('<td><a href="/deepseek-v3/">V3</a></td>');
    expect(html).toContain('<td><a href="/mla/">MLA</a></td>');
  });

  test.each([
    ['a code span', '代码 `[[deepseek-v3]]` 里', '<code>[[deepseek-v3]]</code>'],
    ['a code block', '```python\nx = [[deepseek-v3]]\n```', '[[deepseek'],
    ['inline math', '公式 $[[a, b]] + [[deepseek-v3]]$ 里', 'x-tex">[[a, b]] + [[deepseek-v3]]</annotation>'],
    ['display math in brackets', '\\[\nA = [[1, 2]]\n\\]', 'x-tex">A = [[1, 2]]</annotation>'],
  ])('does not parse [[ inside %s', async (_name, markdown, kept) => {
    const html = await render(markdown);
    expect(html).not.toContain('<a href="/deepseek-v3/"');
    expect(html).toContain(kept);
  });

  test('a link to a planned note shows as "待写"', async () => {
    expect(await render('见 [[rope|RoPE]]。')).toContain('<span class="planned-link" title="《旋转位置编码 RoPE》还没写">RoPE<span class="sr-only" data-pagefind-ignore="">（待写）</span></span>');
  });

  test.each([
    ['a wikilink to a missing note', '正文。\n\n见 [[deepseek-v4]]。', /dpo\.md:3: \[\[deepseek-v4\]\]: no note is called "deepseek-v4"; did you mean "deepseek-v3"/],
    ['a wikilink to a missing heading', '见 [[deepseek-v3#不存在]]。', /dpo\.md:1: \[\[deepseek-v3#不存在\]\]: "deepseek-v3" has no heading "不存在"/],
    ['a Markdown link to a missing note', '见 [V4](/deepseek-v4/)。', /\(\/deepseek-v4\/\): no note is called "deepseek-v4"/],
    ['a Markdown link to a missing heading', '见 [MLA](/mla/#高秩)。', /\(\/mla\/#高秩\): "mla" has no heading "高秩"; did you mean #低秩压缩/],
  ])('fails on %s, with the file, line and closest names', async (_name, markdown, message) => {
    await expect(render(markdown)).rejects.toThrow(message);
  });
});

/** The links a note records as it renders, as the site model reads them. */
async function linksOf(slug: string) {
  const file = path.join(dir, `articles/${slug}.md`);
  const body = readFileSync(file, 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const { metadata } = await processor.render(body, { fileURL: new URL(`file://${file}`) });
  return recordingsOf(metadata.frontmatter).links;
}

describe('the links between notes', () => {
  test('the index knows each note\'s headings, and each note records its outgoing links, from wikilinks and Markdown links alike', async () => {
    expect(readNoteIndex(dir).notes.find((entry) => entry.slug === 'deepseek-v3')!.headings.map((heading) => heading.id)).toEqual(['概览', '多头潜在注意力mla', expect.stringMatching(/^公式-/)]);
    expect((await linksOf('dpo')).map((link) => [link.slug, link.id])).toEqual([['mla', undefined], ['mla', '低秩压缩']]);
  });

  test('heading ids are the ones the rendered page carries, math in headings included', async () => {
    const html = await render(note('DeepSeek-V3', '', '\n## 概览\n\n## 多头潜在注意力（MLA）\n\n## 公式 $x^2$\n').replace(/^---[\s\S]*?---\n/, ''), path.join(dir, 'articles/deepseek-v3.md'));
    const rendered = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((match) => match[1]);
    expect(readNoteIndex(dir).notes.find((entry) => entry.slug === 'deepseek-v3')!.headings.map((heading) => heading.id)).toEqual(rendered);
    expect(await render(`见 [[deepseek-v3#${rendered[2]}|公式一节]]。`)).toContain('公式一节</a>');
  });

  test('backlinks invert the outgoing links, with the sentence around each link', async () => {
    const links = linkIndex(await Promise.all(['deepseek-v3', 'dpo', 'mla'].map(async (slug) => [slug, await linksOf(slug)] as [string, Awaited<ReturnType<typeof linksOf>>])));
    expect(links.backlinksTo('deepseek-v3')).toEqual([
      { slug: 'mla', contexts: [{ before: 'MLA 用于 ', text: 'V3', after: '，见 DeepSeek-V3 › 概览。' }, { before: 'MLA 用于 V3，见 ', text: 'DeepSeek-V3 › 概览', after: '。' }] },
    ]);
    expect(links.backlinksTo('mla').map((backlink) => backlink.slug)).toEqual(['dpo']);
    expect(links.backlinksTo('dpo')).toEqual([]);
  });

  test('a link records its line in the note\'s file', async () => {
    const links = await linksOf('mla');
    expect(links.map((link) => link.line)).toEqual([11, 11]);
  });

  test('a semicolon inside a formula ends no sentence', () => {
    const text = '上一句。前文$g(a;b)$之后链接在此。';
    const start = text.indexOf('链接');
    expect(sentenceAround(text, start, start + 2, [[6, 14]]).before).toBe('前文$g(a;b)$之后');
  });

  test('a long sentence is cut outside its formulas', () => {
    const text = `${'甲'.repeat(5)}$x_1 + x_2$${'甲'.repeat(75)}链接${'乙'.repeat(75)}$y_1 + y_2$${'丙'.repeat(20)}。`;
    const start = text.indexOf('链接');
    const opening = start + 2 + 75;
    const context = sentenceAround(text, start, start + 2, [[5, 16], [opening, opening + 11]]);
    expect(context.before).toBe(`…${'甲'.repeat(75)}`);
    expect(context.after).toBe(`${'乙'.repeat(75)}…`);
  });

  test('a long sentence is cut around the link', () => {
    const text = `${'前'.repeat(200)}链接${'后'.repeat(200)}。`;
    const context = sentenceAround(text, 200, 202);
    expect(context.text).toBe('链接');
    expect(context.before).toMatch(/^…前+$/);
    expect(context.after).toMatch(/^后+…$/);
  });
});
