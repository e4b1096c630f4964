import { beforeAll, describe, expect, test } from 'vitest';
import { renderNote } from './render-note.ts';

// Glossary terms unmarked: these tests are about the text's own markup.
const render = (markdown: string) => renderNote(markdown, undefined, { termHints: false });

// The first render builds the processor and reads the notes and the glossary: not inside a test's 5 s.
beforeAll(() => render(''), 60_000);

describe('emphasis next to Chinese punctuation', () => {
  test.each([
    ['**粗体**，后文', '<strong>粗体</strong>，后文'],
    ['这是**粗体，**后文', '这是<strong>粗体，</strong>后文'],
    ['前文**“引号”**后文', '前文<strong>“引号”</strong>后文'],
    ['前文**（括号）**后文', '前文<strong>（括号）</strong>后文'],
    ['结论是*近似的。*后面', '结论是<em>近似的。</em>后面'],
    ['看**MLA**的做法', '看<strong>MLA</strong>的做法'],
    ['**KV cache**：缓存', '<strong>KV cache</strong>：缓存'],
  ])('%s is bold or italic, with no asterisks left', async (markdown, html) => {
    expect(await render(markdown)).toBe(`<p>${html}</p>`);
  });

  test('English emphasis follows CommonMark as before', async () => {
    expect(await render('a **b** c, 2 * 3 * 4 and snake_case_name')).toBe('<p>a <strong>b</strong> c, 2 * 3 * 4 and snake_case_name</p>');
  });
});

describe('line breaks and spaces between Chinese and English', () => {
  test('a line break between Chinese characters adds no space; one beside English stays a space', async () => {
    expect(await render('第一行的中文\n接着第二行。')).toBe('<p>第一行的中文接着第二行。</p>');
    expect(await render('用 PyTorch 实现\nFlashAttention，然后\n测一下')).toBe('<p>用 PyTorch 实现\nFlashAttention，然后测一下</p>');
    expect(await render('是**粗体**\n中文')).toBe('<p>是<strong>粗体</strong>中文</p>');
  });

  test('the spaces an author puts between Chinese and English, code or math are kept', async () => {
    const html = await render('在 DeepSeek-V3 里，`MLA` 与 $d_c$ 都是 **关键** 部分');
    expect(html).toMatch(/^<p>在 DeepSeek-V3 里，<code>MLA<\/code> 与 <span class="katex">.*<\/span> 都是 <strong>关键<\/strong> 部分<\/p>$/);
  });
});
