import { describe, expect, test } from 'vitest';
import { anyUnwanted, isUnwanted, sourceProblems } from '../../src/content/source-checks.ts';

const note = (body: string, frontmatter = 'title: 甲\n') => `---\n${frontmatter}---\n${body}`;

describe('what is wrong with a note before its Markdown is read', () => {
  test.each([
    ['a NUL byte', note('正文\u0000。\n'), 'x.md:4:3: U+0000 is a control character, invisible on the page; delete it'],
    ['a right-to-left override', note('第一行\n正文\u202E反向。\n'), 'x.md:5:3: U+202E is a bidirectional override'],
    ['a stray byte order mark', note('正文\uFEFF。\n'), 'x.md:4:3: U+FEFF is a byte order mark in the middle of the text'],
    ['text that was not UTF-8', note('正文\uFFFD。\n'), 'x.md:4:3: U+FFFD is a replacement character'],
    ['frontmatter that is not YAML', note('正文。\n', 'summary: 一句。\ntitle: [unclosed\n'), 'x.md:3: the frontmatter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; check'],
    ['a quote left open', note('正文。\n', 'title: "未闭合\nsummary: 一句。\n'), 'x.md:2: the frontmatter is not valid YAML'],
  ])('names %s with its line (and column)', (_name, source, message) => {
    expect(sourceProblems(source, 'x.md').join('\n')).toContain(message);
  });

  test('the quick test for any unwanted character matches exactly the characters the checks name', () => {
    const disagree: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (anyUnwanted.test(String.fromCharCode(code)) !== isUnwanted(code)) disagree.push(code.toString(16));
    }
    expect(disagree).toEqual([]);
  });

  test('leaves alone what authors legitimately write: tabs, CRLF line ends, a BOM that opens the file, Chinese and math', () => {
    expect(sourceProblems('\uFEFF' + note('正文\t$a_b$。\r\n第二行：「引号」——破折号。\r\n'), 'x.md')).toEqual([]);
  });
});
