import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import jsQR from 'jsqr';
import ogs from 'open-graph-scraper';
import { preview } from 'astro';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { useBrowser } from './browser.ts';
import { frontmatter, root, useFixtureBuilds } from './fixture-build.ts';
import { siteUrl } from '../../src/lib/site.ts';

const site = siteUrl();
const dist = path.join(root, 'dist');
const { open, context } = useBrowser();

function articleData(slug: string) {
  const text = readFileSync(path.join(root, 'content/articles', `${slug}.md`), 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]) as { title: string; summary: string; tags: string[]; topic: string };
}

/** What a chat's link unfurler reads from a page: its Open Graph and Twitter tags, fetched over HTTP. */
async function unfurl(pathname: string, base = inject('baseUrl')) {
  const { result, html } = await ogs({ url: base + pathname });
  expect(result.success, JSON.stringify(result)).toBe(true);
  const meta = (pattern: RegExp) => [...(html ?? '').matchAll(pattern)].map((match) => match[1].replaceAll('&amp;', '&'));
  return {
    result,
    canonical: meta(/<link rel="canonical" href="([^"]*)"/g)[0],
    refresh: meta(/<meta http-equiv="refresh" content="([^"]*)"/g)[0],
    tags: meta(/<meta property="article:tag" content="([^"]*)"/g),
    feeds: meta(/<link rel="alternate" type="application\/rss\+xml" [^>]*href="([^"]*)"/g),
  };
}

/** Fetches a preview image the way an unfurler does and decodes it. */
async function fetchPng(url: string) {
  const response = await fetch(inject('baseUrl') + new URL(url).pathname);
  expect(response.headers.get('content-type')).toContain('image/png');
  return decode(new Uint8Array(await response.arrayBuffer()));
}

function expectLargeImage(result: Awaited<ReturnType<typeof unfurl>>['result'], image: string) {
  expect(result.ogImage?.[0]).toMatchObject({ url: `${site}${image}`, width: '1200', height: '630', type: 'image/png' });
  expect(result.ogImage?.[0].alt?.length).toBeGreaterThan(10);
  expect(result.twitterCard).toBe('summary_large_image');
  expect(result.twitterImage?.[0].url).toBe(`${site}${image}`);
}

