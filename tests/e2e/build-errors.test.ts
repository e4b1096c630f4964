import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { frontmatter, useFixtureBuilds } from './fixture-build.ts';
import { checkLinks } from '../../src/integrations/link-check.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';
import { siteUrl } from '../../src/lib/site.ts';

const build = useFixtureBuilds();

describe('the build', () => {
  test('renders MDX with the same math and code pipeline as Markdown', () => {
    const mdx = `${frontmatter()}\nexport const n = 3;\n\n## 公式\n\n共 {n} 个：$a^2$、\\(\\sum_i x_i\\) 与\n\n$$\n\\begin{aligned} f &= g \\\\ h &= k \\end{aligned}\n$$\n\n\`\`\`python title="m.py"\nprint(1)\n\`\`\`\n`;
    const { ok, output, dist } = build('mdx', { 'articles/mdx-note.mdx': mdx });
    expect(ok, output).toBe(true);
    const html = readFileSync(path.join(dist, 'mdx-note/index.html'), 'utf8');
    expect(html.match(/class="katex"/g)?.length).toBe(3);
    expect(html).toContain('katex-display');
    expect(html).toContain('共 3 个');
    expect(html).toContain('<span class="code-title">m.py</span>');
    // Its sections are shareable like a Markdown note's, though MDX keeps no rendering to read them from.
    const section = readFileSync(path.join(dist, 'mdx-note/s/公式/index.html'), 'utf8');
    expect(section).toContain(`<meta http-equiv="refresh" content="0; url=/mdx-note/#${encodeURIComponent('公式')}">`);
    // Formulas read as text in a share page's description (src/math/reading.ts), not as TeX.
    expect(section).toMatch(/<meta property="og:description" content="共 [^"]*a²、∑ᵢ xᵢ 与">/);
  });

  test.each([
    ['a missing summary', 'articles/no-summary.md', '---\ntitle: 测试\ntopic: llm\ncreated: 2026-11-22\n---\n正文\n', [/no-summary\.md/, /summary/]],
    ['a wrongly typed field', 'articles/bad-tags.md', frontmatter('tags: attention\n') + '正文\n', [/bad-tags\.md/, /tags/]],
    ['an unknown topic', 'articles/bad-topic.md', frontmatter().replace('topic: llm', 'topic: nlp') + '正文\n', [/bad-topic/, /nlp/]],
    ['a related entry that names no article', 'articles/bad-related.md', frontmatter('related: [no-such-note]\n') + '正文\n', [/bad-related/, /no-such-note/]],
    ['broken YAML', 'articles/bad-yaml.md', '---\ntitle: [unclosed\n---\n正文\n', [/bad-yaml\.md/]],
    ['TeX that KaTeX cannot render', 'articles/bad-tex.md', frontmatter() + '\n第一段。\n\n公式 $\\frac{1}{2$ 坏了。\n', [/bad-tex\.md:10: KaTeX parse error/, /TeX: \\frac\{1\}\{2/]],
    ['a code fence with an unknown language', 'articles/bad-fence.md', frontmatter() + '\n正文。\n\n```pyhton\nprint(1)\n```\n', [/bad-fence\.md:10: code fence language "pyhton" is unknown; did you mean "python"/]],
    ['an empty file', 'articles/empty.md', '', [/empty\.md/]],
    ['an article with no text under its frontmatter', 'articles/no-body.md', frontmatter() + '\n', [/no-body\.md:7: the article has no text under its frontmatter; write the note, or mark it draft: true/]],
    ['a slug that is not kebab-case', 'articles/Flash_Attention.md', frontmatter() + '正文\n', [/Flash_Attention\.md/, /kebab-case/]],
    ['a misspelt field', 'articles/typo-key.md', frontmatter('xcode: https://github.com/a/b\n') + '正文\n', [/typo-key\.md:6: xcode: "xcode" is not a field here; did you mean "code"/]],
    ['a code link that runs script', 'articles/js-code.md', frontmatter('paper:\n  title: X\n  authors: [A. Author]\n  url: https://arxiv.org/abs/2205.14135\n  year: 2022\ncode: javascript:alert(document.domain)\n') + '正文\n', [/js-code\.md:11: code: "javascript:alert\(document.domain\)" is not a web address; write an http:\/\/ or https:\/\/ address/]],
    ['a paper link with a data: address', 'articles/data-paper.md', frontmatter('paper:\n  title: X\n  authors: [A. Author]\n  url: data:text/html,hi\n  year: 2022\n') + '正文\n', [/data-paper\.md:9: paper\.url: "data:text\/html,hi" is not a web address/]],
    ['a paper without a year', 'articles/no-year.md', frontmatter('paper:\n  title: X\n  authors: [A. Author]\n  url: https://arxiv.org/abs/2205.14135\n') + '正文\n', [/no-year\.md:6: paper\.year: missing; add the year the paper first appeared \(its arXiv v1\), e\.g\. year: 2022/]],
    ['a link in the text that runs script', 'articles/js-link.md', frontmatter() + '\n正文。\n\n[点我](javascript:alert(1))\n', [/js-link\.md:10: the link javascript:alert\(1\) uses the javascript: scheme/]],
    ['a slug that collides with a route', 'articles/search.md', frontmatter() + '正文\n', [/search\.md/, /collides with the site route \/search\//]],
    ['a code fence never closed', 'articles/open-fence.md', frontmatter() + '\n开头。\n\n```python\nprint(1)\n\n## 二\n\n后文。\n', [/open-fence\.md:10: the code block opened here with ``` is never closed/, /the heading "## 二" too/]],
    ['a $$ never closed before the next heading', 'articles/open-math.md', frontmatter() + '\n开头。\n\n$$\na + b\n\n## 二\n\n后文。\n', [/open-math\.md:10: the display formula opened here with \$\$ is never closed/]],
    ['frontmatter that is not YAML', 'articles/bad-yaml.md', '---\ntitle: [unclosed\nsummary: 一句足够长的测试摘要，用来通过校验。\ntopic: llm\ncreated: 2026-11-22\n---\n正文\n', [/bad-yaml\.md:2: the frontmatter is not valid YAML/]],
    ['a NUL byte, a right-to-left override and a stray byte order mark', 'articles/hidden-characters.md', frontmatter() + '\n正文\u0000。\n反\u202E向。\n中\uFEFF间。\n', [/hidden-characters\.md:8:3: U\+0000 is a control character/, /hidden-characters\.md:9:2: U\+202E is a bidirectional override/, /hidden-characters\.md:10:2: U\+FEFF is a byte order mark/]],
    ['a glossary term whose section does not exist', 'glossary.yaml', 'mla:\n  zh: [多头潜在注意力]\n  en: [MLA]\n  definition: 把键值联合压成一个潜向量的注意力。\n  note: target-note#低秩\n', [/content\/glossary\.yaml:5: mla: note: "target-note" has no heading "低秩"; did you mean #真实的标题\?; point the term at the note or section that explains it/], { 'articles/target-note.md': frontmatter() + '\n## 真实的标题\n\n正文。\n' }],
  ])('fails on %s, naming the file and what is wrong', (_name, file, text, patterns, others: Record<string, string> = {}) => {
    const { ok, output } = build(path.basename(file).replace(/\.mdx?$/, ''), { ...others, [file]: text });
    expect(ok, output).toBe(false);
    for (const pattern of patterns) expect(output).toMatch(pattern);
  });

  test('warns about a note too long to read, naming the file, and still builds it', () => {
    const { ok, output } = build('huge-note', { 'articles/huge-note.md': frontmatter() + '\n' + '很长的正文，一句又一句。\n\n'.repeat(20_000) });
    expect(ok, output).toBe(true);
    expect(output).toMatch(/huge-note\.md: the note is \d+ thousand characters, a page too long to read or load on a phone; split it/);
  });

  test('fails when two articles claim one former slug, naming both files', () => {
    const { ok, output } = build('former-twice', {
      'articles/first-note.md': frontmatter('formerSlugs: [old-note]\n') + '正文\n',
      'articles/second-note.md': frontmatter('formerSlugs: [old-note]\n') + '正文\n',
    });
    expect(ok, output).toBe(false);
    expect(output).toMatch(/first-note\.md and .*second-note\.md both list "old-note" in formerSlugs/);
  });
});

describe('the build refuses', () => {
  test('two files with one slug, naming both', () => {
    const { ok, output } = build('duplicate-slug', { 'articles/twin.md': frontmatter() + '正文\n', 'articles/twin.mdx': frontmatter() + '正文\n' });
    expect(ok, output).toBe(false);
    expect(output).toContain('content/articles/twin.mdx: the slug "twin" is taken by content/articles/twin.md; each article has one file, so rename or remove one of them');
  });

  test('an alias two articles claim, naming the file, line and the other article', () => {
    const { ok, output } = build('duplicate-alias', {
      'articles/first-note.md': frontmatter('aliases: [闪存注意力, Flash]\n') + '正文\n',
      'articles/second-note.md': frontmatter('aliases: [flash]\n') + '正文\n',
    });
    expect(ok, output).toBe(false);
    expect(output).toContain('content/articles/second-note.md:6: the alias "flash" is also an alias of content/articles/first-note.md');
  });

  test('an image that does not exist or has no alt text, naming the file and line', () => {
    const { ok, output } = build('images', { 'articles/images.md': frontmatter() + '\n正文。\n\n![](/favicon.svg)\n\n![示意图](./missing.png)\n' });
    expect(ok, output).toBe(false);
    expect(output).toMatch(/images\.md:10: the image \/favicon\.svg has no alt text; describe what it shows/);
    expect(output).toMatch(/images\.md:12: the image \.\/missing\.png does not exist/);
  });
});

describe('links between notes', () => {
  test('a wikilink or a Markdown link to a missing note or heading fails the build, with file, line and the closest names', () => {
    const { ok, output } = build('dangling', {
      'articles/target-note.md': frontmatter('aliases: [目标笔记]\n') + '\n## 真实的标题\n\n正文。\n',
      'articles/linking-note.md': frontmatter() + '\n见 [[target-note#真实的标题]] 与 [[目标笔记]]。\n\n坏链接 [[targt-note]]。\n\n坏锚点 [[target-note#不存在的标题]]。\n\n[拼错](/targt-note/) 与 [坏锚点](/target-note/#不存在)。\n',
    });
    expect(ok, output).toBe(false);
    expect(output).toMatch(/linking-note\.md:10: \[\[targt-note\]\]: no note is called "targt-note"; did you mean "target-note"/);
    expect(output).toMatch(/linking-note\.md:12: \[\[target-note#不存在的标题\]\]: "target-note" has no heading "不存在的标题"; did you mean #真实的标题/);
    expect(output).toMatch(/linking-note\.md:14: \(\/targt-note\/\): no note is called "targt-note"/);
    expect(output).toMatch(/linking-note\.md:14: \(\/target-note\/#不存在\): "target-note" has no heading "不存在"/);
    expect(output).not.toMatch(/linking-note\.md:8:/);
  });
});

describe('links to drafts', () => {
  test('a published note linking to a draft fails the build, since the draft is not published', () => {
    const { ok, output } = build('draft-link', {
      'articles/unfinished.md': frontmatter('draft: true\n') + '\n正文。\n',
      'articles/done.md': frontmatter() + '\n见 [[unfinished|未完成的笔记]]。\n',
    });
    expect(ok, output).toBe(false);
    expect(output).toMatch(/done\.md:8: → unfinished: "unfinished" is a draft/);
  });
});

describe('a rebuild, which renders again only the notes that changed and the notes that link to them', () => {
  test('shows a renamed note\'s new title in an unchanged note that links to it, and fails when a heading it links to is gone', () => {
    const target = (title: string, heading: string) => frontmatter('', title) + `\n## ${heading}\n\n正文。\n`;
    const linking = frontmatter('', '链接者') + '\n见 [[target-note]] 与 [[target-note#第一节|第一节]]。\n';
    const first = build('rebuild', { 'articles/target-note.md': target('旧标题', '第一节'), 'articles/linking-note.md': linking });
    expect(first.ok, first.output).toBe(true);
    expect(readFileSync(path.join(first.dist, 'linking-note/index.html'), 'utf8')).toContain('>旧标题</a>');

    const renamed = build('rebuild', { 'articles/target-note.md': target('新标题', '第一节'), 'articles/linking-note.md': linking });
    expect(renamed.ok, renamed.output).toBe(true);
    const html = readFileSync(path.join(renamed.dist, 'linking-note/index.html'), 'utf8');
    expect(html).toContain('>新标题</a>');
    expect(html).not.toContain('旧标题');

    // A build cache that lost the notes' kept text (src/content/note-text.ts) renders them again, never an empty page.
    rmSync(path.join(renamed.dist, '../cache/note-text'), { recursive: true });
    const lostText = build('rebuild', { 'articles/target-note.md': target('新标题', '第一节'), 'articles/linking-note.md': linking });
    expect(lostText.ok, lostText.output).toBe(true);
    expect(readFileSync(path.join(lostText.dist, 'linking-note/index.html'), 'utf8')).toContain('>新标题</a>');
    expect(readFileSync(path.join(lostText.dist, 'target-note/index.html'), 'utf8')).toMatch(/<h2[^>]*>[^]*第一节[^]*<p>正文。<\/p>/);

    const headingGone = build('rebuild', { 'articles/target-note.md': target('新标题', '改过的一节'), 'articles/linking-note.md': linking });
    expect(headingGone.ok).toBe(false);
    expect(headingGone.output).toMatch(/linking-note\.md:8: \[\[target-note#第一节\|第一节\]\]: "target-note" has no heading "第一节"; did you mean #改过的一节/);
  });
});

describe('the link check after the build', () => {
  test('fails on a link in HTML to a missing page or id, naming the page and the closest names', () => {
    const { ok, output } = build('links', {
      'articles/target-note.md': frontmatter() + '\n## 真实的标题\n\n正文。\n',
      'articles/linking-note.md': frontmatter() + '\n见 [[target-note#真实的标题|目标]]、<a href="/targt-note/">拼错</a> 与 <a href="/target-note/#不存在的标题">坏锚点</a>。\n',
    });
    expect(ok, output).toBe(false);
    expect(output).toContain('/linking-note/: link to /targt-note/ leads nowhere; did you mean /target-note/');
    expect(output).toContain('/linking-note/: link to /target-note/#不存在的标题 names no heading or id on that page');
    expect(output).not.toContain('#真实的标题 names');
    expect(output).not.toContain('its preview image');
  });

  test('fails on a page whose preview image was not built', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'link-check-'));
    try {
      mkdirSync(path.join(dist, 'target-note'));
      writeFileSync(path.join(dist, 'target-note/index.html'), `<!doctype html><title>t</title><meta property="og:image" content="${siteUrl()}/previews/articles/target-note.png"><main id="main">正文</main>`);
      await expect(checkLinks(dist, await readBuiltPages(dist))).rejects.toThrow('/target-note/: its preview image /previews/articles/target-note.png was not built');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
