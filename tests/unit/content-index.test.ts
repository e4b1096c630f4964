import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readContentIndex } from '../../src/lib/content-index.ts';

function contentFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'content-index-'));
  for (const [file, text] of Object.entries({ 'topics.yaml': 'llm:\n  name: x\n', ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const note = (aliases: string) => `---\ntitle: 笔记\ntopic: llm\naliases: ${aliases}\n---\n正文\n`;

describe('the content index', () => {
  test('refuses two files with one slug, naming both', () => {
    const dir = contentFolder({ 'articles/attention.md': note('[]'), 'articles/attention.mdx': note('[]') });
    expect(() => readContentIndex(dir)).toThrow('content/articles/attention.mdx: the slug "attention" is taken by content/articles/attention.md; each article has one file, so rename or remove one of them');
  });

  test('refuses an alias that two articles claim, naming the file, line and the other article', () => {
    const dir = contentFolder({ 'articles/mha.md': note('[多头注意力, MHA]'), 'articles/mla.md': note('\n  - 潜在注意力\n  - mha\n') });
    expect(() => readContentIndex(dir)).toThrow('content/articles/mla.md:6: the alias "mha" is also an alias of content/articles/mha.md; an alias must name one article, so remove it from one of them');
  });

  test('accepts distinct aliases, and leaves unparsable frontmatter to the loader', () => {
    const dir = contentFolder({ 'articles/mha.md': note('[MHA]'), 'articles/mla.md': note('[MLA]'), 'articles/broken.md': '---\ntitle: [unclosed\n---\n' });
    expect(readContentIndex(dir).articles).toEqual(['broken', 'mha', 'mla']);
  });
});
