import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readNoteFiles } from '../../src/lib/note-files.ts';

describe('reading the notes before Astro does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'note-files-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, 'articles', file)), { recursive: true });
    writeFileSync(path.join(dir, 'articles', file), text);
  };
  const environment = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = environment;
  });

  test('gives every Markdown and MDX note in file order with its frontmatter, and none for YAML that does not parse', () => {
    write('b.md', '---\ntitle: 乙\naliases: [B]\n---\n正文\n');
    write('a/index.mdx', '---\ntitle: 甲\n---\n正文\n');
    write('broken.md', '---\ntitle: [unclosed\n---\n正文\n');
    write('notes.txt', '不是笔记');
    expect(readNoteFiles(dir).map(({ file, data }) => [file, data])).toEqual([
      ['a/index.mdx', { title: '甲' }],
      ['b.md', { title: '乙', aliases: ['B'] }],
      ['broken.md', undefined],
    ]);
  });

  test('reads the folder once under astro build, where it does not change, and on every call elsewhere', () => {
    write('c.md', '---\ntitle: 丙\n---\n');
    process.env.NODE_ENV = 'production';
    const first = readNoteFiles(dir);
    write('d.md', '---\ntitle: 丁\n---\n');
    expect(readNoteFiles(dir)).toBe(first);
    process.env.NODE_ENV = 'test';
    expect(readNoteFiles(dir).map((note) => note.file)).toContain('d.md');
    rmSync(dir, { recursive: true, force: true });
  });
});
