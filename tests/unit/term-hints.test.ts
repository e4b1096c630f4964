import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, test } from 'vitest';
import { splitFrontmatter } from '../../src/content/frontmatter.ts';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { recordingsOf } from '../../src/markdown/recordings.ts';
import { contentFolder } from './content-folder.ts';

const note = (title: string, body: string, extra = '') => `---\ntitle: ${title}\ntopic: llm\n${extra}---\n${body}`;

const glossary = [
  'knowledge-distillation:\n  zh: [知识蒸馏, 蒸馏]\n  en: [knowledge distillation, KD]\n  definition: 让小模型学习大模型输出分布的训练方法。\n  note: kd#soft\n',
  'attention:\n  zh: [注意力]\n  en: [attention]\n  definition: 按相似度对各位置加权求和的机制。\n  note: kd\n',
  'cnn:\n  zh: [卷积神经网络]\n  en: [convolutional neural network, CNN]\n  definition: 用卷积层提取局部特征的神经网络。\n  note: user\n',
].join('');

/** Every note of a folder rendered as the build renders it, frontmatter included: its HTML and what it recorded. */
async function render(files: Record<string, string>) {
  const dir = contentFolder({ 'glossary.yaml': glossary, 'articles/kd.md': note('蒸馏', '\n## 软标签 {#soft}\n\n正文。\n'), ...files });
  const index = readNoteIndex(dir);
  const processor = await createMarkdownProcessor({ ...markdownPlugins(() => index), shikiConfig, smartypants: false });
  const rendered = new Map<string, { html: string; hinted: string[]; links: string[] }>();
  for (const entry of index.notes) {
    const { body, data } = splitFrontmatter(readFileSync(entry.path, 'utf8'));
    const { code, metadata } = await processor.render(body, { fileURL: pathToFileURL(entry.path), frontmatter: data ?? {} });
    const recorded = recordingsOf(metadata.frontmatter);
    rendered.set(entry.slug, { html: code, hinted: recorded.hinted, links: recorded.links.map((link) => link.slug) });
  }
  return rendered;
}

/** The marked terms of a page: each mark's term id and text. */
const marks = (html: string) => [...html.matchAll(/<a href="\/terms\/#([^"]+)" class="term-hint"[^>]*>([^<]*)<\/a>/g)].map(([, id, text]) => `${id}:${text}`);

describe('marked terms', () => {
  test('the first place each term is named is a link to its entry; later places stay text', async () => {
    const html = (await render({ 'articles/user.md': note('用户', '\n知识蒸馏用到注意力。再说一次知识蒸馏和 KD。\n') })).get('user')!.html;
    expect(marks(html)).toEqual(['knowledge-distillation:知识蒸馏', 'attention:注意力']);
    expect(html).toContain('再说一次知识蒸馏和 KD。');
  });

  test('carry the names, the definition and the note that explains the term, for the popover', async () => {
    const html = (await render({ 'articles/user.md': note('用户', '\n用 KD 压缩模型。\n') })).get('user')!.html;
    expect(html).toContain('<a href="/terms/#knowledge-distillation" class="term-hint" data-term-zh="知识蒸馏、蒸馏" data-term-en="knowledge distillation · KD" data-term-definition="让小模型学习大模型输出分布的训练方法。" data-term-note="/kd/#soft" data-term-note-title="蒸馏 › 软标签">KD</a>');
  });

  test('a term the note itself explains has no note to send the reader to', async () => {
    const html = (await render({ 'articles/user.md': note('用户', '\nCNN 很常见。\n') })).get('user')!.html;
    expect(html).toMatch(/<a href="\/terms\/#cnn" class="term-hint" data-term-zh="卷积神经网络" data-term-en="convolutional neural network · CNN" data-term-definition="[^"]+">CNN<\/a>/);
  });

  test('are not marked in headings, links, code, formulas, callout titles or the references; the next place in prose is', async () => {
    const body = [
      '',
      '## 知识蒸馏',
      '',
      '> [!NOTE] 注意力',
      '> 这里不提。',
      '',
      '见 [知识蒸馏的链接](https://example.com/)，代码 `attention` 与公式 $\\text{KD}$。',
      '',
      '```text',
      '注意力',
      '```',
      '',
      '正文里的知识蒸馏与注意力，以及 R-CNN 里没有 CNN 之外的卷积神经网络。',
      '',
      '## 参考',
      '',
      '- Attention Is All You Need.',
      '',
    ].join('\n');
    const html = (await render({ 'articles/user.md': note('用户', body) })).get('user')!.html;
    expect(marks(html)).toEqual(['knowledge-distillation:知识蒸馏', 'attention:注意力', 'cnn:CNN']);
    expect(html).toContain('R-CNN 里没有');
    expect(html).toContain('<li>Attention Is All You Need.</li>');
  });

  test('are not links the note makes: no backlinks, and the page records which it marked', async () => {
    const user = (await render({ 'articles/user.md': note('用户', '\n知识蒸馏见 [[kd]]。\n') })).get('user')!;
    expect(user.links).toEqual(['kd']);
    expect(user.hinted).toEqual(['knowledge-distillation']);
  });

  test('an author switches them off for a note with `termHints: false`', async () => {
    const user = (await render({ 'articles/user.md': note('用户', '\n知识蒸馏用到注意力。\n', 'termHints: false\n') })).get('user')!;
    expect(marks(user.html)).toEqual([]);
    expect(user.html).toContain('<p>知识蒸馏用到注意力。</p>');
    expect(user.hinted).toEqual([]);
  });
});
