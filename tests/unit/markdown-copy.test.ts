import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, test } from 'vitest';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { siteUrl } from '../../src/lib/site.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { recordingsOf, type NoteRecordings } from '../../src/markdown/recordings.ts';
import type { Article, Topic } from '../../src/site/entries.ts';
import { markdownCopyFiles } from '../../src/site/markdown-copies.ts';
import { buildSiteModel } from '../../src/site/model.ts';
import { contentFolder } from './content-folder.ts';

const site = siteUrl();
const note = (title: string, body: string) => `---\ntitle: ${title}\nsummary: 一句足够长的测试摘要。\ntopic: llm\ncreated: 2026-11-22\n---\n${body}`;

/** A content folder with the note under test (`demo`), a note it links to and a planned note. */
const dir = contentFolder({
  'articles/other.md': note('另一篇', '## 第二节 {#second}\n\n正文。\n\n## 低秩 压缩\n\n正文。\n'),
  'articles/demo.md': note('演示', '正文。\n\n## 小节\n\n正文。\n'),
  'planned.yaml': 'future: 未来的笔记\n',
});
const index = readNoteIndex(dir);
const processor = createMarkdownProcessor({ ...markdownPlugins(() => index), shikiConfig, smartypants: false });

/** The Markdown copy the site's pipeline records for `body` as the note `demo`. */
async function copyOf(body: string): Promise<string> {
  const { metadata } = await (await processor).render(body, { fileURL: pathToFileURL(path.join(dir, 'articles', 'demo.md')) });
  return recordingsOf(metadata.frontmatter).markdown;
}

