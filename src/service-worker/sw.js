// Offline reading. scripts/build-service-worker.ts writes this file to dist/sw.js after the build,
// with the build's version and the files it keeps in place of the three placeholders below.
// It is registered at the site's base path (src/client/offline.ts) and works relative to its
// scope, so it needs no base path of its own.
/* global __PAGE_FILES__, __INDEX_FILES__ */

const version = '__VERSION__';
/**
 * Kept at install, relative to the scope: the scripts, styles and fonts of the pages (`_astro/…`),
 * so a page kept offline has what it loads even when the reader opened it before the worker ran.
 * Bundle names carry a hash of their content.
 */
const pageFiles = __PAGE_FILES__;
/**
 * The search index (`pagefind/…`): several MB at a thousand notes, so it is kept only when a page
 * asks for it, which it does unless the reader's browser saves data or is on a mobile network
 * (src/client/offline.ts).
 */
const indexFiles = __INDEX_FILES__;

const scope = self.registration.scope;
/** Pages the reader opened and what they load (bundles, previews), kept across versions for older pages. */
const visited = 'visited';
/** The search index of one build: one version at a time, so a search never mixes two builds. */
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
      const url = new URL(file, scope).href;
      const known = await caches.match(url, { ignoreSearch: true, ignoreVary: true });
      await (known ? cache.put(url, known) : cache.add(url));
    }
  };
  await Promise.all(Array.from({ length: 3 }, worker));
}

let keepingIndex;
/** Keeps this version's whole search index, then lets earlier versions' go. */
async function keepIndex() {
  const index = await caches.open(searchIndex);
  if (await index.match(indexComplete)) return;
  await keep(indexFiles, index);
  await index.put(indexComplete, new Response(''));
  for (const name of await caches.keys()) if (name.startsWith('search-') && name !== searchIndex) await caches.delete(name);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => keep(pageFiles, await caches.open(visited)))());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Earlier versions' search indexes stay until this one is whole (keepIndex), so their files are
    // copied rather than downloaded again; for a reader who saves data, until a connection allows it.
    await self.clients.claim();
    // The page that registered the worker was loaded before it could be kept; keep it now.
    const cache = await caches.open(visited);
    for (const client of await self.clients.matchAll({ type: 'window' })) {
      if (client.url.startsWith(scope)) await cache.add(client.url).catch(() => {});
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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return;
  const path = request.url.slice(scope.length);
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (path.startsWith('pagefind/')) event.respondWith(fromIndex(request));
  // Bundles have a hash in their name and never change.
  else if (path.startsWith('_astro/')) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});

/** A page: fresh from the network when there is one, else as the reader last saw it. */
async function page(request) {
  try {
    return await networkFirst(request);
  } catch {
    return new Response(
      '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>离线</title>'
        + `<main><h1>现在离线</h1><p>这一页还没有在这台设备上打开过，联网后再看。读过的页面离线也能打开；<a href="${scope}">回到首页</a>。</p></main>`,
      { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
    );
  }
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(visited).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    // A search page is kept once, whatever was searched; its script reads the query from the address.
    const cached = await caches.match(request, { ignoreSearch: request.mode === 'navigate', ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

// `ignoreVary`: hosts answer with `Vary: Origin` or `Accept-Encoding`, and a module script's request
// carries headers the request that kept the file did not; the file is the same either way.
async function cacheFirst(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(visited).then((cache) => cache.put(request, copy));
  }
  return response;
}

/**
 * Pagefind asks for its entry file with a cache-busting `?ts=`. The index kept is this version's; until
 * it is whole (or when the reader saves data) searches go to the network.
 */
async function fromIndex(request) {
  const cache = await caches.open(searchIndex);
  return (await cache.match(request, { ignoreSearch: true, ignoreVary: true })) ?? fetch(request);
}
