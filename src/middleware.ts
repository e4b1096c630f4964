import { defineMiddleware } from 'astro:middleware';
import { expandFormulas } from './markdown/katex-formulas.ts';

/** Puts the formulas into each page: rendered notes carry them as placeholders (see src/markdown/katex-formulas.ts). */
export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(expandFormulas(html), { status: response.status, statusText: response.statusText, headers: response.headers });
});
