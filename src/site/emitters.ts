/**
 * Files the site publishes beside its pages, by the thousand: a share page per section, a page per
 * old address of a renamed note, a hover-preview file per note, a Markdown copy per note. Astro spends about a millisecond of
 * the build on every path a route lists, whatever the page (at 1000 notes the 5000 section pages
 * took 3.3 s of a 16.4 s warm build, and writing them as text takes half a second), so each emitter
 * makes its files from the site model in one go: a build gets them through one route per emitter
 * (src/pages/emitted-files/) and writes them out (src/integrations/emitted-files.ts); `astro dev`
 * serves each from the same functions on request (src/middleware.ts).
 */
import { formerSlugTargets } from './redirects.ts';
import { articlePreviewPath, searchNamesPath, sectionPagePath } from '../lib/urls.ts';
import { expandFormulas } from '../math/index.ts';
import { updatedAt, type Article } from './entries.ts';
import { articleOpening } from '../content/note-text.ts';
import { formerAddressPage, forwardingPageHtml, sectionPage } from './forwarding-pages.ts';
import type { HoverPreview } from './hover-previews.ts';
import { markdownCopyFiles } from './markdown-copies.ts';
import type { SiteModel } from './model.ts';
import { searchNames } from './search-names.ts';
import { hasSectionCard } from './og-image-cards.ts';
import { sectionSharePages } from '../lib/site.ts';

/** A file, by its path in the output folder, and its text. */
export type EmittedFile = [path: string, body: string];

export type Emitter = (model: SiteModel, site: string) => EmittedFile[];

function previewOf(model: SiteModel, article: Article) {
  const { created, tags, topic } = article.data;
  return { published: created, modified: updatedAt(article), section: model.topic(topic)!.data.name, tags };
}

/** Every section's share page (only fixed-id sections' with SECTION_PAGES=fixed), also under the article's former slugs. */
const sectionPages: Emitter = (model, site) => {
  const onlyFixed = sectionSharePages() === 'fixed';
  const addresses: Array<[string, Article]> = model.articles.map((article) => [article.id, article]);
  for (const [former, target] of formerSlugTargets(model.articles)) addresses.push([former, model.article(target)!]);
  return addresses.flatMap(([slug, article]) => {
    const { title, summary } = article.data;
    const preview = previewOf(model, article);
    return model.recordings(article.id).sections.filter((section) => !onlyFixed || section.fixed).map((section): EmittedFile => [
      sectionPagePath(slug, section.id),
      forwardingPageHtml(sectionPage({ slug, article: { id: article.id, title, summary }, section, preview, hasCard: hasSectionCard(article, section) }), site),
    ]);
  });
};

/** The page at each old address of a renamed note. */
const formerAddresses: Emitter = (model, site) =>
  [...formerSlugTargets(model.articles)].map(([former, target]): EmittedFile => {
    const article = model.article(target)!;
    const page = formerAddressPage({ id: article.id, title: article.data.title, summary: article.data.summary }, previewOf(model, article));
    return [`${former}/index.html`, forwardingPageHtml(page, site)];
  });

/** A small file per note for hover previews, so pointing at a link never loads the whole page. */
const hoverPreviews: Emitter = (model) =>
  model.articles.map((article): EmittedFile => {
    const preview: HoverPreview = {
      title: article.data.title,
      summary: article.data.summary,
      // MDX notes are rendered as components, not HTML; their preview is the summary alone.
      // Formulas are expanded in the chosen lines only, not in the whole note.
      html: article.rendered ? expandFormulas(articleOpening(article)) : '',
    };
    return [articlePreviewPath(article.id), JSON.stringify(preview)];
  });

/** Each note as Markdown at `/<slug>.md` (at its former slugs too), `/llms.txt` and `/llms-full.txt`. */
const markdownCopies: Emitter = markdownCopyFiles;

/** The names of every subject and their pinyin, for search (src/site/search-names.ts). */
const searchNamesFile: Emitter = (model) => [[searchNamesPath(), JSON.stringify(searchNames(model.articles, model.glossary))]];

export const emitters: Record<string, Emitter> = {
  'section-pages': sectionPages,
  'former-addresses': formerAddresses,
  'hover-previews': hoverPreviews,
  'markdown-copies': markdownCopies,
  'search-names': searchNamesFile,
};

/** Which emitter can have made a path, so `astro dev` runs that one alone for a request. */
function emitterOf(path: string): Emitter {
  if (path.endsWith('/preview.json')) return hoverPreviews;
  if (/\/s\/[^/]+\/index\.html$/.test(path)) return sectionPages;
  if (/^[^/]+\.(md|txt)$/.test(path)) return markdownCopies;
  if (path === searchNamesPath()) return searchNamesFile;
  return formerAddresses;
}

/** The emitted file at a path of the output folder (`mla/preview.json`, `mla/s/x/index.html`), if any. */
export function emittedFileAt(model: SiteModel, site: string, path: string): EmittedFile | undefined {
  return emitterOf(path)(model, site).find(([file]) => file === path);
}
