import type { APIRoute } from 'astro';
import { homeUrl, sitemapUrl } from '../lib/urls.ts';

/** Everything may be crawled; the sitemap lists the canonical pages (not section or old-slug addresses). */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: ${homeUrl()}\n\nSitemap: ${new URL(sitemapUrl(), site).href}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
