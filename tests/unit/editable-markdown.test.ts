import type { List, Paragraph, Text } from 'mdast';
import { describe, expect, test } from 'vitest';
import { EditableMarkdown, markdownAsIs } from '../../src/markdown/editable-markdown.ts';

/** The first node of `type` in document order. */
function first<T>(markdown: EditableMarkdown, type: string): T {
  const found: unknown[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === type) found.push(node);
    for (const child of node.children ?? []) walk(child as never);
  };
  walk(markdown.tree);
  return found[0] as T;
}

describe('an edited Markdown document', () => {
  test('left alone, it comes back as written, in every construct the site reads', () => {
    const source = [
      'Setext 标题',
      '===',
      '',
      '    indented code',
      '',
      '<div class="x">\n*不是强调*\n</div>',
      '',
      '[定义]: https://example.com "标题"',
      '',
      '> 引用 a_b \\* &amp;',
      '懒惰的续行',
      '> > 嵌套\\',
      '> > 硬换行',
      '',
      '1) 括号编号',
      '2) 第二项',
      '',
      '+ 加号列表',
      '',
      '***',
      '',
      '行内 \\(x\\) 与 \\[y\\]，`[[code]]`，<span>html</span>，https://example.com 与 [[wikilink]]。',
      '',
    ].join('\n');
    expect(new EditableMarkdown(source).toMarkdown()).toBe(source);
  });

  test('a cut of a text keeps its escapes and character references, inside a quote too', () => {
    const markdown = new EditableMarkdown('> 前 \\*星\\* &amp; 后\n> 第二行 a_b');
    const paragraph = first<Paragraph>(markdown, 'paragraph');
    const text = paragraph.children[0] as Text;
    expect(text.value).toBe('前 *星* & 后\n第二行 a_b');
    paragraph.children = [markdown.cut(text, 2, 8), markdownAsIs('**'), markdown.cut(text, 8)];
    expect(markdown.toMarkdown()).toBe('> \\*星\\* &amp; **后\n> 第二行 a_b\n');
    expect(markdown.lineAt(markdown.cut(text, 8), 4)).toBe(2);
  });

  test('text made by an edit is written plain when it reads back the same, escaped when not', () => {
    const markdown = new EditableMarkdown('占位');
    const paragraph = first<Paragraph>(markdown, 'paragraph');
    paragraph.children = [
      { type: 'text', value: 'snake_case、a*b，' },
      { type: 'link', url: '/x/', children: [{ type: 'text', value: '*像强调*' }] },
      { type: 'text', value: ' [0,1] 与 [[像链接]]' },
    ];
    expect(markdown.toMarkdown()).toBe('snake_case、a*b，[\\*像强调\\*](/x/) \\[0,1] 与 \\[\\[像链接]]\n');
  });

  test('two lists side by side stay two lists when one of them changes', () => {
    const markdown = new EditableMarkdown('- 甲\n- 乙\n\n* 丙\n');
    const second = (markdown.tree.children[1] as List).children[0].children[0] as Paragraph;
    second.children = [{ type: 'text', value: '丁' }];
    const written = markdown.toMarkdown();
    expect(new EditableMarkdown(written).tree.children.map((node) => node.type)).toEqual(['list', 'list']);
  });

  test('a part of the source read on its own keeps the lines and offsets of the whole', () => {
    const source = '<aside>\n前言\n\n**正文**\n</aside>\n';
    const markdown = new EditableMarkdown(source);
    const [, strong] = markdown.parseRange(8, source.indexOf('</aside>'));
    expect(strong.position?.start).toMatchObject({ line: 4, column: 1, offset: source.indexOf('**') });
    expect(markdown.sourceOf(strong)).toBe('**正文**');
  });
});
