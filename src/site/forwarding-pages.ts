import { openGraphTags, type ArticlePreview } from './open-graph-tags.ts';
import type { PreviewPage } from './og-image-cards.ts';
import { siteName } from '../lib/site.ts';
import { absoluteUrl, articleUrl, previewImageUrl, sectionUrl } from '../lib/urls.ts';
import type { SectionInfo } from '../markdown/rehype-section-index.ts';
import { firstSentence } from './og-image-cards.ts';

/**
 * A page that previews in a chat as what it stands for and sends the reader on: a section's share
 * address, or the old address of a renamed note. One renderer for both.
 */
export interface ForwardingPage {
  title: string;
  description: string;
  /** Where the reader is sent, a site path (may carry a #fragment); also the canonical address. */
  target: string;
  /** The site path the preview stands for. */
  previewUrl: string;
  previewImage: PreviewPage;
  /** What the preview image shows. */
  imageAlt: string;
  article: ArticlePreview;
}

export interface SectionPage {
  /** The slug of the address: the article's own, or one of its former slugs. */
  slug: string;
  article: { id: string; title: string; summary: string };
  section: SectionInfo;
  preview: ArticlePreview;
  /** Whether the section has a preview image of its own (src/site/og-image-cards.ts); else it shows the article's. */
  hasCard?: boolean;
}

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');
const meta = (attributes: Record<string, string>) => `<meta ${Object.entries(attributes).map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}>`;

// The page runs nothing and loads nothing: the refresh is a navigation, which no policy governs.
const policy = "default-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The page as text, with a meta refresh rather than a script, so it works without JavaScript and under
 * a strict policy. Written as text, not by an Astro layout: a build makes thousands of them.
 */
export function forwardingPageHtml({ title, description, target, previewUrl, previewImage, imageAlt, article }: ForwardingPage, site: string): string {
  const absolute = (address: string) => absoluteUrl(address, site);
  const tags = openGraphTags({ title, description, url: absolute(previewUrl), image: absolute(previewImageUrl(previewImage)), imageAlt, article });
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

/**
 * The page at a section's shareable address (`/<slug>/s/<id>/`): chats drop the #fragment when they
 * fetch a preview, so `/mla/#low-rank` would preview as the whole article. This page previews as the
 * section (`Article › Section`, its first lines, the article's image) and names the section's place
 * in the article as canonical.
 */
export function sectionPage({ slug, article, section, preview, hasCard = false }: SectionPage): ForwardingPage {
  return {
    title: `${article.title} › ${section.title}`,
    description: section.excerpt || article.summary,
    target: articleUrl(article.id, section.id),
    previewUrl: sectionUrl(slug, section.id),
    previewImage: hasCard ? `sections/${article.id}/${section.id}` : `articles/${article.id}`,
    imageAlt: hasCard ? `${article.title} › ${section.title}：${firstSentence(section.excerpt) || article.summary}` : `${article.title}：${article.summary}`,
    article: preview,
  };
}

export function sectionPageHtml(page: SectionPage, site: string): string {
  return forwardingPageHtml(sectionPage(page), site);
}

/** The page at a renamed article's old address: it previews as the article the address now leads to. */
export function formerAddressPage(article: { id: string; title: string; summary: string }, preview: ArticlePreview): ForwardingPage {
  return {
    title: article.title,
    description: article.summary,
    target: articleUrl(article.id),
    previewUrl: articleUrl(article.id),
    previewImage: `articles/${article.id}`,
    imageAlt: `${article.title}：${article.summary}`,
    article: preview,
  };
}
