import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syntheticNote } from '../../scripts/bench/corpus.ts';
import { wholeMapLimit, topicMapLimit } from '../../src/site/link-map.ts';
import { notesPerPage, timelinePerPage } from '../../src/site/pagination.ts';
import { chromiumArgs, chromiumPath } from './browser.ts';
import { root, useFixtureBuilds } from './fixture-build.ts';
import { serveStatic } from './static-server.ts';

/**
 * Pages that stay light at any size (docs/performance.md): on a generated site of 3000 notes the
 * home page and every page of a topic, a tag and the timeline are at most 100 KB of HTML, and every
 * map at most 200 KB; every note is on its topic's pages and its tags' pages, read by following
 * the next links; and a reader moves from page to page with the keyboard.
 *
 * The notes are the benchmark's (scripts/bench/corpus.ts), cut to what listings and maps show: the
 * frontmatter (title, summary, topic, tags, dates, paper), the first paragraph and the links to
 * other notes, under one heading; and the site is built with PAGES_ONLY=1 (src/lib/site.ts): no
 * preview images, search index or offline worker. None of this changes a listing or a map, and the
 * full notes with those outputs would take minutes more to build; the build still checks every
 * link and that every note is on its topic's pages.
 * PAGE_SIZE_NOTES=600 builds fewer notes, for a quicker run while working on the pages.
 */
const noteCount = Number(process.env.PAGE_SIZE_NOTES ?? 3000);
const KB = 1024;
const build = useFixtureBuilds();
let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
/** Each note's topic and tags, as written in its frontmatter. */
const notes = new Map<string, { topic: string; tags: string[] }>();

/** Note `index` of the benchmark's corpus, cut to its frontmatter, first paragraph and links to other notes. */
function listedNote(index: number): string {
  const text = syntheticNote(index, noteCount, { math: false, highlight: false });
  const end = text.indexOf('\n---\n', 3) + '\n---'.length;
  const firstParagraph = text.slice(end).trim().split('\n\n')[0];
  return `${text.slice(0, end)}\n\n${firstParagraph}\n\n## 延伸阅读\n\n${text.match(/^延伸阅读：.*$/m)![0]}\n`;
}

beforeAll(async () => {
  const files: Record<string, string> = { 'topics.yaml': readFileSync(path.join(root, 'content/topics.yaml'), 'utf8') };
  for (let i = 0; i < noteCount; i++) {
    const text = listedNote(i);
    files[`articles/note-${i}.md`] = text;
    notes.set(`note-${i}`, { topic: text.match(/^topic: (.+)$/m)![1], tags: text.match(/^tags: \[(.+)\]$/m)![1].split(', ') });
  }
  const started = performance.now();
  const result = build(`notes-${noteCount}`, files, { PAGES_ONLY: '1' });
  expect(result.ok, result.output.slice(-4000)).toBe(true);
  // The build's own checks ran: every link resolves, every note is on its topic's pages.
  expect(result.output).toMatch(/\[link-check\]\S* \d+ links on \d+ pages all resolve/);
  expect(result.output).toMatch(new RegExp(`\\[completeness-check\\]\\S* ${noteCount} articles, each with one page, on its topic page`));
  const steps = result.output.split('\n').filter((line) => /\[(build|link-check|completeness-check|emitted-files)\].*(Completed in|built in|ms\))/.test(line));
  console.log(`page-size: ${noteCount} notes built in ${Math.round((performance.now() - started) / 1000)} s\n  ${steps.join('\n  ')}`);
  dist = result.dist;
  server = await serveStatic(dist);
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The pages written under a folder of the output, by address, with their size in bytes. */
function pagesUnder(folder: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const file of readdirSync(path.join(dist, folder), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('index.html')) continue;
    const address = `/${folder}/${path.dirname(file) === '.' ? '' : `${path.dirname(file).split(path.sep).join('/')}/`}`;
    pages.set(address, statSync(path.join(dist, folder, file)).size);
  }
  return pages;
}

function largest(pages: Map<string, number>): [string, number] {
  return [...pages].reduce((a, b) => (b[1] > a[1] ? b : a));
}

/** A page's HTML from the server. */
async function html(address: string): Promise<string> {
  const response = await fetch(new URL(address, server.url));
  expect(response.status, address).toBe(200);
  return response.text();
}

