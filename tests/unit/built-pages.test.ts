import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { builtPages, readBuiltPages, type BuiltPage } from '../../src/integrations/built-pages.ts';

const work = mkdtempSync(path.join(tmpdir(), 'built-pages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (head: string, body: string) => `<!doctype html><html lang="zh-CN"><head><title>t</title>${head}<style>main{color:red}</style></head><body>${body}<script type="module">const t = '<a href="/in-a-script/">';</script></body></html>`;

function site(name: string, files: Record<string, string>): string {
  const dist = path.join(work, name);
  for (const [file, html] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    writeFileSync(path.join(dist, file), html);
  }
  return dist;
}

const article = page(
  '<meta property="og:image" content="https://notes.example/previews/articles/mla.png">',
  '<main><article data-pagefind-body><h1 id="mla">MLA</h1><div class="prose"><p>见 <a href="/dpo/#loss">DPO 的损失</a> 与 <a href="https://arxiv.org/abs/2405.04434">论文</a>，R&amp;D。</p></div></article></main>',
);

describe('the built pages, read once after the build', () => {
  test('gives each page its ids, links, preview images, next page and what a reader would miss', async () => {
    const dist = site('facts', {
      'mla/index.html': article,
      'topics/llm/index.html': page('', '<main><h1>大语言模型</h1><a href="/mla/">MLA</a><a class="pagination-step" href="/topics/llm/2/" rel="next">下一页</a></main>'),
      'empty/index.html': page('', '<main> <template><p>模板里的字</p></template> </main>'),
      'bare/index.html': page('', '<p>没有 main</p>'),
      'old/index.html': '<!doctype html><meta http-equiv="refresh" content="0;url=/mla/">',
      'headless/index.html': page('', '<main><article data-pagefind-body><h1>只有标题</h1><div class="prose"> </div></article></main>'),
      'pagefind/ui/index.html': page('', '<main>Pagefind 自带的页面</main>'),
    });
    const pages = await readBuiltPages(dist);
    const byPage = new Map(pages.map((built) => [built.page, built]));
    expect([...byPage.keys()]).toEqual(['/bare/', '/empty/', '/headless/', '/mla/', '/old/', '/topics/llm/']);
    const mla = byPage.get('/mla/')!;
    expect(mla.ids).toEqual(['mla']);
    // Entities decoded; a link in a script's template is not one.
    expect(mla.links).toEqual(['/dpo/#loss', 'https://arxiv.org/abs/2405.04434']);
    expect(mla.images).toEqual(['https://notes.example/previews/articles/mla.png']);
    expect(mla.searchDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(mla.lacks).toBeUndefined();
    const listing = byPage.get('/topics/llm/')!;
    expect([listing.next, listing.searchDigest, listing.lacks]).toEqual(['/topics/llm/2/', undefined, undefined]);
    expect(byPage.get('/empty/')!.lacks).toBe('text');
    expect(byPage.get('/bare/')!.lacks).toBe('main');
    expect(byPage.get('/headless/')!.lacks).toBe('body');
    // A redirect stub for a former address has no <main>, on purpose.
    expect(byPage.get('/old/')!.lacks).toBeUndefined();
  });

  test('the search digest follows what Pagefind reads, not the page\'s stylesheet', async () => {
    const [before] = await readBuiltPages(site('styled-1', { 'mla/index.html': article }));
    const [restyled] = await readBuiltPages(site('styled-2', { 'mla/index.html': article.replace('color:red', 'color:blue') }));
    const [edited] = await readBuiltPages(site('styled-3', { 'mla/index.html': article.replace('R&amp;D', '研发') }));
    expect(restyled.digest).not.toBe(before.digest);
    expect(restyled.searchDigest).toBe(before.searchDigest);
    expect(edited.searchDigest).not.toBe(before.searchDigest);
  });

  test('keeps what it read of a page with the page\'s hash and the code, and reads a changed page again', async () => {
    const dist = site('kept', { 'mla/index.html': article, 'dpo/index.html': page('', '<main><h1 id="loss">DPO</h1></main>') });
    const cacheFile = path.join(work, 'kept-cache', 'built-pages.json');
    const first = await readBuiltPages(dist, { cacheFile, code: 'v1' });
    // What is kept is what is used: marked here, the mark shows which pages were not read again.
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as { code: string; pages: BuiltPage[] };
    writeFileSync(cacheFile, JSON.stringify({ ...kept, pages: kept.pages.map((built) => ({ ...built, ids: [...built.ids, 'kept'] })) }));
    writeFileSync(path.join(dist, 'dpo/index.html'), page('', '<main><h1 id="objective">DPO</h1></main>'));
    const second = await readBuiltPages(dist, { cacheFile, code: 'v1' });
    expect(second.map(({ page, ids }) => [page, ids])).toEqual([['/dpo/', ['objective']], ['/mla/', ['mla', 'kept']]]);
    expect(second[1]).toEqual({ ...first[1], ids: ['mla', 'kept'] });
    // Written again with the same bytes, it is read and hashed, and what was kept of it holds.
    writeFileSync(path.join(dist, 'mla/index.html'), article);
    const rewritten = await readBuiltPages(dist, { cacheFile, code: 'v1' });
    expect(rewritten[1]).toEqual({ ...first[1], ids: ['mla', 'kept'], stamp: rewritten[1].stamp });
    expect(rewritten[1].stamp).not.toBe(first[1].stamp);
    // The same file (inode, size, modification time) is not even read: a wrong hash kept for it stays.
    const marked = JSON.parse(readFileSync(cacheFile, 'utf8')) as { code: string; pages: BuiltPage[] };
    writeFileSync(cacheFile, JSON.stringify({ ...marked, pages: marked.pages.map((built) => ({ ...built, digest: `unread ${built.file}` })) }));
    expect((await readBuiltPages(dist, { cacheFile, code: 'v1' })).map(({ digest }) => digest)).toEqual([`unread ${path.join('dpo', 'index.html')}`, `unread ${path.join('mla', 'index.html')}`]);
    // Other code may read pages differently: every page is read again.
    const third = await readBuiltPages(dist, { cacheFile, code: 'v2' });
    expect(third.map(({ ids }) => ids)).toEqual([['objective'], ['mla']]);
  });

  test('is read once per build, by whichever step asks first', async () => {
    const dist = site('once', { 'mla/index.html': article });
    const pages = builtPages();
    const first = pages.of(dist);
    expect(pages.of(dist)).toBe(first);
    await first;
    // @ts-expect-error: the hook is called without the arguments it does not read.
    pages.hooks['astro:build:start']!({});
    expect(pages.of(dist)).not.toBe(first);
    expect((await pages.of(dist)).map(({ page }) => page)).toEqual(['/mla/']);
  });
});
