// Offline reading, with Workbox. src/integrations/service-worker.ts bundles this module into one classic
// script, dist/sw.js, after the build: esbuild puts the build's version and search index files in place
// of the two globals below, then workbox-build's injectManifest puts the bundles to precache in place of
// self.__WB_MANIFEST. It is registered at the site's base path (src/client/offline.ts) and works
// relative to its scope, so it needs no base path of its own.
/* global __VERSION__, __SEARCH_INDEX_FILES__ */
import { CacheExpiration, ExpirationPlugin } from 'workbox-expiration';
import { PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { networkTimeoutSeconds, visitedFiles, visitedFilesExpiration, visitedPages, visitedPagesExpiration } from './limits.js';

/** A hash of the whole build, so this file changes exactly when the site does: that is how browsers notice an update. */
const version = __VERSION__;
const scope = self.registration.scope;
const inScope = ({ url }) => url.href.startsWith(scope);
const under = (folder) => ({ url }) => url.href.startsWith(scope + folder);
const isPage = ({ request, url }) => request.mode === 'navigate' && inScope({ url });

// Hosts answer with `Vary: Origin` or `Accept-Encoding`, and a module script's request carries headers
// the request that kept the file did not; the file is the same either way.
const ignoreVary = { ignoreVary: true };
/** Keeps only whole answers (2xx); Workbox's default would also keep the opaque answer to a redirected navigation. */
const onlyOk = { cacheWillUpdate: async ({ response }) => (response.ok ? response : null) };

/**
 * The scripts, styles and fonts of the pages (`_astro/…`) and the favicon, kept at install, so a page kept
 * offline has what it loads even when the reader opened it before the worker ran. Workbox downloads only
 * what changed since the version before and drops, at activation, what this version no longer loads.
 */
const bundles = new PrecacheController();
bundles.strategy.matchOptions = ignoreVary;
bundles.addToCacheList(self.__WB_MANIFEST);
registerRoute(new PrecacheRoute(bundles));

/** Dates the pages put outside the strategy (at activation) for the same expiry. */
const pagesExpiration = new CacheExpiration(visitedPages, visitedPagesExpiration);
/**
 * A page: from the network when it answers in time, else as the reader last saw it, else a page saying so.
 * A page is kept once whatever its query (the search page's script reads the query from the address,
 * other pages ignore it), so a hundred searches do not push a hundred notes out of the bound.
 */
const pages = new NetworkFirst({
  cacheName: visitedPages,
  networkTimeoutSeconds,
  matchOptions: ignoreVary,
  plugins: [
    { cacheKeyWillBeUsed: async ({ request }) => withoutQuery(request.url) },
    onlyOk,
    new ExpirationPlugin(visitedPagesExpiration),
    { handlerDidError: async () => offlinePage() },
  ],
});
registerRoute(isPage, pages);

/**
 * The search index (`pagefind/…` and the names search knows, `search/names.json`): several MB at a thousand notes, so it is kept only when a page asks for
 * it, which it does unless the reader's browser saves data or is on a mobile network (src/client/offline.ts).
 * Kept here rather than by Workbox's precache, which downloads at install for every reader and lets the
 * version before go at activation: the index is kept on request, whole, one version at a time so a search
 * never mixes two builds, and the version before stays until this one is whole, so that files with the
 * same hashed name are copied from it rather than downloaded again.
 */
const indexFiles = __SEARCH_INDEX_FILES__;
const searchIndex = `search-${version}`;
/** Put into the index's cache once every file of it is there. */
const indexComplete = new URL('pagefind/.kept-whole', scope).href;

/**
 * Keeps `files` in `cache`; a file of an earlier version with the same name is the same file, copied
 * rather than downloaded again. A few requests at a time: thousands at once take every connection the
 * browser has to the site, and the reader's own page and searches wait behind them.
 */
async function keep(files, cache) {
  const queue = files.values();
  const worker = async () => {
    for (const file of queue) {
      await readerSearchesFirst();
      const url = new URL(file, scope).href;
      const known = await caches.match(url, { ignoreSearch: true, ignoreVary: true });
      await (known ? cache.put(url, known) : cache.add(url));
    }
  };
  await Promise.all(Array.from({ length: 3 }, worker));
}

/** When a page last asked for part of the search index. */
let lastSearchFetch = 0;
const searchQuietMs = 1000;
/**
 * Keeping the index waits while a reader is searching: on a slow machine its downloads and cache
 * writes doubled the time to a first search (about 0.5 → 1 s), and the reader's own search fetches
 * the files it needs first anyway.
 */
async function readerSearchesFirst() {
  while (Date.now() - lastSearchFetch < searchQuietMs) await new Promise((resolve) => setTimeout(resolve, searchQuietMs));
}

let keepingIndex;
/** Keeps this version's whole search index, then lets earlier versions' go. */
async function keepIndex() {
  const index = await caches.open(searchIndex);
  if (await index.match(indexComplete)) return;
  await keep(indexFiles, index);
  await index.put(indexComplete, new Response(''));
  indexWhole = true;
  for (const name of await caches.keys()) if (name.startsWith('search-') && name !== searchIndex) await caches.delete(name);
}

// Pagefind asks for its entry file with a cache-busting `?ts=`. Until this version's index is whole (or
// when the reader saves data) searches go to the network, and what they fetch is not kept one file at a
// time: the index is kept whole or not at all.
const isSearchIndex = ({ url }) => under('pagefind/')({ url }) || url.href === new URL('search/names.json', scope).href;
const searchIndexFiles = new CacheFirst({
  cacheName: searchIndex,
  matchOptions: { ignoreSearch: true, ignoreVary: true },
  plugins: [{ cacheWillUpdate: async () => null }],
});
/**
 * Whether this version's index is kept whole: known once when the worker starts, set when keepIndex
 * finishes. Until then the index's files come from the network without a look into its cache, which
 * would find nothing and wait behind the writes of the index being kept.
 */
let indexWhole = false;
// caches.match with a cache name, not caches.open, which would make an empty cache for a reader who keeps no index.
const indexWholeAtStart = caches.match(indexComplete, { cacheName: searchIndex }).then(Boolean, () => false);
registerRoute(isSearchIndex, async (options) => {
  lastSearchFetch = Date.now();
  if (!indexWhole && !(await indexWholeAtStart)) return fetch(options.request);
  return searchIndexFiles.handle(options);
});

// What pages load beyond this version's bundles, bounded like the pages: the plugin dates what the
// strategies put there, `filesExpiration` what activation does. One plugin for the one cache, in both
// strategies; each gets a list of its own, since strategies add to theirs.
const filesExpiration = new CacheExpiration(visitedFiles, visitedFilesExpiration);
const filesExpirationPlugin = new ExpirationPlugin(visitedFilesExpiration);
const filesPlugins = () => [onlyOk, filesExpirationPlugin];
// Bundles of an earlier version (for the pages kept from it) or of a newer one than this worker's: their
// names carry a hash of their content, so a kept one never needs the network.
registerRoute(under('_astro/'), new CacheFirst({ cacheName: visitedFiles, matchOptions: ignoreVary, plugins: filesPlugins() }));
// Hover previews and anything else in scope: fresh when the network answers in time.
registerRoute(inScope, new NetworkFirst({ cacheName: visitedFiles, networkTimeoutSeconds, matchOptions: ignoreVary, plugins: filesPlugins() }));
// Anything else (other methods, such as the search's HEAD probe for a connection; other sites) is not
// routed, so it goes to the network untouched.

self.addEventListener('install', (event) => bundles.install(event));

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Earlier versions' search indexes stay until this one is whole (keepIndex), so their files are
    // copied rather than downloaded again; for a reader who saves data, until a connection allows it.
    await self.clients.claim();
    // Pages kept from the version before load its bundles, which Workbox is about to drop. Keeping them
    // is worth a few hundred KB, not the new version: without room for them it still takes over.
    await keepEarlierBundles().catch(() => {});
    await bundles.activate(event);
    await moveUnboundedCache().catch(() => {});
    // The page that registered the worker was loaded before it could be kept; keep it now.
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      if (client.url.startsWith(scope)) await pages.handleAll({ request: client.url, event })[1];
    }
  })());
});

