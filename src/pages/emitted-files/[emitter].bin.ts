import type { APIRoute, GetStaticPaths } from 'astro';
import { bundleOf } from '../../lib/file-bundle.ts';
import { emitters } from '../../site/emitters.ts';
import { siteModel } from '../../site/model.ts';

/**
 * Each emitter's files in one response (src/site/emitters.ts); the build writes them out and drops
 * this (src/integrations/emitted-files.ts).
 */
export const getStaticPaths = (() => Object.keys(emitters).map((emitter) => ({ params: { emitter } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const files = emitters[params.emitter!](await siteModel(), import.meta.env.SITE);
  return new Response(new Uint8Array(bundleOf(files)), { headers: { 'Content-Type': 'application/octet-stream' } });
};
