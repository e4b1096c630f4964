import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkComplete } from '../../src/integrations/completeness-check.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';
import { splitFrontmatter } from '../../src/content/frontmatter.ts';
import type { ArticleRecord } from '../../src/content/records.ts';

const work = mkdtempSync(path.join(tmpdir(), 'check-complete-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const note = (topic: string, extra = '') => `---\ntitle: 笔记\nsummary: 一句足够长的测试摘要。\ntopic: ${topic}\ncreated: 2026-11-22\n${extra}---\n正文。\n`;
const page = (main: string) => `<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><main id="main">${main}</main></body></html>`;
const articlePage = (body = '<p>正文。</p>') => page(`<article class="article" data-pagefind-body><h1>笔记</h1><div class="prose">${body}</div></article>`);
const copy = (slug: string) => `# 笔记\n\n- 网页：[https://notes.example/${slug}/](https://notes.example/${slug}/)\n\n---\n\n正文 ${slug}。\n`;
const sitemap = (paths: string[]) => `<?xml version="1.0" encoding="UTF-8"?><urlset>${paths.map((p) => `<url><loc>https://notes.example${p}</loc></url>`).join('')}</urlset>`;

/** A small built site that passes: articles a (llm) and b (vision), and a draft d. */
const good = (): Record<string, string> => ({
  'content/articles/a.md': note('llm'),
  'content/articles/b.md': note('vision'),
  'content/articles/d.md': note('llm', 'draft: true\n'),
  'dist/index.html': page('<h1>模型笔记</h1><a href="/a/">A</a> <a href="/b/">B</a>'),
  'dist/a/index.html': articlePage(),
  'dist/b/index.html': articlePage(),
  'dist/topics/llm/index.html': page('<h1>LLM</h1><a href="/a/">A</a>'),
  'dist/topics/vision/index.html': page('<h1>视觉</h1><a href="/b/">B</a>'),
  'dist/pagefind/pagefind-entry.json': JSON.stringify({ version: '1', languages: { 'zh-cn': { hash: 'x', wasm: 'zh', page_count: 2 } } }),
  'dist/pagefind/parts.json': '[]',
  'dist/sitemap-0.xml': sitemap(['/', '/a/', '/b/', '/topics/llm/', '/topics/vision/']),
  'dist/a.md': copy('a'),
  'dist/b.md': copy('b'),
  'dist/llms.txt': '# 模型笔记\n\n## LLM\n\n- [笔记](https://notes.example/a.md): 摘要\n\n## 视觉\n\n- [笔记](https://notes.example/b.md): 摘要\n',
  'dist/llms-full.txt': `# 模型笔记\n\n---\n\n${copy('a')}\n---\n\n${copy('b')}`,
});

/** The content records the loader would write for the notes among `files`. */
function recordsOf(files: Record<string, string | undefined>) {
  const notes = Object.entries(files).filter((entry): entry is [string, string] => entry[0].startsWith('content/articles/') && entry[1] !== undefined);
  const articles = notes.map(([file, text]): ArticleRecord => {
    const data = splitFrontmatter(text).data as { topic: string; draft?: boolean; formerSlugs?: string[] };
    return { id: path.basename(file, '.md'), file, glyphs: '', links: [], sectionCards: [], digest: '', data: { title: '笔记', summary: '', topic: data.topic, tags: [], draft: data.draft === true, created: new Date(), formerSlugs: data.formerSlugs ?? [] } };
  });
  return { files: notes.map(([file]) => file), articles };
}

let runs = 0;
/** Writes the site (the good one changed by `edit`) and runs the check on it. */
async function check(edit: (files: Record<string, string | undefined>) => void = () => {}, options: Parameters<typeof checkComplete>[3] = {}) {
  const files: Record<string, string | undefined> = good();
  edit(files);
  const dir = path.join(work, String(runs++));
  for (const [file, text] of Object.entries(files)) {
    if (text === undefined) continue;
    // `<file>@size` makes that file so many bytes long, without writing them (a sparse file).
    if (file.endsWith('@size')) {
      truncateSync(path.join(dir, file.slice(0, -'@size'.length)), Number(text));
      continue;
    }
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  try {
    return { ok: true, output: checkComplete(path.join(dir, 'dist'), await readBuiltPages(path.join(dir, 'dist')), recordsOf(files), options) };
  } catch (error) {
    return { ok: false, output: String((error as Error).message) };
  }
}

describe('the completeness check after the build', () => {
  test('passes a site where every published note has its page, topic listing, index entry and sitemap entry', async () => {
    const { ok, output } = await check();
    expect(ok, output).toBe(true);
    expect(output).toContain('2 articles, each with one page, on its topic page and in the search index and the sitemap, and with its Markdown copy in llms.txt; 5 pages, none empty; 1 draft(s) published nowhere');
  });

  test('reads llms-full.txt split into parts, and says what dist/ holds', async () => {
    const { ok, output } = await check((f) => {
      f['dist/llms-full.txt'] = `# 模型笔记\n\n---\n\n${copy('a')}`;
      f['dist/llms-full-2.txt'] = `# 模型笔记\n\n---\n\n${copy('b')}`;
    });
    expect(ok, output).toBe(true);
    expect(output).toMatch(/; dist\/ holds 13 files, 0\.0 MB$/);
  });

  test('fails on a folder holding more files than a host deploys', async () => {
    const { ok, output } = await check(() => {}, { limits: { fileBytes: 2 ** 20, folderEntries: 9 } });
    expect(ok, output).toBe(false);
    expect(output).toContain('dist/.: 10 files and folders in one folder, more than the 9 Netlify deploys; spread them over subfolders');
  });

  test('counts no search index in a build of the pages alone (PAGES_ONLY)', async () => {
    const { ok, output } = await check((f) => { f['dist/pagefind/pagefind-entry.json'] = undefined; }, { searchIndex: false });
    expect(ok, output).toBe(true);
    expect(output).toContain('2 articles, each with one page, on its topic page and the sitemap');
  });

  test('follows a topic listed over several pages to its last page', async () => {
    const { ok, output } = await check((f) => {
      f['dist/topics/vision/index.html'] = page('<h1>视觉</h1><nav aria-label="分页"><a href="/topics/vision/2/" aria-label="第 2 页">2</a><a class="pagination-step" href="/topics/vision/2/" rel="next">下一页</a></nav>');
      f['dist/topics/vision/2/index.html'] = page('<h1>视觉</h1><a href="/topics/vision/" rel="prev">上一页</a>');
      f['dist/topics/vision/3/index.html'] = page('<h1>视觉</h1><a href="/b/">B</a>');
    });
    // Page 3 lists B but nothing leads to it: a reader paging through never sees B.
    expect(ok, output).toBe(false);
    expect(output).toContain('articles/b.md: not listed on its topic page /topics/vision/ or the 1 after it');
    const fixed = await check((f) => {
      f['dist/topics/vision/index.html'] = page('<h1>视觉</h1><a class="pagination-step" href="/topics/vision/2/" rel="next">下一页</a>');
      f['dist/topics/vision/2/index.html'] = page('<h1>视觉</h1><a rel="next" href="/topics/vision/3/">下一页</a>');
      f['dist/topics/vision/3/index.html'] = page('<h1>视觉</h1><a href="/b/">B</a>');
    });
    expect(fixed.ok, fixed.output).toBe(true);
  });

  test.each([
    ['a next page that was not built', (f: Record<string, string | undefined>) => { f['dist/topics/vision/index.html'] = page('<h1>视觉</h1><a href="/b/">B</a><a href="/topics/vision/2/" rel="next">下一页</a>'); }, '/topics/vision/: its next page /topics/vision/2/ was not built'],
    ['a next page that leads back', (f: Record<string, string | undefined>) => { f['dist/topics/vision/index.html'] = page('<h1>视觉</h1><a href="/b/">B</a><a href="/topics/vision/" rel="next">下一页</a>'); }, '/topics/vision/: its next page /topics/vision/ was read before'],
    ['an article without a page', (f: Record<string, string | undefined>) => { f['dist/b/index.html'] = undefined; }, 'articles/b.md: expected exactly one page at /b/, found 0'],
    ['an article missing from its topic page', (f: Record<string, string | undefined>) => { f['dist/topics/vision/index.html'] = page('<h1>视觉</h1>'); }, 'articles/b.md: not listed on its topic page /topics/vision/'],
    ['an article page with no note behind it', (f: Record<string, string | undefined>) => { f['dist/old/index.html'] = articlePage(); }, '/old/: an article page with no published note behind it'],
    ['a search index that lost a page', (f: Record<string, string | undefined>) => { f['dist/pagefind/pagefind-entry.json'] = JSON.stringify({ languages: { 'zh-cn': { page_count: 1 } } }); }, 'the search index holds 1 pages but there are 2 published articles'],
    ['a search index in parts that lost one', (f: Record<string, string | undefined>) => { f['dist/pagefind/parts.json'] = '["pagefind/part-1/"]'; }, 'pagefind/part-1/pagefind-entry.json missing: dist/pagefind/parts.json lists parts of the search index that were not written'],
    ['a search index without its list of parts', (f: Record<string, string | undefined>) => { f['dist/pagefind/parts.json'] = undefined; }, 'dist/pagefind/parts.json is missing: the search index was not built'],
    ['an empty page', (f: Record<string, string | undefined>) => { f['dist/topics/llm/index.html'] = page(' <a href="/a/"></a> '); }, '/topics/llm/: the page is empty'],
    ['a page whose only text is in a script and a template', (f: Record<string, string | undefined>) => { f['dist/topics/llm/index.html'] = page(' <a href="/a/"></a><script>const x = 1;</script><template><p>模板</p></template> '); }, '/topics/llm/: the page is empty'],
    ['an article page without its body', (f: Record<string, string | undefined>) => { f['dist/a/index.html'] = articlePage(''); }, '/a/: the article page has no body text'],
    ['a page for a draft', (f: Record<string, string | undefined>) => { f['dist/d/index.html'] = articlePage(); }, 'articles/d.md: is a draft but has a page at /d/'],
    ['a link to a draft', (f: Record<string, string | undefined>) => { f['dist/index.html'] = page('<h1>模型笔记</h1><a href="/d/">D</a>'); }, 'articles/d.md: is a draft but / links to /d/'],
    ['an article missing from the sitemap', (f: Record<string, string | undefined>) => { f['dist/sitemap-0.xml'] = sitemap(['/', '/a/']); }, 'articles/b.md: expected once in the sitemap (sitemap-0.xml), found 0 times'],
    ['a draft in the sitemap', (f: Record<string, string | undefined>) => { f['dist/sitemap-0.xml'] = sitemap(['/a/', '/b/', '/d/']); }, 'articles/d.md: is a draft but is in the sitemap'],
    ['an article without its Markdown copy', (f: Record<string, string | undefined>) => { f['dist/b.md'] = undefined; }, 'articles/b.md: has no Markdown copy at /b.md'],
    ['an article missing from llms.txt', (f: Record<string, string | undefined>) => { f['dist/llms.txt'] = '# 模型笔记\n\n- [笔记](https://notes.example/a.md)\n'; }, 'articles/b.md: not listed in llms.txt'],
    ['an article missing from llms-full.txt', (f: Record<string, string | undefined>) => { f['dist/llms-full.txt'] = copy('a'); }, 'articles/b.md: its Markdown copy is not in llms-full.txt'],
    ['no llms.txt', (f: Record<string, string | undefined>) => { f['dist/llms.txt'] = undefined; }, 'dist/llms.txt is missing'],
    ['a lost part of llms-full.txt', (f: Record<string, string | undefined>) => { f['dist/llms-full.txt'] = copy('a'); f['dist/llms-full-3.txt'] = copy('b'); }, 'articles/b.md: its Markdown copy is not in llms-full.txt'],
    ['a former address without its Markdown copy', (f: Record<string, string | undefined>) => { f['content/articles/a.md'] = note('llm', 'formerSlugs: [old-a]\n'); }, 'articles/a.md: has no Markdown copy at /old-a.md'],
    ['a Markdown copy of a draft', (f: Record<string, string | undefined>) => { f['dist/d.md'] = copy('d'); }, 'articles/d.md: is a draft but has a Markdown copy at /d.md'],
    ['a file larger than a host serves', (f: Record<string, string | undefined>) => { f['dist/big.bin'] = ''; f['dist/big.bin@size'] = String(26 * 2 ** 20); }, 'dist/big.bin: 26.0 MiB, more than the 25.0 MiB a file Cloudflare Pages serves'],
  ])('fails on %s', async (_name, edit, message) => {
    const { ok, output } = await check(edit);
    expect(ok, output).toBe(false);
    expect(output).toContain(message);
  });
});
