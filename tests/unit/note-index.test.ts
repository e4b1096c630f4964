import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentFolder } from './content-folder.ts';
import { describe, expect, test, vi } from 'vitest';
import { noteIndex, readNoteIndex } from '../../src/content/note-index.ts';

const note = (aliases: string) => `---\ntitle: 笔记\ntopic: llm\naliases: ${aliases}\n---\n正文\n`;

describe('the content index', () => {
  test('refuses two files with one slug, naming both', () => {
    const dir = contentFolder({ 'articles/attention.md': note('[]'), 'articles/attention.mdx': note('[]') });
    expect(() => readNoteIndex(dir)).toThrow('content/articles/attention.mdx: the slug "attention" is taken by content/articles/attention.md; each article has one file, so rename or remove one of them');
  });

  test('refuses an alias that two articles claim, naming the file, line and the other article', () => {
    const dir = contentFolder({ 'articles/mha.md': note('[多头注意力, MHA]'), 'articles/mla.md': note('\n  - 潜在注意力\n  - mha\n') });
    expect(() => readNoteIndex(dir)).toThrow('content/articles/mla.md:6: the alias "mha" is also an alias of content/articles/mha.md; an alias must name one article, so remove it from one of them');
  });

  test('accepts distinct aliases, and leaves unparsable frontmatter to the loader', () => {
    const dir = contentFolder({ 'articles/mha.md': note('[MHA]'), 'articles/mla.md': note('[MLA]'), 'articles/broken.md': '---\ntitle: [unclosed\n---\n' });
    expect(readNoteIndex(dir).articles).toEqual(['broken', 'mha', 'mla']);
  });

  test('lists every Markdown and MDX note in file order with its names, and only the slug for YAML that does not parse', () => {
    const dir = contentFolder({ 'articles/b.md': '---\ntitle: 乙\naliases: [B]\n---\n正文\n', 'articles/a/index.mdx': '---\ntitle: 甲\n---\n正文\n', 'articles/broken.md': '---\ntitle: [unclosed\n---\n正文\n', 'articles/notes.txt': '不是笔记' });
    expect(readNoteIndex(dir).notes.map(({ file, slug, title, aliases }) => [file, slug, title, aliases])).toEqual([
      ['a/index.mdx', 'a', '甲', []],
      ['b.md', 'b', '乙', ['B']],
      ['broken.md', 'broken', 'broken', []],
    ]);
  });

  test('reads a note\'s headings only when a link asks for them', () => {
    const dir = contentFolder({ 'articles/a.md': '---\ntitle: 甲\n---\n\n## 一节\n\n正文\n' });
    const [note] = readNoteIndex(dir).notes;
    expect(Object.getOwnPropertyDescriptor(note, 'headings')?.get).toBeTypeOf('function');
    expect(note.headings).toEqual([{ id: '一节', text: '一节' }]);
  });

  test('is read once under astro build, where the folder does not change, and again after an edit elsewhere', () => {
    const dir = contentFolder({ 'articles/c.md': '---\ntitle: 丙\n---\n' });
    vi.stubEnv('NODE_ENV', 'production');
    try {
      const first = noteIndex(dir);
      writeFileSync(path.join(dir, 'articles/d.md'), '---\ntitle: 丁\n---\n');
      expect(noteIndex(dir)).toBe(first);
      vi.stubEnv('NODE_ENV', 'development');
      expect(noteIndex(dir).articles).toContain('d');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
