/**
 * Starts downloading what the first search needs (searchPreloads in src/lib/urls.ts) side by side,
 * once, when the reader shows the intent to search. Without it each file waits for the one before:
 * the search code, then Pagefind's script, then its entry file, then its WebAssembly. The browser
 * hands the preloaded answers to the requests that follow.
 */
import { searchPreloads } from '../lib/urls.ts';

let started = false;

export function preloadSearchFiles() {
  if (started) return;
  started = true;
  for (const { href, module } of searchPreloads()) {
    const link = document.createElement('link');
    link.rel = module ? 'modulepreload' : 'preload';
    if (!module) {
      link.as = 'fetch';
      link.crossOrigin = 'anonymous';
    }
    link.href = href;
    document.head.append(link);
  }
}
