import type { APIRoute, GetStaticPaths } from 'astro';
import { render } from 'astro:content';
import { getArticles, getTopics, updatedAt, type Article } from '../../../lib/entries.ts';
import { handOver } from '../../../lib/handed-files.ts';
import { formerSlugTargets } from '../../../lib/redirects.ts';
import { sectionPageHtml } from '../../../lib/section-pages.ts';
import { sectionPagePath } from '../../../lib/urls.ts';
import type { SectionInfo } from '../../../markdown/rehype-section-index.ts';

/** The sections rehype-section-index recorded: kept with a Markdown note's rendering; an MDX note is rendered for them. */
async function sectionsOf(article: Article): Promise<SectionInfo[]> {
  type Recorded = { sections?: SectionInfo[] } | undefined;
  const kept = (article.rendered?.metadata?.frontmatter as Recorded)?.sections;
  return kept ?? ((await render(article)).remarkPluginFrontmatter as Recorded)?.sections ?? [];
}

/**
 * A shareable address for every section of every article (`/<slug>/s/<id>/`, src/lib/section-pages.ts),
 * also under the article's former slugs. A build writes these pages itself (src/lib/handed-files.ts);
 * `astro dev` serves them from here.
 */
export const getStaticPaths = (async () => {
  const articles = await getArticles();
  const topicNames = new Map((await getTopics()).map((topic) => [topic.id, topic.data.name]));
  const addresses: Array<[string, Article]> = articles.map((article) => [article.id, article]);
  const byId = new Map(addresses);
  for (const [former, target] of formerSlugTargets(articles)) addresses.push([former, byId.get(target)!]);
  const pages: Array<{ slug: string; id: string; html: string }> = [];
  for (const [slug, article] of addresses) {
    const { title, summary, created, tags, topic } = article.data;
    const preview = { published: created, modified: updatedAt(article), section: topicNames.get(topic)!, tags };
    for (const section of await sectionsOf(article)) {
      pages.push({ slug, id: section.id, html: sectionPageHtml({ slug, article: { id: article.id, title, summary }, section, preview }, import.meta.env.SITE) });
    }
  }
  if (import.meta.env.DEV) return pages.map(({ slug, id, html }) => ({ params: { slug, section: id }, props: { html } }));
  handOver('section pages', pages.map(({ slug, id, html }) => [sectionPagePath(slug, id), html]));
  return [];
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ html: string }> = ({ props }) => new Response(props.html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