/** The pages of a listing from its first, following each `<a rel="next">`; the articles each page links in its cards. */
async function readListing(first: string): Promise<Array<{ address: string; articles: string[]; prev?: string }>> {
  const pages: Array<{ address: string; articles: string[]; prev?: string }> = [];
  for (let address: string | undefined = first; address;) {
    const markup = await html(address);
    const link = (rel: string) => [...markup.matchAll(/<a\s[^>]*>/g)].map(([tag]) => tag).find((tag) => tag.includes(` rel="${rel}"`))?.match(/href="([^"]*)"/)?.[1];
    pages.push({ address, articles: [...markup.matchAll(/class="article-card-title"><a href="\/([^/"]+)\/"/g)].map((match) => match[1]), prev: link('prev') });
    address = link('next');
    expect(pages.length, `${first}: the next links go round in a circle`).toBeLessThan(1000);
  }
  return pages;
}

describe(`pages that stay light at ${noteCount} notes`, () => {
  test('the home page, every page of every topic, tag and the timeline are at most 100 KB; every map at most 200 KB', () => {
    const sizes = {
      home: new Map([['/', statSync(path.join(dist, 'index.html')).size]]),
      topics: pagesUnder('topics'),
      tags: pagesUnder('tags'),
      timeline: pagesUnder('timeline'),
      graph: pagesUnder('graph'),
    };
    const report = Object.entries(sizes).map(([kind, pages]) => {
      const [address, size] = largest(pages);
      return `${kind}: ${pages.size} page(s), largest ${address} ${(size / KB).toFixed(1)} KB`;
    });
    console.log(`page-size at ${noteCount} notes:\n  ${report.join('\n  ')}`);
    for (const kind of ['home', 'topics', 'tags', 'timeline'] as const) {
      for (const [address, size] of sizes[kind]) expect(size, `${address} is ${(size / KB).toFixed(1)} KB`).toBeLessThanOrEqual(100 * KB);
    }
    for (const [address, size] of sizes.graph) expect(size, `${address} is ${(size / KB).toFixed(1)} KB`).toBeLessThanOrEqual(200 * KB);
    // The listings were cut into pages, not shortened: as many pages as their notes need.
    const perTopic = Map.groupBy([...notes.values()], (note) => note.topic);
    const topicPages = [...perTopic.values()].reduce((sum, list) => sum + Math.ceil(list.length / notesPerPage), 0);
    expect([...sizes.topics.keys()].filter((address) => /^\/topics\/[^/]+\/(\d+\/)?$/.test(address))).toHaveLength(topicPages);
    expect(sizes.timeline.size).toBe(Math.ceil(noteCount / timelinePerPage));
    if (noteCount > wholeMapLimit) expect(sizes.graph.size).toBe(1 + new Set([...notes.values()].map((note) => note.topic)).size);
  });

  test('every note is on its topic\'s pages and on each of its tags\' pages, once, read by following the next links', async () => {
    const byTopic = Map.groupBy([...notes], ([, note]) => note.topic);
    const byTag = new Map<string, string[]>();
    for (const [slug, { tags }] of notes) for (const tag of tags) byTag.set(tag, [...(byTag.get(tag) ?? []), slug]);
    const listings = [
      ...[...byTopic].map(([topic, members]) => [`/topics/${topic}/`, members.map(([slug]) => slug)] as const),
      ...[...byTag].map(([tag, slugs]) => [`/tags/${tag}/`, slugs] as const),
    ];
    for (const [first, expected] of listings) {
      const pages = await readListing(first);
      const listed = pages.flatMap((page) => page.articles);
      expect([...listed].sort(), first).toEqual([...expected].sort());
      expect(pages.every((page) => page.articles.length <= notesPerPage), first).toBe(true);
      // Each page's previous link leads to the page before it.
      expect(pages.map((page) => page.prev), first).toEqual([undefined, ...pages.slice(0, -1).map((page) => page.address)]);
    }
  });

  test('the map lists the topics, and a topic\'s map draws a readable part of it', async () => {
    if (noteCount <= wholeMapLimit) return;
    const page = await open('/graph/');
    const link = page.getByRole('main').getByRole('link', { name: '大语言模型的笔记地图' });
    await link.click();
    await page.waitForURL('**/graph/llm/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('大语言模型的笔记地图');
    const nodes = page.getByRole('group', { name: '大语言模型的笔记之间的链接图' }).getByRole('link');
    expect(await nodes.count()).toBe(Math.min(topicMapLimit, [...notes.values()].filter((note) => note.topic === 'llm').length));
    await page.context().close();
  });

  test('a reader reaches the next page with the keyboard, and the page says where it is', async () => {
    const page = await open('/topics/llm/');
    const pagination = page.getByRole('navigation', { name: '大语言模型的笔记：分页' });
    const next = pagination.getByRole('link', { name: '下一页' });
    expect(await pagination.getByRole('link', { name: '第 1 页' }).getAttribute('aria-current')).toBe('page');
    expect(await pagination.getByRole('link', { name: '上一页' }).count()).toBe(0);
    // From the last note of the list, Tab moves through the page numbers to the next link, as a
    // keyboard user would (the 50 notes before it are ordinary links; walking them all took seconds).
    await page.getByRole('main').getByRole('heading', { level: 2 }).last().getByRole('link').focus();
    let tabs = 0;
    while (!(await next.evaluate((element) => element === document.activeElement))) {
      await page.keyboard.press('Tab');
      expect(++tabs, 'the next link is never focused').toBeLessThan(15);
    }
    await page.keyboard.press('Enter');
    await page.waitForURL('**/topics/llm/2/');
    expect(await page.title()).toContain('大语言模型（第 2 页）');
    expect(await pagination.getByRole('link', { name: '第 2 页' }).getAttribute('aria-current')).toBe('page');
    expect(await pagination.getByRole('link', { name: '第 1 页' }).getAttribute('aria-current')).toBeNull();
    expect(await page.locator('head link[rel="prev"]').getAttribute('href')).toBe('/topics/llm/');
    expect(await page.getByRole('main').getByRole('heading', { level: 2 }).count()).toBe(notesPerPage);
    await pagination.getByRole('link', { name: '上一页' }).click();
    await page.waitForURL('**/topics/llm/');
    await page.context().close();
  });

  test('the timeline\'s pages keep the topic chosen in its filter', async () => {
    const page = await open('/timeline/?topic=vision');
    const pagination = page.getByRole('navigation', { name: '时间线：分页' });
    expect(await page.locator('.timeline-item:visible').count()).toBeLessThan(timelinePerPage);
    await pagination.getByRole('link', { name: '下一页' }).click();
    await page.waitForURL((url) => url.pathname === '/timeline/2/' && url.searchParams.get('topic') === 'vision');
    expect(await page.getByRole('radio', { name: '计算机视觉' }).isChecked()).toBe(true);
    await page.context().close();
  });
});

async function open(address: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(address);
  return page;
}
