import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mayKeepSearchIndex } from '../../src/client/offline.ts';
import { buildServiceWorker } from '../../src/integrations/service-worker.ts';
import { networkTimeoutSeconds, visitedFilesExpiration, visitedPagesExpiration } from '../../src/service-worker/limits.js';

test.each([
  ['a browser that says nothing of its connection', undefined, true],
  ['Wi-Fi or a cable', { type: 'wifi', effectiveType: '4g', saveData: false }, true],
  ['a desktop Chromium (no type)', { effectiveType: '4g', saveData: false }, true],
  ['a reader who asked the browser to save data', { effectiveType: '4g', saveData: true }, false],
  ['a mobile network', { type: 'cellular', effectiveType: '4g', saveData: false }, false],
  ['a connection as slow as 2G', { effectiveType: '2g' }, false],
  ['slower still', { effectiveType: 'slow-2g' }, false],
])('whether the search index is kept for offline search on %s', (_, connection, expected) => {
  expect(mayKeepSearchIndex(connection)).toBe(expected);
});

describe('the service worker written into the build', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'notes-sw-unit-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A small built site in its own folder: a page, two bundles, the favicon, a search index and Pagefind's unused UI. */
  function builtSite(name: string, page = '<h1>一页</h1>') {
    const dist = path.join(work, name);
    const files: Record<string, string> = {
      'index.html': page,
      '_astro/page.Ab12Cd34.js': 'console.log(1)',
      '_astro/KaTeX_Main-Regular.Xy98Zw76.woff2': 'font',
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'pagefind/pagefind.js': 'export {}',
      'pagefind/pagefind-entry.json': '{}',
      'pagefind/fragment/zh-cn_1234567.pf_fragment': 'fragment',
      'pagefind/pagefind-ui.js': 'ui',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), text);
    }
    return dist;
  }
  const workerOf = (dist: string) => readFileSync(path.join(dist, 'sw.js'), 'utf8');

  test('precaches the bundles and the favicon through Workbox, each with its revision', async () => {
    const dist = builtSite('manifest');
    const summary = await buildServiceWorker(dist);
    const worker = workerOf(dist);
    expect(worker).not.toContain('__WB_MANIFEST');
    const manifest = JSON.parse(worker.match(/addToCacheList\((\[[^\]]*\])\)/)?.[1] ?? 'null');
    const md5 = (file: string) => createHash('md5').update(readFileSync(path.join(dist, file))).digest('hex');
    expect(new Set(manifest)).toEqual(new Set([
      // Bundle names carry a hash of their content; the favicon's name does not, so it gets one.
      { url: '_astro/page.Ab12Cd34.js', revision: null },
      { url: '_astro/KaTeX_Main-Regular.Xy98Zw76.woff2', revision: null },
      { url: 'favicon.svg', revision: md5('favicon.svg') },
    ]));
    expect(summary).toMatch(/^version [0-9a-f]{16}; kept at install for offline reading: 3 scripts, styles and fonts \(\d+ KB\); kept when the connection allows: 3 search index files \(\d+ KB\); pages read: the latest 100$/);
  });

  test('keeps the search index files a search needs, not Pagefind\'s own UI', async () => {
    const dist = builtSite('index');
    await buildServiceWorker(dist);
    const worker = workerOf(dist);
    for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'pagefind/fragment/zh-cn_1234567.pf_fragment']) expect(worker).toContain(`"${file}"`);
    expect(worker).not.toContain('pagefind-ui.js');
  });

  test('bounds the pages and files it keeps, and waits for the network only a few seconds', async () => {
    const dist = builtSite('limits');
    await buildServiceWorker(dist);
    const worker = workerOf(dist);
    // The settings as the built (minified) worker holds them, evaluated.
    const expirations = [...worker.matchAll(/\{maxEntries:[^{}]*\}/g)].map(([settings]) => new Function(`return ${settings}`)());
    expect(expirations).toEqual([visitedPagesExpiration, visitedFilesExpiration]);
    expect(expirations.every((settings) => settings.purgeOnQuotaError === true && settings.maxAgeSeconds > 0)).toBe(true);
    expect(worker).toMatch(new RegExp(`networkTimeoutSeconds:${networkTimeoutSeconds}\\b`));
    expect(networkTimeoutSeconds).toBeGreaterThanOrEqual(2);
    expect(networkTimeoutSeconds).toBeLessThanOrEqual(5);
  });

  test('changes exactly when the site does, so browsers see an update only then', async () => {
    const [first, same, changed] = [builtSite('first'), builtSite('same'), builtSite('changed', '<h1>改过的一页</h1>')];
    // A preview image is for chats: the worker never serves one, so a new one is no update for readers.
    const redrawn = builtSite('redrawn');
    for (const [dist, png] of [[first, 'png'], [same, 'png'], [changed, 'png'], [redrawn, 'redrawn png']]) {
      mkdirSync(path.join(dist, 'previews/articles'), { recursive: true });
      writeFileSync(path.join(dist, 'previews/articles/mla.png'), png);
    }
    for (const dist of [first, same, changed, redrawn]) await buildServiceWorker(dist);
    expect(workerOf(same)).toBe(workerOf(first));
    expect(workerOf(changed)).not.toBe(workerOf(first));
    expect(workerOf(redrawn)).toBe(workerOf(first));
  });

  test('refuses a build without the search index', async () => {
    const dist = builtSite('unindexed');
    rmSync(path.join(dist, 'pagefind'), { recursive: true });
    await expect(buildServiceWorker(dist)).rejects.toThrow(/pagefind\/pagefind\.js is missing: list searchIndex\(\) before serviceWorker\(\)/);
  });
});
