import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { contentFolder } from './content-folder.ts';
import { describe, expect, test } from 'vitest';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { rehypePlugins, remarkPlugins } from './render-note.ts';

describe('articles planned but not written', () => {
  test('are known by slug and title', () => {
    const dir = contentFolder({ 'articles/dpo.md': '', 'planned.yaml': 'mla: 从 MHA、MQA、GQA 到 MLA\n' });
    const index = readNoteIndex(dir);
    expect(index.articles).toEqual(['dpo']);
    expect(index.planned.get('mla')).toBe('从 MHA、MQA、GQA 到 MLA');
  });

  test('must leave the planned list once written', () => {
    const dir = contentFolder({ 'articles/mla.md': '', 'planned.yaml': 'mla: MLA\n' });
    expect(() => readNoteIndex(dir)).toThrow(/mla is written now; remove it from the planned list/);
  });

  test('links to them read as marked text, not as links that lead nowhere', async () => {
    const dir = contentFolder({ 'articles/dpo.md': '', 'planned.yaml': 'mla: 从 MHA、MQA、GQA 到 MLA\n' });
    process.env.CONTENT_DIR = dir;
    try {
      const processor = await createMarkdownProcessor({ remarkPlugins, rehypePlugins });
      const { code } = await processor.render('见 [MLA](/mla/#低秩压缩) 与 [DPO](/dpo/)。');
      expect(code).toContain('<span class="planned-link" title="《从 MHA、MQA、GQA 到 MLA》还没写">MLA<span class="sr-only" data-pagefind-ignore="">（待写）</span></span>');
      expect(code).toContain('<a href="/dpo/">DPO</a>');
    } finally {
      delete process.env.CONTENT_DIR;
    }
  });
});