describe('link previews, as a chat unfurls them', () => {
  test('an article previews with its title, summary, dates, tags and its own 1200×630 image', async () => {
    const mla = articleData('mla');
    const { result, canonical, tags } = await unfurl('/mla/');
    expect(result).toMatchObject({ ogTitle: mla.title, ogDescription: mla.summary, ogUrl: `${site}/mla/`, ogType: 'article', ogSiteName: '模型笔记', ogLocale: 'zh_CN', twitterTitle: mla.title, twitterDescription: mla.summary });
    expect(canonical).toBe(`${site}/mla/`);
    expect(result.articlePublishedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.articleModifiedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(tags).toEqual(mla.tags);
    expectLargeImage(result, '/previews/articles/mla.png');
    const image = await fetchPng(result.ogImage![0].url);
    expect([image.width, image.height]).toEqual([1200, 630]);
  });

  test('a section address previews as the section (Article › Section, its first lines) and names the anchor as canonical', async () => {
    const mla = articleData('mla');
    const html = await (await fetch(`${inject('baseUrl')}/mla/`)).text();
    const [, address, sectionTitle] = /data-share-url="(\/mla\/s\/[^"/]+\/)" data-section-title="([^"]+)"/.exec(html)!;
    const id = decodeURIComponent(address.split('/')[3]);
    const { result, canonical, refresh } = await unfurl(address);
    expect(result.ogTitle).toBe(`${mla.title} › ${sectionTitle}`);
    expect(result.ogDescription?.length).toBeGreaterThan(20);
    expect(result.ogDescription).not.toBe(mla.summary);
    expect(result.ogUrl).toBe(`${site}${address}`);
    expect(decodeURIComponent(canonical)).toBe(`${site}/mla/#${id}`);
    expect(decodeURIComponent(refresh)).toBe(`0; url=/mla/#${id}`);
    expect(result.ogType).toBe('article');
    expectLargeImage(result, '/previews/articles/mla.png');
  });

  test('a section whose id the author fixed previews with a card of its own: the note\'s title, the heading and its first sentence', async () => {
    const { result } = await unfurl('/flash-attention/s/backward-recompute/');
    expectLargeImage(result, '/previews/sections/flash-attention/backward-recompute.png');
    expect(result.ogImage?.[0].alt).toMatch(/^FlashAttention › 反向：用 O 和 lse 重算，不存 P：/);
    const card = await fetchPng(result.ogImage![0].url);
    const article = await fetchPng(`${site}/previews/articles/flash-attention.png`);
    expect([card.width, card.height]).toEqual([1200, 630]);
    // A card of its own, not the article's drawn again.
    expect(Buffer.from(card.data).equals(Buffer.from(article.data))).toBe(false);
  });

  test('a topic page previews with its description, its own image and its feed', async () => {
    const topics = parseYaml(readFileSync(path.join(root, 'content/topics.yaml'), 'utf8')) as Record<string, { name: string; description: string }>;
    const { result, canonical, feeds } = await unfurl('/topics/multimodal/');
    expect(result).toMatchObject({ ogTitle: topics.multimodal.name, ogDescription: topics.multimodal.description, ogType: 'website', ogUrl: `${site}/topics/multimodal/` });
    expect(canonical).toBe(`${site}/topics/multimodal/`);
    expectLargeImage(result, '/previews/topics/multimodal.png');
    expect(feeds).toEqual(['/rss.xml', '/topics/multimodal/rss.xml']);
  });

  test('the home page and a tag page have their own images', async () => {
    expectLargeImage((await unfurl('/')).result, '/previews/home.png');
    expectLargeImage((await unfurl('/tags/kv-cache/')).result, '/previews/tags/kv-cache.png');
  });

  test('every preview image is a 1200×630 PNG, one per article, section with a fixed id, topic and tag and one for the home page', () => {
    const files = readdirSync(path.join(dist, 'previews'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.png'));
    const notes = readdirSync(path.join(root, 'content/articles')).map((file) => readFileSync(path.join(root, 'content/articles', file), 'utf8'));
    const articles = notes.length + notes.reduce((sum, text) => sum + (text.match(/^#{2,4} .*\{#[\p{L}\p{N}_-]+\}\s*$/gmu) ?? []).length, 0);
    const topics = Object.keys(parseYaml(readFileSync(path.join(root, 'content/topics.yaml'), 'utf8'))).length;
    const tags = readdirSync(path.join(dist, 'tags'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
    expect(files).toHaveLength(articles + topics + tags + 1);
    for (const file of files) {
      const image = decode(readFileSync(path.join(dist, 'previews', file)));
      expect([file, image.width, image.height]).toEqual([file, 1200, 630]);
    }
  });
});

/** The address in the share panel's QR code, read off the screen as a phone's camera would. */
async function scanQr(page: import('playwright-core').Page): Promise<string | undefined> {
  const qr = page.getByRole('dialog').getByRole('img', { name: '这个地址的二维码' });
  await expect.poll(() => qr.locator('svg').count()).toBe(1);
  const box = await qr.boundingBox();
  // Big enough to scan from a laptop screen at arm's length.
  expect(box!.width).toBeGreaterThanOrEqual(180);
  const image = decode(await qr.screenshot());
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  const channels = image.channels;
  for (let i = 0; i < image.width * image.height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Number(image.data[i * channels + c]);
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, image.width, image.height)?.data;
}

describe('the share panel', () => {
  test('a heading\'s share button, with the keyboard, opens a QR code of the section address that decodes to it; Escape closes it and focus returns', async () => {
    const page = await open('/mla/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const button = page.getByRole('button', { name: /^分享本节：/ }).first();
    const section = (await button.getAttribute('data-section-title'))!;
    const address = (await button.getAttribute('data-share-url'))!;
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(section);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('复制链接');
    // Scanned until it decodes, as a phone does: a busy machine can capture the code before its first full paint.
    await expect.poll(() => scanQr(page), { timeout: 10_000 }).toBe(`${site}${address}`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`${site}${address}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-share-url'))).toBe(address);
    await page.context().close();
  });

  test('the article\'s share button, with the mouse, shows the article address as a QR code and hands it to the system share sheet', async () => {
    const mla = articleData('mla');
    const fresh = await context();
    // Chromium on Linux has no share sheet; a page that has one gets this stand-in.
    await fresh.addInitScript(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      Object.defineProperty(navigator, 'share', { value: async (data: unknown) => void (window as unknown as { shared: unknown[] }).shared.push(data) });
    });
    const page = await fresh.newPage();
    await page.goto('/mla/');
    await page.getByRole('button', { name: '分享', exact: true }).click();
    await expect.poll(() => scanQr(page), { timeout: 10_000 }).toBe(`${site}/mla/`);
    await page.getByRole('dialog').getByRole('button', { name: '系统分享…' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { shared: unknown[] }).shared)).toEqual([{ title: mla.title, url: `${site}/mla/` }]);
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    await fresh.close();
  });
});

describe('copy-link buttons', () => {
  test('a heading\'s button copies its section address, as a titled link and as plain text for chats', async () => {
    const mla = articleData('mla');
    const page = await open('/mla/', { permissions: ['clipboard-read', 'clipboard-write'] });
    const button = page.getByRole('button', { name: /^复制本节链接：/ }).first();
    const section = (await button.getAttribute('data-section-title'))!;
    const address = (await button.getAttribute('data-share-url'))!;
    await button.click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`已复制链接：${mla.title} › ${section}`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${mla.title} › ${section} — ${site}${address}`);
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return (await item.getType('text/html')).text();
    });
    expect(html).toContain(`<a href="${site}${address}">${mla.title} › ${section}</a>`);
    await page.context().close();
  });

  test('the button under the title copies the article\'s address', async () => {
    const mla = articleData('mla');
    const page = await open('/mla/', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.getByRole('button', { name: '复制链接', exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${mla.title} — ${site}/mla/`);
    await page.context().close();
  });

  test('a section address sends the reader to that section, scrolled into view', async () => {
    const html = await (await fetch(`${inject('baseUrl')}/mla/`)).text();
    // The last section: far down the page, so landing at the top would be visibly wrong.
    const address = [...html.matchAll(/data-share-url="(\/mla\/s\/[^"/]+\/)"/g)].at(-1)![1];
    const id = decodeURIComponent(address.split('/')[3]);
    const page = await open(address);
    await page.waitForURL((url) => url.pathname === '/mla/' && decodeURIComponent(url.hash) === `#${id}`, { waitUntil: 'load' });
    const heading = page.locator(`[id="${id}"]`);
    await expect.poll(async () => (await heading.boundingBox())?.y ?? -1, { timeout: 5000 }).toBeLessThan(60);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    await page.context().close();
  });
});

describe('addresses that last', () => {
  test('the sitemap lists every article and no section or forwarding page; robots.txt points at it', async () => {
    const base = inject('baseUrl');
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain(`Sitemap: ${site}/sitemap-index.xml`);
    const index = await (await fetch(`${base}/sitemap-index.xml`)).text();
    const sitemap = await (await fetch(base + new URL(/<loc>([^<]+)<\/loc>/.exec(index)![1]).pathname)).text();
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    for (const file of readdirSync(path.join(root, 'content/articles'))) expect(listed).toContain(`${site}/${file.replace(/\.mdx?$/, '')}/`);
    expect(listed.filter((url) => url.includes('/s/'))).toEqual([]);
  });

  test('the RSS feeds carry the site\'s articles, and each topic\'s feed only that topic\'s', async () => {
    const base = inject('baseUrl');
    const all = await (await fetch(`${base}/rss.xml`)).text();
    const count = (xml: string) => (xml.match(/<item>/g) ?? []).length;
    const articles = readdirSync(path.join(root, 'content/articles'));
    expect(count(all)).toBe(Math.min(50, articles.length));
    expect(all).toContain(`<link>${site}/mla/</link>`);
    const inTopic = articles.filter((file) => articleData(file.replace(/\.md$/, '')).topic === 'vision');
    const vision = await (await fetch(`${base}/topics/vision/rss.xml`)).text();
    expect(count(vision)).toBe(inTopic.length);
    expect(vision).toContain(`<link>${site}/topics/vision/</link>`);
  });
});

describe('a renamed article', () => {
  const build = useFixtureBuilds();
  let server: Awaited<ReturnType<typeof preview>>;
  let base = '';

  beforeAll(async () => {
    const { ok, output, dist: fixtureDist } = build('renamed', {
      'articles/new-name.md': frontmatter('formerSlugs: [old-name]\n', '新的名字') + '\n## 第一节 {#first}\n\n第一节的正文，讲了一件事。\n',
    });
    expect(ok, output).toBe(true);
    server = await preview({ root, outDir: fixtureDist, logLevel: 'warn', server: { host: '127.0.0.1', port: 4900 + Math.floor(Math.random() * 90) } });
    base = `http://127.0.0.1:${server.port}`;
  }, 300_000);
  afterAll(async () => server?.stop());

  test('keeps its old address, which previews as the article it now is and forwards there', async () => {
    const { result, canonical, refresh } = await unfurl('/old-name/', base);
    expect(result).toMatchObject({ ogTitle: '新的名字', ogUrl: `${site}/new-name/`, ogType: 'article' });
    expect(canonical).toBe(`${site}/new-name/`);
    expect(refresh).toBe('0; url=/new-name/');
    expectLargeImage(result, '/previews/articles/new-name.png');
    const page = await open(`${base}/old-name/`);
    await page.waitForURL(`${base}/new-name/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('新的名字');
    await page.context().close();
  });

  test('old section addresses still lead to the section', async () => {
    const { result, refresh } = await unfurl('/old-name/s/first/', base);
    expect(result.ogTitle).toBe('新的名字 › 第一节');
    expect(result.ogDescription).toBe('第一节的正文，讲了一件事。');
    expect(refresh).toBe('0; url=/new-name/#first');
  });
});
