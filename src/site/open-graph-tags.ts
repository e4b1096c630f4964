import { siteName } from '../lib/site.ts';
import { previewSize } from '../og-images/card.ts';

/** The article facts a preview carries (og:type article). */
export interface ArticlePreview {
  published: Date;
  modified: Date;
  section: string;
  tags: string[];
}

export interface OpenGraphTags {
  title: string;
  description: string;
  /** Absolute address the preview stands for. */
  url: string;
  /** Absolute address of the 1200×630 preview PNG. */
  image: string;
  /** What the image shows, for readers who cannot see it. */
  imageAlt: string;
  article?: ArticlePreview;
}

/**
 * What a chat or social site shows when a link to a page is pasted: its Open Graph and Twitter tags,
 * as the attributes of one <meta> each. OpenGraphTags.astro renders them into Astro's pages, and the
 * section pages the build writes as text (src/site/forwarding-pages.ts) carry the same list.
 */
export function openGraphTags({ title, description, url, image, imageAlt, article }: OpenGraphTags): Array<Record<string, string>> {
  const property = (name: string, content: string) => ({ property: name, content });
  const named = (name: string, content: string) => ({ name, content });
  return [
    property('og:site_name', siteName),
    property('og:locale', 'zh_CN'),
    property('og:type', article ? 'article' : 'website'),
    property('og:title', title),
    property('og:description', description),
    property('og:url', url),
    property('og:image', image),
    property('og:image:type', 'image/png'),
    property('og:image:width', String(previewSize.width)),
    property('og:image:height', String(previewSize.height)),
    property('og:image:alt', imageAlt),
    ...(article
      ? [
          property('article:published_time', article.published.toISOString()),
          property('article:modified_time', article.modified.toISOString()),
          property('article:section', article.section),
          ...article.tags.map((tag) => property('article:tag', tag)),
        ]
      : []),
    named('twitter:card', 'summary_large_image'),
    named('twitter:title', title),
    named('twitter:description', description),
    named('twitter:image', image),
    named('twitter:image:alt', imageAlt),
  ];
}
