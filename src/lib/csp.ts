import { createHash } from 'node:crypto';

/** The CSP source for an inline script or style: `'sha256-…'` without the quotes, as Astro takes it. */
export function cspHash(source: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(source).digest('base64')}`;
}
