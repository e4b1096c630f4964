/**
 * Links between notes as data. One parser for `[[…]]` and one resolver of link targets serve the
 * Markdown plugin that renders links, the link graph behind backlinks, and the build checks, so
 * what a page shows and what the checks and backlinks see cannot disagree.
 */
import { slug as slugify } from 'github-slugger';
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { closest } from '../lib/closest.ts';
import { articleUrl, parseArticleUrl } from '../lib/urls.ts';

/** A `[[target#heading|label]]` as written, with its offsets in the text it was found in. */
export interface Wikilink {
  start: number;
  end: number;
  /** Slug, title or alias as written; empty for `[[#heading]]` (a section of the same note). */
  target: string;
  heading?: string;
  label?: string;
}

/**
 * The wikilinks in a run of plain text, as Obsidian writes them: `[[slug]]`, `[[slug|text]]`,
 * `[[slug#heading]]`, `[[Title]]`, `[[alias]]`. The `|` may be written `\|` (needed inside GFM
 * tables, where a bare `|` ends the cell). Callers pass text that is already outside code and math.
 */
export function parseWikilinks(text: string): Wikilink[] {
  const links: Wikilink[] = [];
  for (const match of text.matchAll(/\[\[([^[\]\n]+?)\]\]/g)) {
    const inner = match[1];
    const bar = /\\?\|/.exec(inner);
    const ref = bar ? inner.slice(0, bar.index) : inner;
    const label = bar ? inner.slice(bar.index + bar[0].length).trim() : undefined;
    const hash = ref.indexOf('#');
    const target = (hash === -1 ? ref : ref.slice(0, hash)).trim();
    const heading = hash === -1 ? undefined : ref.slice(hash + 1).trim();
    if (target === '' && !heading) continue;
    links.push({ start: match.index, end: match.index + match[0].length, target, heading: heading || undefined, label: label || undefined });
  }
  return links;
}

/** What the resolver knows of one note. */
export interface LinkTarget {
  slug: string;
  title: string;
  aliases: string[];
  headings: Array<{ id: string; text: string }>;
}

export type Resolution =
  | { kind: 'article'; slug: string; title: string; id?: string; headingText?: string }
  | { kind: 'planned'; slug: string; title: string }
  | { kind: 'missing'; message: string };

const normalize = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Resolves link targets against the notes that exist: by slug, then by slug, title or alias in any
 * case and spacing; a heading by its id, its text, or the id its text slugs to.
 * Catalog notes not written yet (planned) resolve to `planned` and are shown as "待写".
 */
export function createResolver(targets: LinkTarget[], planned: Map<string, string> = new Map()) {
  const bySlug = new Map(targets.map((target) => [target.slug, target]));
  const byName = new Map<string, Set<string>>();
  const addName = (name: string, slug: string) => {
    const key = normalize(name);
    byName.set(key, (byName.get(key) ?? new Set()).add(slug));
  };
  // A slug in other case (`[[DPO]]` for dpo) is a name too, as file names are to Obsidian.
  for (const target of targets) for (const name of [target.slug, target.title, ...target.aliases]) addName(name, target.slug);
  for (const [slug, title] of planned) addName(title, slug);
  // Hints name each note once: by slug, and by title where it reads differently.
  const names = [...new Set([...targets.flatMap((target) => (normalize(target.title) === target.slug ? [target.slug] : [target.slug, target.title])), ...planned.keys()])];

  function findArticle(name: string): { slug: string } | { message: string } {
    if (bySlug.has(name) || planned.has(name)) return { slug: name };
    const slugs = byName.get(normalize(name));
    if (slugs?.size === 1) return { slug: [...slugs][0] };
    if (slugs && slugs.size > 1) {
      const choices = [...slugs].sort();
      return { message: `"${name}" names more than one note (${choices.join(', ')}); link by slug, e.g. [[${choices[0]}]]` };
    }
    return { message: `no note is called "${name}"; did you mean ${closest(name, names).map((hint) => `"${hint}"`).join(' or ')}?` };
  }

  /**
   * `from` is the slug of the linking note, for `[[#heading]]`. With `exactId`, the heading must be
   * an id as it appears in the address (ordinary Markdown links); otherwise its text works too.
   */
  function resolve(name: string, heading: string | undefined, from?: string, { exactId = false } = {}): Resolution {
    const found = name === '' && from ? { slug: from } : findArticle(name);
    if ('message' in found) return { kind: 'missing', message: found.message };
    const target = bySlug.get(found.slug);
    if (!target) return { kind: 'planned', slug: found.slug, title: planned.get(found.slug)! };
    if (heading === undefined) return { kind: 'article', slug: target.slug, title: target.title };
    const section =
      target.headings.find((entry) => entry.id === heading) ??
      (exactId ? undefined : target.headings.find((entry) => normalize(entry.text) === normalize(heading) || entry.id === slugify(heading)));
    if (!section) {
      const hints = closest(heading, target.headings.map((entry) => entry.id)).map((id) => `#${id}`);
      return { kind: 'missing', message: `"${target.slug}" has no heading "${heading}"${hints.length ? `; did you mean ${hints.join(' or ')}?` : ' (it has no headings)'}` };
    }
    return { kind: 'article', slug: target.slug, title: target.title, id: section.id, headingText: section.text };
  }

  return { resolve };
}

