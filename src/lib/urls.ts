/**
 * Every address the site links to is built here, so a route can change in one place and the
 * tests can pin each form. All paths end in `/` (the site is built with trailingSlash: 'always').
 */
const base = '/';

function join(...segments: string[]): string {
  return base + segments.map((segment) => encodeURIComponent(segment)).join('/') + '/';
}

/** `/<slug>/`, or `/<slug>/#<heading-id>` for a section. */
export function articleUrl(slug: string, headingId?: string): string {
  return join(slug) + (headingId ? `#${encodeURIComponent(headingId)}` : '');
}

/** The slug and section of a site address such as `/mla/` or `/mla/#推导`; undefined for any other address. */
export function parseArticleUrl(href: string): { slug: string; id?: string } | undefined {
  const match = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(?:#(.+))?$/.exec(href);
  if (!match) return undefined;
  let id: string | undefined;
  try {
    id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  } catch {
    id = match[2];
  }
  return { slug: match[1], id };
}

/** The small JSON file a link preview fetches (see src/lib/previews.ts). */
export function articlePreviewUrl(slug: string): string {
  return join(slug) + 'preview.json';
}

export function topicUrl(topic: string): string {
  return join('topics', topic);
}

export function topicsUrl(): string {
  return join('topics');
}

/** Models and papers by date. */
export function timelineUrl(): string {
  return join('timeline');
}

/** The map of links between notes. */
export function graphUrl(): string {
  return join('graph');
}

export function tagUrl(tag: string): string {
  return join('tags', tag);
}

export function tagsUrl(): string {
  return join('tags');
}

/** The search page, optionally with a query that the page runs on load (for links pasted into chats). */
export function searchUrl(query?: string): string {
  return join('search') + (query ? `?q=${encodeURIComponent(query)}` : '');
}

export function homeUrl(): string {
  return base;
}

/** Absolute form of a site path, for canonical links and previews. */
export function absoluteUrl(path: string, site: string | URL): string {
  return new URL(path, site).href;
}
