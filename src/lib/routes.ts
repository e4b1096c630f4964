/** First path segments the site itself uses: an article slug equal to one of them would shadow or be shadowed by a route. */
export const reservedSlugs = new Set(['topics', 'tags', 'search', '404', 'pagefind', '_astro', 'katex', 'fonts', 'og', 'previews', 'rss', 'sitemap', 'index', 'assets', 'api', 'timeline', 'graph', 'terms']);