// The page asks for the new version once the reader agrees (the update prompt in src/client/offline.ts),
// and for the search index when the reader's connection allows it.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'keep-search-index') {
    keepingIndex ??= keepIndex().finally(() => {
      keepingIndex = undefined;
    });
    event.waitUntil(keepingIndex);
  }
});

/** Puts `response` into a bounded cache outside a strategy, and dates it for the expiry as the strategies do. */
async function keepBounded(cacheName, expiration, url, response) {
  await (await caches.open(cacheName)).put(url, response);
  await expiration.updateTimestamp(url);
}

/** Moves the bundles the precache is about to drop to the visited files (see activate). */
async function keepEarlierBundles() {
  const precache = await caches.open(bundles.strategy.cacheName);
  const current = new Set(bundles.getURLsToCacheKeys().values());
  for (const request of await precache.keys()) {
    if (current.has(request.url) || !request.url.startsWith(scope + '_astro/')) continue;
    const response = await precache.match(request);
    if (response) await keepBounded(visitedFiles, filesExpiration, request.url, response);
  }
  await filesExpiration.expireEntries();
}

/**
 * The worker before Workbox kept pages and what they load in one cache, `visited`, with no bound. Its
 * entries move once into the bounded caches, in the order they were kept so that the bound keeps the
 * latest, and it goes: a reader who updates still has the pages read before.
 */
async function moveUnboundedCache() {
  if (!(await caches.has('visited'))) return;
  const unbounded = await caches.open('visited');
  for (const request of await unbounded.keys()) {
    const response = await unbounded.match(request);
    if (!response) continue;
    if (response.headers.get('content-type')?.startsWith('text/html')) await keepBounded(visitedPages, pagesExpiration, withoutQuery(request.url), response);
    else await keepBounded(visitedFiles, filesExpiration, request.url, response);
  }
  await Promise.all([pagesExpiration.expireEntries(), filesExpiration.expireEntries()]);
  await caches.delete('visited');
}

function withoutQuery(address) {
  const url = new URL(address);
  url.search = '';
  return url.href;
}

function offlinePage() {
  return new Response(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>离线</title>'
      + `<main><h1>现在离线</h1><p>这一页还没有在这台设备上打开过，联网后再看。读过的页面离线也能打开；<a href="${scope}">回到首页</a>。</p></main>`,
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  );
}
