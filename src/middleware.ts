import { defineMiddleware } from 'astro:middleware';
import { expandFormulas } from './math/index.ts';
import { withoutBase } from './lib/urls.ts';
import { emittedFileAt } from './site/emitters.ts';
import { siteModel } from './site/model.ts';

const contentTypes: Record<string, string> = { html: 'text/html; charset=utf-8', json: 'application/json; charset=utf-8', md: 'text/markdown; charset=utf-8', txt: 'text/plain; charset=utf-8' };

/**
 * Puts the formulas into each page: rendered notes carry them as placeholders (see
 * src/math/placeholders.ts). In `astro dev`, an address no route has is looked up among the
 * emitters' files (src/site/emitters.ts), which a build writes out.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  let response = await next();
  if (import.meta.env.DEV && response.status === 404) {
    const pathname = withoutBase(decodeURI(context.url.pathname)) ?? context.url.pathname;
    const file = pathname.replace(/^\//, '') + (pathname.endsWith('/') ? 'index.html' : '');
    const found = emittedFileAt(await siteModel(), import.meta.env.SITE, file);
    if (found) response = new Response(found[1], { headers: { 'Content-Type': contentTypes[found[0].split('.').pop()!] ?? 'text/plain' } });
  }
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(expandFormulas(html), { status: response.status, statusText: response.statusText, headers: response.headers });
});
