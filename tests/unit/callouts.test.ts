import { describe, expect, test } from 'vitest';
import { renderNote } from './render-note.ts';
import { bookmarkLabel } from '../../src/markdown/remark-bookmarks.ts';

const render = renderNote;
/** The visible text of some HTML, without tags or icons. */
const text = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();

describe('callouts', () => {
  test.each([
    ['NOTE', 'note', '注'],
    ['TIP', 'tip', '提示'],
    ['IMPORTANT', 'important', '重要'],
    ['WARNING', 'warning', '警告'],
    ['CAUTION', 'caution', '当心'],
  ])('GitHub [!%s] is a note with an icon and the title %s', async (type, look, title) => {
    const html = await render(`> [!${type}]\n> 先算 **KV cache** 的大小 $2 n_l d$。\n`);
    expect(html).toMatch(new RegExp(`^<aside class="callout callout-${look}" data-callout="${type.toLowerCase()}" role="note">`));
    expect(html).toMatch(/<p class="callout-title"><svg class="callout-icon"[^>]*aria-hidden="true"[^>]*>(<path d="[^"]+"><\/path>)+<\/svg><span>/);
    expect(text(html.match(/<p class="callout-title">[\s\S]*?<\/p>/)![0])).toBe(title);
    const body = html.match(/<div class="callout-body">([\s\S]*)<\/div>/)![1];
    // The body is prose: its first mention of a glossary term is marked (remark-term-hints.ts).
    expect(body).toMatch(/<strong><a href="\/terms\/#kv-cache" class="term-hint"[^>]*>KV cache<\/a><\/strong>/);
    expect(body).toContain('class="katex"');
    expect(html).not.toContain('[!');
    expect(html).not.toContain('<blockquote');
  });

  test('Obsidian [!info] takes the rest of the first line as its title, Markdown included', async () => {
    const html = await render('> [!info] 关于 **MLA** 的说明\n> 第一行正文\n>\n> 第二段\n');
    expect(html).toContain('role="note"');
    expect(html).toMatch(/<p class="callout-title">.*<span>关于 <strong>MLA<\/strong> 的说明<\/span><\/p>/);
    expect(html).toMatch(/<div class="callout-body"><p>第一行正文<\/p>\s*<p>第二段<\/p>\s*<\/div>/);
  });

  test('a - folds the callout into a closed <details>, + into an open one, with the title as its summary', async () => {
    const closed = await render('> [!tip]- 推导细节\n> 省略的步骤\n');
    expect(closed).toMatch(/^<details class="callout callout-tip" data-callout="tip">\s*<summary class="callout-title"><svg[\s\S]*<\/svg><span>推导细节<\/span><\/summary>/);
    expect(closed).not.toContain('open');
    expect(closed).toContain('<p>省略的步骤</p>');
    const open = await render('> [!question]+\n> 为什么？\n');
    expect(open).toMatch(/^<details class="callout callout-question" data-callout="question" open>/);
    expect(open).toContain('<span>问题</span>');
  });

  test('types are case-insensitive, and a callout can hold lists, code and another callout', async () => {
    const html = await render('> [!Warning] 小心\n> - 一\n> - 二\n>\n> ```python\n> x = 1\n> ```\n>\n> > [!note]\n> > 内层\n');
    expect(html).toContain('callout-warning');
    expect(html).toMatch(/<ul>\s*<li>一<\/li>/);
    expect(html).toContain('class="code-block"');
    expect(html.match(/class="callout /g)).toHaveLength(2);
  });

  test('a plain quote, and [!x] that is not at the start, stay quotes', async () => {
    expect(await render('> 一段引文 [!NOTE]\n')).toMatch(/^<blockquote>\s*<p>一段引文 \[!NOTE\]<\/p>/);
    expect(await render('正文 [!NOTE] 不是标注\n')).toBe('<p>正文 [!NOTE] 不是标注</p>');
  });

  test('an unknown type fails with the file, the line and the closest types', async () => {
    const error = await render('第一段\n\n> [!NOTEE]\n> 正文\n', '/notes/typo.md').then(() => undefined, (caught: Error) => caught);
    expect(error?.message).toMatch(/\/notes\/typo\.md:3: "\[!NOTEE\]" is not a callout type; did you mean \[!note\]/);
  });
});

describe('bookmark lines', () => {
  const card = /^<p class="bookmark"><a href="([^"]+)" class="bookmark-card external" rel="noopener noreferrer"><svg class="bookmark-icon"[^>]*aria-hidden="true"[^>]*>.*?<\/svg><span class="bookmark-text">(.*?)<\/span>(?:<span class="bookmark-host">(.*?)<\/span>)?<span class="sr-only"[^>]*>（外部链接）<\/span><\/a><\/p>$/;

  test.each([
    ['🔖 https://arxiv.org/pdf/2405.09818', 'https://arxiv.org/pdf/2405.09818', 'arXiv 2405.09818', 'arxiv.org'],
    ['https://github.com/deepseek-ai/DeepSeek-LLM', 'https://github.com/deepseek-ai/DeepSeek-LLM', 'deepseek-ai/DeepSeek-LLM', 'github.com'],
    ['🔖 <https://rank.opencompass.org.cn/home>', 'https://rank.opencompass.org.cn/home', 'rank.opencompass.org.cn/home', 'rank.opencompass.org.cn'],
    ['🔖 [MMBench 论文](https://arxiv.org/abs/2307.06281)', 'https://arxiv.org/abs/2307.06281', 'MMBench 论文', 'arxiv.org'],
    ['🔖️ https://www.deepseek.com/', 'https://www.deepseek.com/', 'deepseek.com', undefined],
  ])('%s becomes a card with the link text and the host', async (markdown, href, words, host) => {
    const html = await render(markdown);
    const match = card.exec(html);
    expect(match, html).not.toBeNull();
    expect(match!.slice(1)).toEqual([href, words, host]);
  });

  test('a link in a sentence, or a titled link alone without 🔖, stays a link', async () => {
    expect(await render('论文见 https://arxiv.org/abs/2307.06281 。')).not.toContain('bookmark');
    expect(await render('[论文](https://arxiv.org/abs/2307.06281)')).not.toContain('bookmark');
    expect(await render('🔖 见 https://arxiv.org/abs/2307.06281')).not.toContain('bookmark');
    expect(await render('🔖 [概述](/mla/)')).not.toContain('bookmark');
  });

  test('labels come from the address alone', () => {
    expect(bookmarkLabel(new URL('https://arxiv.org/abs/2205.14135v2'))).toBe('arXiv 2205.14135');
    expect(bookmarkLabel(new URL('https://github.com/Dao-AILab/flash-attention/tree/main/csrc'))).toBe('Dao-AILab/flash-attention');
    expect(bookmarkLabel(new URL('https://zh.wikipedia.org/wiki/%E6%B3%A8%E6%84%8F%E5%8A%9B'))).toBe('zh.wikipedia.org/wiki/注意力');
  });
});
