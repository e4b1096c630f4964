import { openGraphTags, type ArticlePreview } from './open-graph-tags.ts';
import { siteName } from './site.ts';
import { absoluteUrl, articleUrl, previewImageUrl, sectionUrl } from './urls.ts';
import type { SectionInfo } from '../markdown/rehype-section-index.ts';

export interface SectionPage {
  /** The slug of the address: the article's own, or one of its former slugs. */
  slug: string;
  article: { id: string; title: string; summary: string };
  section: SectionInfo;
  preview: ArticlePreview;
}

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');
const meta = (attributes: Record<string, string>) => `<meta ${Object.entries(attributes).map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}>`;

// The page runs nothing and loads nothing: the refresh is a navigation, which no policy governs.
const policy = "default-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page at a section's shareable address (`/<slug>/s/<id>/`): chats drop the #fragment when they
 * fetch a preview, so `/mla/#low-rank` would preview as the whole article. This page previews as the
 * section (`Article › Section`, its first lines, the article's image), names the section's place in
 * the article as canonical and sends the reader there with a meta refresh, which works without
 * JavaScript. Written as text, not by an Astro layout: a build makes thousands of them (see
 * src/lib/handed-files.ts); the former addresses of renamed notes use ForwardingLayout.astro.
 */
export function sectionPageHtml({ slug, article, section, preview }: SectionPage, site: string): string {
  const title = `${article.title} › ${section.title}`;
  const description = section.excerpt || article.summary;
  const target = articleUrl(article.id, section.id);
  const absolute = (address: string) => absoluteUrl(address, site);
  const tags = openGraphTags({
    title,
    description,
    url: absolute(sectionUrl(slug, section.id)),
    image: absolute(previewImageUrl(`articles/${article.id}`)),
    imageAlt: `${article.title}：${article.summary}`,
    article: preview,
  });
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    meta({ charset: 'utf-8' }),
    meta({ 'http-equiv': 'content-security-policy', content: policy }),
    meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    `<title>${escapeText(`${title} · ${siteName}`)}</title>`,
    meta({ name: 'description', content: description }),
    `<link rel="canonical" href="${escapeAttribute(absolute(target))}">`,
    ...tags.map(meta),
    meta({ 'http-equiv': 'refresh', content: `0; url=${target}` }),
    '</head>',
    '<body>',
    `<main><p>正在前往 <a href="${escapeAttribute(target)}">${escapeText(title)}</a>……</p></main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
