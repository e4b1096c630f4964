import { afterEach, describe, expect, test, vi } from 'vitest';
import { basePath, stripBase } from '../../src/lib/base.ts';

describe('the base path', () => {
  test.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['ml-notes', '/ml-notes/'],
    ['/ml-notes', '/ml-notes/'],
    ['/ml-notes/', '/ml-notes/'],
    ['/a/b/', '/a/b/'],
  ])('BASE_PATH=%s is %s', (value, base) => {
    expect(basePath(value)).toBe(base);
  });

  test('a value that is not a plain path fails, saying what to write', () => {
    expect(() => basePath('https://example.org/notes')).toThrow(/BASE_PATH=\/ml-notes\//);
    expect(() => basePath('/my notes/')).toThrow(/not a plain path/);
  });

  test.each([
    ['/ml-notes/mla/', '/ml-notes/', '/mla/'],
    ['/ml-notes/', '/ml-notes/', '/'],
    ['/ml-notes', '/ml-notes/', '/'],
    ['/other/mla/', '/ml-notes/', undefined],
    ['/mla/', '/', '/mla/'],
  ])('%s under %s is %s', (pathname, base, path) => {
    expect(stripBase(pathname, base)).toBe(path);
  });
});

describe('addresses under a sub-path', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function urlsUnder(base: string) {
    vi.stubEnv('BASE_PATH', base);
    vi.resetModules();
    return import('../../src/lib/urls.ts');
  }

  test('every address starts with the base', async () => {
    const urls = await urlsUnder('/ml-notes/');
    expect(urls.homeUrl()).toBe('/ml-notes/');
    expect(urls.articleUrl('mla', 'low-rank')).toBe('/ml-notes/mla/#low-rank');
    expect(urls.sectionUrl('mla', 'low-rank')).toBe('/ml-notes/mla/s/low-rank/');
    expect(urls.articlePreviewUrl('mla')).toBe('/ml-notes/mla/preview.json');
    expect(urls.previewImageUrl('articles/mla')).toBe('/ml-notes/previews/articles/mla.png');
    expect(urls.feedUrl()).toBe('/ml-notes/rss.xml');
    expect(urls.sitemapUrl()).toBe('/ml-notes/sitemap-index.xml');
    expect(urls.searchUrl('moe')).toBe('/ml-notes/search/?q=moe');
    expect(urls.assetUrl('pagefind/pagefind.js')).toBe('/ml-notes/pagefind/pagefind.js');
    expect(urls.searchPreloads()).toEqual([
      { href: '/ml-notes/pagefind/pagefind.js', module: true },
      { href: '/ml-notes/pagefind/wasm.unknown.pagefind', module: false },
      { href: '/ml-notes/pagefind/parts.json', module: false },
      { href: '/ml-notes/search/names.json', module: false },
    ]);
    expect(urls.assetUrl(`${urls.searchPartPath(1)}/`)).toBe('/ml-notes/pagefind/part-1/');
  });

  test('links on pages are read with the base, links in notes without it', async () => {
    const urls = await urlsUnder('/ml-notes/');
    expect(urls.parseArticleUrl('/ml-notes/mla/#low-rank')).toEqual({ slug: 'mla', id: 'low-rank' });
    expect(urls.parseArticleUrl('/ml-notes/')).toBeUndefined();
    expect(urls.parseArticleUrl('/mla/')).toBeUndefined();
    expect(urls.parseArticleUrl('/mla/', '/')).toEqual({ slug: 'mla', id: undefined });
    expect(urls.siteUrlOf('/images/a.png')).toBe('/ml-notes/images/a.png');
    expect(urls.siteUrlOf('https://example.org/')).toBe('https://example.org/');
    expect(urls.siteUrlOf('#top')).toBe('#top');
  });

  test('the sitemap leaves out section and old addresses under the base, and dates articles', async () => {
    await urlsUnder('/ml-notes/');
    const { sitemapOptions } = await import('../../src/site/sitemap.ts');
    const options = sitemapOptions(() => ({ formerSlugs: new Set(['flash-attn']), updated: new Map([['mla', new Date('2026-11-25')]]) }));
    const site = 'https://o.github.io/ml-notes';
    expect(options!.filter!(`${site}/mla/`)).toBe(true);
    expect(options!.filter!(`${site}/mla/s/low-rank/`)).toBe(false);
    expect(options!.filter!(`${site}/flash-attn/`)).toBe(false);
    expect(options!.filter!(`${site}/404/`)).toBe(false);
    expect(await options!.serialize!({ url: `${site}/mla/` })).toEqual({ url: `${site}/mla/`, lastmod: '2026-11-25T00:00:00.000Z' });
  });

  test('root-relative links and images in a note get the base; wikilinks are not prefixed twice', async () => {
    await urlsUnder('/ml-notes/');
    const { default: remarkBasePath } = await import('../../src/markdown/remark-base-path.ts');
    const tree = {
      type: 'root',
      children: [{
        type: 'paragraph',
        children: [
          { type: 'link', url: '/mla/', children: [] },
          { type: 'link', url: '/ml-notes/clip/', data: { wikilink: { slug: 'clip' } }, children: [] },
          { type: 'image', url: '/images/a.png', alt: 'a' },
          { type: 'link', url: 'https://example.org/', children: [] },
        ],
      }],
    };
    remarkBasePath()(tree as never);
    expect(tree.children[0].children.map((node) => node.url)).toEqual(['/ml-notes/mla/', '/ml-notes/clip/', '/ml-notes/images/a.png', 'https://example.org/']);
  });
});
