import type { APIRoute, GetStaticPaths } from 'astro';
import { bundleOf } from '../../lib/file-bundle.ts';
import { emitters } from '../../site/emitters.ts';
import { siteModel } from '../../site/model.ts';
import { emittersKey } from '../../site/page-keys.ts';

/**
 * Each emitter's files in one response (src/site/emitters.ts); the build writes them out and drops
 * this (src/integrations/emitted-files.ts).
 */
export const getStaticPaths = (async () => {
  // One key for all: a route whose key is the last build's is copied from it (src/site/page-keys.ts).
  const cacheKey = import.meta.env.DEV ? undefined : emittersKey(await siteModel(), import.meta.env.SITE_CODE_DIGEST ?? '');
  return Object.keys(emitters).map((emitter) => ({ params: { emitter }, cacheKey }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const files = emitters[params.emitter!](await siteModel(), import.meta.env.SITE);
  return new Response(new Uint8Array(bundleOf(files)), { headers: { 'Content-Type': 'application/octet-stream' } });
};