describe('a note\'s Markdown copy', () => {
  test('turns wikilinks into absolute links, to headings too, by their ids', async () => {
    const copy = await copyOf('见 [[other]]、[[other#第二节|第二节]]、[[另一篇#低秩 压缩]] 与 [[#小节]]。\n\n## 小节\n\n正文。\n');
    expect(copy).toBe([
      `见 [另一篇](${site}/other/)、[第二节](${site}/other/#second)、[另一篇 › 低秩 压缩](${site}/other/#%E4%BD%8E%E7%A7%A9-%E5%8E%8B%E7%BC%A9) 与 [小节](${site}/demo/#%E5%B0%8F%E8%8A%82)。`,
      '',
      '## 小节',
      '',
      '正文。',
      '',
    ].join('\n'));
  });

  test('makes the note\'s other addresses absolute, and a link to a planned note its words, as the page shows it', async () => {
    const copy = await copyOf('[另一篇](/other/#second)、[上文](#小节)、[附件](files/a.pdf)、[外站](https://example.org/x) 与 [[future|以后]]、[未来](/future/)。\n\n![网站图标](/favicon.svg)\n');
    expect(copy).toContain(`[另一篇](${site}/other/#second)`);
    expect(copy).toContain(`[上文](${site}/demo/#%E5%B0%8F%E8%8A%82)`);
    expect(copy).toContain(`[附件](${site}/demo/files/a.pdf)`);
    expect(copy).toContain('[外站](https://example.org/x)');
    expect(copy).toContain('以后（待写）、未来（待写）');
    expect(copy).toContain(`![网站图标](${site}/favicon.svg)`);
  });

  test('keeps every formula as TeX between dollars, however the author delimited it', async () => {
    const copy = await copyOf('行内 $a+b$ 与 \\(c_1\\)，显示 \\[d\\] 在句中。\n\n\\[\ne = mc^2\n\\]\n\n\\[ f \\]\n\n$$\ng\n$$\n\n`\\(不是公式\\)`\n');
    expect(copy).toBe([
      '行内 $a+b$ 与 $c_1$，显示 $d$ 在句中。',
      '',
      '$$\ne = mc^2\n$$',
      '',
      '$$\nf\n$$',
      '',
      '$$\ng\n$$',
      '',
      '`\\(不是公式\\)`',
      '',
    ].join('\n'));
  });

  test('writes callouts as quotes with a bold title and link cards as plain links', async () => {
    const copy = await copyOf([
      '> [!TIP]',
      '> 先算 KV cache。',
      '',
      '> [!warning]- 推导 $x$',
      '> 细节见 [[other]]。',
      '',
      '> 普通引用。',
      '',
      '🔖 https://arxiv.org/abs/2405.09818',
      '',
      '🔖 [Chameleon 论文](https://arxiv.org/abs/2405.09818)',
      '',
    ].join('\n'));
    expect(copy).toBe([
      '> **提示**',
      '>',
      '> 先算 KV cache。',
      '',
      '> **警告：推导 $x$**',
      '>',
      `> 细节见 [另一篇](${site}/other/)。`,
      '',
      '> 普通引用。',
      '',
      '[arXiv 2405.09818](https://arxiv.org/abs/2405.09818)',
      '',
      '[Chameleon 论文](https://arxiv.org/abs/2405.09818)',
      '',
    ].join('\n'));
  });

  test('has no HTML: what the author wrote as HTML stays text, as the page shows it, and comments go', async () => {
    const copy = await copyOf('一个 <span class="x">标签</span> 在句中。\n\n<div>块</div>\n\n<!-- 作者的备注 -->\n\n```html\n<p>代码里的不算</p>\n```\n');
    expect(copy).not.toContain('作者的备注');
    expect(copy).not.toMatch(/(^|[^\\`])<(span|div)/m);
    expect(copy).toContain('\\<span class="x">标签\\</span>');
    expect(copy).toContain('```html\n<p>代码里的不算</p>\n```');
    // Read back by the site, it shows what the page shows.
    const { code } = await (await processor).render(copy, { fileURL: pathToFileURL('/elsewhere/copy.md') });
    expect(code).toContain('&#x3C;span class="x">标签&#x3C;/span>');
  });

  test('keeps fixed heading ids, and what needs no change as the author wrote it', async () => {
    const body = '## 低秩压缩 {#low-rank}\n\n表格：\n\n| 方法 | 缓存 |\n|:--|--:|\n| MHA | $2n_hd_h$ |\n\n- 列表 *强调* a_b\n- 第二项\n';
    expect(await copyOf(body)).toBe(body);
  });
});

describe('the Markdown copies the site publishes', async () => {
  const article = (id: string, title: string, topic: string, extra: Record<string, unknown> = {}) =>
    ({ id, filePath: `content/articles/${id}.md`, data: { title, summary: `${title}的摘要。`, topic, tags: [], related: [], formerSlugs: [], ...extra } }) as unknown as Article;
  const topic = (id: string, name: string, order: number) => ({ id, data: { name, nameEn: id.toUpperCase(), description: '', order } }) as unknown as Topic;
  const paper = { title: 'DeepSeek-V2: A Strong MoE Model', url: 'https://arxiv.org/abs/2405.04434', year: 2024 };
  const articles = [
    article('dpo', 'DPO', 'llm'),
    article('mla', 'MLA', 'llm', { paper, code: 'https://github.com/deepseek-ai/DeepSeek-V2', formerSlugs: ['latent-attention'] }),
    article('vit', 'ViT', 'vision'),
  ];
  const model = await buildSiteModel(articles, [topic('llm', '大语言模型', 1), topic('empty', '空', 2), topic('vision', '视觉', 3)], async ({ id }): Promise<NoteRecordings> =>
    ({ links: [], sections: [], glyphs: '', markdown: `## ${id} 的正文\n\n$x$\n`, terms: [], hinted: [] }));
  const files = new Map(markdownCopyFiles(model, 'https://notes.example.org'));

  test('each note at /<slug>.md, also at its former slugs, with llms.txt and llms-full.txt', () => {
    expect([...files.keys()]).toEqual(['dpo.md', 'mla.md', 'vit.md', 'latent-attention.md', 'llms.txt', 'llms-full.txt']);
    expect(files.get('latent-attention.md')).toBe(files.get('mla.md'));
  });

  test('a copy starts with the title, the summary and a compact block of where the note is, its paper and code', () => {
    expect(files.get('mla.md')).toBe([
      '# MLA',
      '',
      '> MLA的摘要。',
      '',
      '- 网页：[https://notes.example.org/mla/](https://notes.example.org/mla/)',
      '- 主题：大语言模型',
      '- 论文：[DeepSeek-V2: A Strong MoE Model](https://arxiv.org/abs/2405.04434)（2024）',
      '- 代码：[https://github.com/deepseek-ai/DeepSeek-V2](https://github.com/deepseek-ai/DeepSeek-V2)',
      '',
      '---',
      '',
      '## mla 的正文',
      '',
      '$x$',
      '',
    ].join('\n'));
    expect(files.get('dpo.md')).not.toContain('论文');
  });

  test('llms.txt is the llmstxt.org format: the site as H1, a one-line quote, then an H2 per topic listing its notes', () => {
    const lines = files.get('llms.txt')!.split('\n');
    expect(lines.slice(0, 3)).toEqual(['# 模型笔记', '', expect.stringMatching(/^> \S.*[^\n]$/)]);
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['# 模型笔记', '## 大语言模型（LLM）', '## 视觉（VISION）']);
    expect(lines.filter((line) => line.startsWith('- '))).toEqual([
      '- [DPO](https://notes.example.org/dpo.md): DPO的摘要。',
      '- [MLA](https://notes.example.org/mla.md): MLA的摘要。',
      '- [ViT](https://notes.example.org/vit.md): ViT的摘要。',
    ]);
    expect(files.get('llms.txt')).toContain('[llms-full.txt](https://notes.example.org/llms-full.txt)');
  });

  test('llms-full.txt holds every copy whole, in the order of llms.txt', () => {
    const full = files.get('llms-full.txt')!;
    const at = ['dpo.md', 'mla.md', 'vit.md'].map((file) => full.indexOf(files.get(file)!));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(full.startsWith('# 模型笔记\n')).toBe(true);
  });

  test('a site too large for one file a host serves gets llms-full.txt in parts of whole notes, each part listed in llms.txt', () => {
    const copies = new Map([...files].filter(([file]) => ['dpo.md', 'mla.md', 'vit.md'].includes(file)));
    const oneNote = Math.max(...[...copies.values()].map((copy) => Buffer.byteLength(copy)));
    // Room in each part for its opening and one note, not two.
    const parted = new Map(markdownCopyFiles(model, 'https://notes.example.org', Buffer.byteLength(files.get('llms-full.txt')!) - oneNote));
    const parts = [...parted.keys()].filter((file) => file.startsWith('llms-full'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts).toEqual(parts.map((_, index) => (index === 0 ? 'llms-full.txt' : `llms-full-${index + 1}.txt`)));
    for (const part of parts) {
      expect(parted.get(part)!.startsWith('# 模型笔记\n')).toBe(true);
      expect(parted.get(part)).toContain(`共 ${parts.length} 部分`);
      expect(parted.get('llms.txt')).toContain(`[${part}](https://notes.example.org/${part})`);
    }
    // Every note whole in exactly one part, in the order of llms.txt.
    const joined = parts.map((part) => parted.get(part)!).join('');
    const at = [...copies.values()].map((copy) => joined.indexOf(copy));
    expect(at.every((position) => position > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(parts.map((part) => [...copies.values()].filter((copy) => parted.get(part)!.includes(copy)).length).reduce((sum, count) => sum + count, 0)).toBe(copies.size);
  });
});
