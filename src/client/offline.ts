/**
 * Offline reading: registers the service worker (dist/sw.js, see src/service-worker/sw.js) at the
 * site's base path, asks it to keep the search index when the reader's connection allows, and when
 * a newer version of the site has installed in the background, offers a reload instead of switching
 * under the reader's feet.
 */
import { assetUrl, homeUrl } from '../lib/urls.ts';

/** What the browser says of the reader's connection (the Network Information API; Chromium only). */
export interface ConnectionInfo {
  saveData?: boolean;
  type?: string;
  effectiveType?: string;
}

/**
 * Whether to download the whole search index for offline search without asking: 1 MB for this site,
 * several at a thousand notes. Not when the reader has asked the browser to save data, on a mobile
 * network, or on a connection as slow as 2G; search then works online as before. A browser that says
 * nothing of its connection is taken to allow it.
 */
export function mayKeepSearchIndex(connection?: ConnectionInfo): boolean {
  if (!connection) return true;
  return !connection.saveData && connection.type !== 'cellular' && connection.effectiveType !== '2g' && connection.effectiveType !== 'slow-2g';
}

function offerUpdate(prompt: HTMLElement, worker: ServiceWorker) {
  prompt.hidden = false;
  prompt.querySelector('button')?.addEventListener('click', () => {
    sessionStorage.setItem('sw-reload', '1');
    worker.postMessage('skip-waiting');
  }, { once: true });
}

/**
 * Resolves once no search on the page is still bringing in its results (`<site-search aria-busy>`).
 * Installing the worker downloads the site's bundles and then its search index, over the connection and
 * on the CPU that a search opened with the page needs as well: on /search/?q=… registering at load made
 * the first results about 180 ms later on a 2-core machine (medians of 9 interleaved landings, 1100 → 923 ms).
 */
function searchesSettled(): Promise<void> {
  const searching = () => document.querySelector('site-search[aria-busy]') !== null;
  if (!searching()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (searching()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, attributeFilter: ['aria-busy'] });
  });
}

export async function registerOffline(prompt: HTMLElement | null) {
  if (!('serviceWorker' in navigator) || !prompt) return;
  // Reload once the new version has taken over, and only when the reader asked for it (the first
  // install also takes over the open page, which needs no reload).
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (sessionStorage.getItem('sw-reload')) {
      sessionStorage.removeItem('sw-reload');
      location.reload();
    }
  });
  // Once the page has loaded, as Workbox advises: installing downloads the site's scripts and styles,
  // which should not compete with what the page itself is still loading.
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  await searchesSettled();
  const registration = await navigator.serviceWorker.register(assetUrl('sw.js'), { scope: homeUrl() });
  const connection = (navigator as Navigator & { connection?: ConnectionInfo }).connection;
  if (mayKeepSearchIndex(connection)) {
    // The worker that controls pages keeps its own version's index; a waiting one waits for the reload.
    void navigator.serviceWorker.ready.then((ready) => ready.active?.postMessage('keep-search-index'));
  }
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(prompt, registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(prompt, worker);
    });
  });
}
