/**
 * Offline reading: registers the service worker (dist/sw.js, see src/service-worker/sw.js) at the
 * site's base path, and when a newer version of the site has installed in the background, offers a
 * reload instead of switching under the reader's feet.
 */
import { assetUrl, homeUrl } from '../lib/urls.ts';

function offerUpdate(prompt: HTMLElement, worker: ServiceWorker) {
  prompt.hidden = false;
  prompt.querySelector('button')?.addEventListener('click', () => {
    sessionStorage.setItem('sw-reload', '1');
    worker.postMessage('skip-waiting');
  }, { once: true });
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
  const registration = await navigator.serviceWorker.register(assetUrl('sw.js'), { scope: homeUrl() });
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(prompt, registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(prompt, worker);
    });
  });
}