export type Resolver = ReturnType<typeof createResolver>;

/** A link the author wrote that could not be resolved, with the line it is on. */
export interface LinkProblem {
  line: number | undefined;
  written: string;
  message: string;
}

/** Marks links made from wikilinks, so later steps can tell them from ordinary links. */
export interface WikilinkData {
  wikilink?: { slug: string; id?: string; planned?: boolean };
}

/**
 * Replaces the wikilinks in an mdast tree by ordinary link nodes to the resolved note, and checks
 * ordinary links to `/<slug>/` and `/<slug>/#id`. Text inside code, math and existing links is
 * never parsed: those are not `text` nodes outside links. Returns what could not be resolved.
 */
export function linkWikilinks(tree: Root, resolverOrGetter: Resolver | (() => Resolver), from?: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  // Building the resolver means reading every note; a page without internal links need not wait for it.
  let known: Resolver | undefined;
  const resolver = { resolve: (...args: Parameters<Resolver['resolve']>) => (known ??= typeof resolverOrGetter === 'function' ? resolverOrGetter() : resolverOrGetter).resolve(...args) };
  visit(tree, (node, index, parent) => {
    if (node.type === 'link') {
      const internal = parseArticleUrl(node.url, '/');
      if (internal && !(node.data as WikilinkData | undefined)?.wikilink) {
        const result = resolver.resolve(internal.slug, internal.id, from, { exactId: true });
        if (result.kind === 'missing') problems.push({ line: node.position?.start.line, written: `(${node.url})`, message: result.message });
      }
      return SKIP;
    }
    if (node.type === 'linkReference' || node.type !== 'text' || !parent || index === undefined) return;
    const found = parseWikilinks(node.value);
    if (found.length === 0) return;
    const replacement: PhrasingContent[] = [];
    let cursor = 0;
    for (const link of found) {
      if (link.start > cursor) replacement.push({ type: 'text', value: node.value.slice(cursor, link.start) });
      cursor = link.end;
      const written = node.value.slice(link.start, link.end);
      const line = node.position && node.position.start.line + (node.value.slice(0, link.start).match(/\n/g)?.length ?? 0);
      if (link.label?.includes('|')) {
        problems.push({ line, written, message: 'a wikilink takes one |, between the target and the text to show; remove the other |' });
        replacement.push({ type: 'text', value: written });
        continue;
      }
      const result = resolver.resolve(link.target, link.heading, from);
      if (result.kind === 'missing') {
        problems.push({ line, written, message: result.message });
        replacement.push({ type: 'text', value: written });
        continue;
      }
      const id = result.kind === 'article' ? result.id : undefined;
      const shown = link.label ?? wikilinkText(link, result);
      replacement.push({
        type: 'link',
        url: articleUrl(result.slug, id),
        children: [{ type: 'text', value: shown }],
        data: { wikilink: { slug: result.slug, id, planned: result.kind === 'planned' || undefined } } as Link['data'],
        position: node.position,
      });
    }
    if (cursor < node.value.length) replacement.push({ type: 'text', value: node.value.slice(cursor) });
    (parent as Parent).children.splice(index, 1, ...(replacement as Text[]));
    return [SKIP, index + replacement.length];
  });
  return problems;
}

/**
 * The text a wikilink without a label shows: the note's title when written by slug (a slug is an
 * address, not prose), the name as written otherwise, and the heading after a "›".
 */
function wikilinkText(link: Wikilink, result: Extract<Resolution, { kind: 'article' | 'planned' }>): string {
  const name = link.target === '' ? '' : link.target === result.slug ? result.title : link.target;
  const heading = result.kind === 'article' ? result.headingText : undefined;
  if (!heading) return name;
  return name ? `${name} › ${heading}` : heading;
}
