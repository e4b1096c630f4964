/**
 * The path the site is served under: `/` at the root of a domain, `/ml-notes/` for a GitHub project
 * page. Set BASE_PATH when building; Astro's `base` and every address in src/lib/urls.ts follow it.
 */
export function basePath(value: string | undefined): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '/';
  if (!/^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/.test(trimmed)) {
    throw new Error(`BASE_PATH "${value}" is not a plain path; use letters, digits, "-", "_", "." and "/", e.g. BASE_PATH=/ml-notes/`);
  }
  return `/${trimmed}/`;
}

/**
 * The configured base. BASE_PATH where there is a process (the build, scripts/, tests: Astro also
 * evaluates astro.config.mjs and its imports before its own BASE_URL is set); in browser bundles
 * Astro's BASE_URL, which Vite writes in from the same setting.
 */
export function configuredBase(): string {
  const fromProcess = typeof process === 'undefined' ? undefined : process.env.BASE_PATH;
  return basePath(fromProcess ?? astroBase());
}

function astroBase(): string | undefined {
  // Written out in full, never as a bare `import.meta.env` (or `import.meta.env?.`): Vite replaces
  // the full name in bundles, while for a bare one Astro writes in every environment variable whose
  // name the file contains (PATH, in BASE_PATH), which differ from shell to shell and so made the
  // pages' code differ and every page render again (src/integrations/page-cache.ts).
  try {
    return import.meta.env.BASE_URL;
  } catch {
    // Node running the file itself, where import.meta.env is undefined.
    return undefined;
  }
}

/** A path under the base without it (`/ml-notes/mla/` → `/mla/`), or undefined when it is not under the base. */
export function stripBase(pathname: string, base: string): string | undefined {
  if (base === '/') return pathname;
  if (pathname === base.slice(0, -1)) return '/';
  return pathname.startsWith(base) ? pathname.slice(base.length - 1) : undefined;
}
