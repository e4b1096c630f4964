/**
 * The link graph of the notes, read from the sources before any page is rendered: every note's
 * names and heading ids (what links may point at) and its outgoing links with the sentence around
 * each, and its formulas (for KaTeX's fonts, src/integrations/katex-fonts.ts). Backlinks are the inversion
 * of the outgoing links. The wikilink parser and resolver are the
 * ones the Markdown plugin uses, so a link counts here exactly when it renders as a link.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import type { Heading, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visitParents } from 'unist-util-visit-parents';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import rehypeMath from '../markdown/rehype-math.ts';
import remarkHeadingIds from '../markdown/remark-heading-ids.ts';
import remarkTexDelimiters from '../markdown/remark-tex-delimiters.ts';
import { cachedJson } from './build-cache.ts';
import { contentDir, readContentIndex } from './content-index.ts';
import { readNoteFiles } from './note-files.ts';
import { slugFromPath } from './slugs.ts';
import { parseArticleUrl } from './urls.ts';
import { createResolver, linkWikilinks, type LinkProblem, type LinkTarget, type Resolver, type WikilinkData } from './wikilinks.ts';

/** The sentence a link sits in, split around the link's own text so a page can highlight it. */
export interface LinkContext {
  before: string;
  text: string;
  after: string;
}

export interface OutgoingLink {
  slug: string;
  id?: string;
  /** Line in the note's file. */
  line?: number;
  context: LinkContext;
}

export interface GraphNote extends LinkTarget {
  file: string;
  draft: boolean;
  links: OutgoingLink[];
  /** The note's distinct formulas, TeX and whether displayed: what the build cuts KaTeX's fonts to. */
  formulas: Array<[tex: string, display: boolean]>;
}

export interface LinkGraph {
  notes: Map<string, GraphNote>;
  resolver: Resolver;
  /** Links that lead to no note or heading, with the file and the line in it. */
  problems: Array<LinkProblem & { file: string }>;
}

/** Markdown as the site reads it (GFM, both TeX delimiter styles, math), to an mdast tree. */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkTexDelimiters as never).use(remarkMath).use(remarkHeadingIds);
// The steps of src/markdown/index.ts that decide a heading's id: an explicit {#id}, and the text
// Astro slugs, in which a formula is a placeholder (a unit test renders headings both ways and
// compares the ids).
const headingIds = unified().use(remarkRehype).use(rehypeMath).use(rehypeHeadingIds);

export function parseMarkdown(body: string): Root {
  return parser.runSync(parser.parse(body), new VFile(body)) as Root;
}

/** Splits a note's source into its frontmatter data and its body. */
function splitFrontmatter(source: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) return { data: {}, body: source, bodyLine: 1 };
  let data: Record<string, unknown> = {};
  try {
    data = (parseYaml(match[1]) as Record<string, unknown>) ?? {};
  } catch {
    // The content schema reports broken frontmatter with its file; the graph just skips the names.
  }
  return { data, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

/** The ids Astro gives the headings of a body: the same slugger over the same rendered text. */
function headingsOf(tree: Root, file: string): Array<{ id: string; text: string }> {
  const headings: Heading[] = [];
  visitParents(tree, 'heading', (node) => {
    headings.push(node);
  });
  if (headings.length === 0) return [];
  const hast = headingIds.runSync({ type: 'root', children: structuredClone(headings) } as never, new VFile({ path: file }));
  const ids = (hast as unknown as { children: Array<{ type: string; properties?: { id?: string } }> }).children
    .filter((child) => child.type === 'element')
    .map((child) => String(child.properties?.id ?? ''));
  return headings.map((heading, index) => ({ id: ids[index], text: toString(heading) }));
}

const blockTypes = new Set(['paragraph', 'heading', 'tableCell', 'tableRow', 'listItem', 'blockquote', 'root']);

/**
 * Plain text of a block, with inline math as TeX between dollars (a dollar the author wrote as text
 * becomes `\$`), where `target` sits in it, and where each formula starts and ends.
 */
function blockText(block: Nodes, target: Nodes): { text: string; start: number; end: number; formulas: Array<[number, number]> } {
  let text = '';
  let start = -1;
  let end = -1;
  const formulas: Array<[number, number]> = [];
  const walk = (node: Nodes) => {
    if (node === target) start = text.length;
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value.replace(/\$/g, '\\$');
    else if (node.type === 'inlineMath') {
      formulas.push([text.length, text.length + node.value.length + 2]);
      text += `$${node.value}$`;
    } else if (node.type === 'break') text += ' ';
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
    if (node === target) end = text.length;
  };
  walk(block);
  return { text, start, end, formulas };
}

const sentenceEnd = /[。！？!?；;\n]/;
const maxContext = 80;

/**
 * The sentence around a link: back to the previous sentence end, on to the next, trimmed if long.
 * A formula is never cut, and a `;` or `!` inside one (`g(a;b)`, `n!`) ends no sentence.
 */
export function sentenceAround(text: string, start: number, end: number, formulas: Array<[number, number]> = []): LinkContext {
  const formulaAt = (position: number) => formulas.find(([open, close]) => open < position && position < close);
  const endsSentence = (position: number) => sentenceEnd.test(text[position]) && !formulaAt(position + 0.5);
  let from = start;
  while (from > 0 && !endsSentence(from - 1)) from--;
  let to = end;
  while (to < text.length && !endsSentence(to)) to++;
  if (to < text.length && text[to] !== '\n') to++;
  let before = text.slice(from, start).trimStart();
  let after = text.slice(end, to).trimEnd();
  if (before.length > maxContext) {
    // Cut before a formula that the limit falls inside, so none is left without its opening dollar.
    const cut = start - maxContext;
    before = '…' + text.slice(formulaAt(cut)?.[1] ?? cut, start);
  }
  if (after.length > maxContext) {
    const cut = end + maxContext;
    after = text.slice(end, formulaAt(cut)?.[0] ?? cut) + '…';
  }
  return { before, text: text.slice(start, end), after };
}

function formulasOf(tree: Root): GraphNote['formulas'] {
  const formulas = new Map<string, [string, boolean]>();
  visitParents(tree, (node) => {
    // ```math fences render as display formulas, as $$ blocks do (rehype-math.ts).
    const tex = node.type === 'math' || node.type === 'inlineMath' || (node.type === 'code' && node.lang === 'math') ? node.value : undefined;
    if (tex === undefined) return;
    const display = node.type !== 'inlineMath';
    formulas.set((display ? 'D' : 'I') + tex, [tex, display]);
  });
  return [...formulas.values()];
}

/** The outgoing links of a parsed body, after its wikilinks have been turned into links. */
function outgoingLinks(tree: Root, bodyLine: number): OutgoingLink[] {
  const links: OutgoingLink[] = [];
  visitParents(tree, 'link', (node, ancestors) => {
    const wikilink = (node.data as WikilinkData | undefined)?.wikilink;
    const href = wikilink ?? parseArticleUrl(node.url, '/');
    if (!href) return;
    const { slug, id } = href;
    const block = [...ancestors].reverse().find((ancestor) => blockTypes.has(ancestor.type)) as Nodes;
    const { text, start, end, formulas } = blockText(block, node);
    const line = node.position ? node.position.start.line + bodyLine - 1 : undefined;
    links.push({ slug, id, line, context: sentenceAround(text, start, end, formulas) });
  });
  return links;
}

/**
 * What decides the graph besides the notes: this folder's and the Markdown plugins' sources, and the
 * installed packages. Undefined where the sources cannot be read (this module bundled into a build's
 * pages, which reuse the graph their process built from the config).
 */
function graphCodeDigest(): string | undefined {
  const src = new URL('../', import.meta.url);
  const digest = createHash('sha256');
  try {
    for (const folder of ['lib/', 'markdown/']) {
      for (const file of readdirSync(new URL(folder, src)).filter((name) => name.endsWith('.ts')).sort()) {
        digest.update(file).update(readFileSync(new URL(folder + file, src)));
      }
    }
  } catch {
    return undefined;
  }
  const lockfile = path.join(process.cwd(), 'package-lock.json');
  if (existsSync(lockfile)) digest.update(readFileSync(lockfile));
  return digest.digest('hex');
}

/** The notes and broken links of one content folder, from its sources. */
function parseGraph(articlesDir: string, sources: Array<[string, string]>, planned: Map<string, string>): Pick<LinkGraph, 'problems'> & { notes: GraphNote[] } {
  const parsed = sources.map(([file, source]) => {
    const full = path.join(articlesDir, file);
    const { data, body, bodyLine } = splitFrontmatter(source);
    const tree = parseMarkdown(body);
    const note: GraphNote = {
      file: full,
      slug: slugFromPath(file),
      title: typeof data.title === 'string' ? data.title : slugFromPath(file),
      aliases: Array.isArray(data.aliases) ? data.aliases.map(String) : [],
      draft: data.draft === true,
      headings: headingsOf(tree, full),
      links: [],
      formulas: formulasOf(tree),
    };
    return { note, tree, bodyLine };
  });
  const resolver = createResolver(parsed.map(({ note }) => note), planned);
  const problems: LinkGraph['problems'] = [];
  for (const { note, tree, bodyLine } of parsed) {
    for (const problem of linkWikilinks(tree, resolver, note.slug)) {
      problems.push({ ...problem, file: note.file, line: problem.line === undefined ? undefined : problem.line + bodyLine - 1 });
    }
    note.links = outgoingLinks(tree, bodyLine);
  }
  return { notes: parsed.map(({ note }) => note), problems };
}

/**
 * Builds the graph of every note in a content folder. Parsing a thousand notes takes seconds, so
 * the result is kept in the build cache and reused while no note (and no code that reads them)
 * has changed.
 */
export function buildLinkGraph(dir = contentDir()): LinkGraph {
  const { planned } = readContentIndex(dir);
  const articlesDir = path.join(dir, 'articles');
  const sources = readNoteFiles(dir).map(({ file, text }): [string, string] => [file, text]);
  const codeDigest = graphCodeDigest();
  const { notes, problems } = codeDigest === undefined
    ? parseGraph(articlesDir, sources, planned)
    : cachedJson('link-graph', [codeDigest, articlesDir, [...planned], sources], () => parseGraph(articlesDir, sources, planned));
  return { notes: new Map(notes.map((note) => [note.slug, note])), resolver: createResolver(notes, planned), problems };
}

/**
 * Fails when any note links to a note or heading that does not exist, or (unless `drafts` are
 * published, as in `astro dev`) when a published note links to a draft. Run on every build from the
 * content config: Astro re-renders only the notes that changed, so a renamed heading would
 * otherwise break the links of unchanged notes without a word.
 */
export function assertLinksResolve(graph: LinkGraph, { drafts = false } = {}): void {
  const problems = [...graph.problems];
  if (!drafts) {
    for (const note of graph.notes.values()) {
      if (note.draft) continue;
      for (const link of note.links) {
        if (graph.notes.get(link.slug)?.draft) {
          problems.push({ file: note.file, line: link.line, written: `→ ${link.slug}`, message: `"${link.slug}" is a draft, so this link would lead nowhere once published; publish it or link later` });
        }
      }
    }
  }
  if (problems.length === 0) return;
  const lines = problems.map((problem) => `  ${problem.file}:${problem.line ?? '?'}: ${problem.written}: ${problem.message}`);
  throw new Error(`${problems.length} link(s) lead to no note or heading; fix the target:\n${lines.join('\n')}`);
}

/**
 * What other notes' rendered HTML depends on: every note's names and heading ids. Astro caches
 * rendered notes until its config changes; carrying this digest in the config re-renders them
 * when a title or heading they may link to changes.
 */
export function linkTargetsDigest(graph: LinkGraph): string {
  return JSON.stringify([...graph.notes.values()].map(({ slug, title, aliases, headings }) => [slug, title, aliases, headings]));
}

const cacheKey: unique symbol = Symbol.for('ml-notes.link-graph');

/**
 * The graph of this build's content folder, built once per process and again only when a note
 * changes (so `astro dev` sees edits). Astro loads its config, the content config and the pages as
 * separate module instances in one process; the cache lives on globalThis so they share one graph.
 */
export function linkGraph(dir = contentDir()): LinkGraph {
  const store = globalThis as { [cacheKey]?: { key: string; graph: LinkGraph } };
  // `astro build` reads a content folder that does not change while it runs; checking every file's
  // mtime on each of a thousand pages cost more than building the graph.
  if (process.env.NODE_ENV === 'production' && store[cacheKey]?.key.startsWith(`${dir}|`)) return store[cacheKey].graph;
  const articlesDir = path.join(dir, 'articles');
  const key = [dir, ...readdirSync(articlesDir, { recursive: true, encoding: 'utf8' }).sort().map((file) => `${file}:${statSync(path.join(articlesDir, file)).mtimeMs}`)].join('|');
  if (store[cacheKey]?.key !== key) store[cacheKey] = { key, graph: buildLinkGraph(dir) };
  return store[cacheKey]!.graph;
}

export interface Backlink {
  slug: string;
  contexts: LinkContext[];
}

const inversions = new WeakMap<LinkGraph, Map<string, Array<{ from: GraphNote; link: OutgoingLink }>>>();

/** Every link of the graph by its target, computed once per graph: each page asks for its own. */
function linksInto(graph: LinkGraph, slug: string) {
  let inverted = inversions.get(graph);
  if (!inverted) {
    inverted = new Map();
    for (const from of graph.notes.values()) {
      for (const link of from.links) inverted.set(link.slug, [...(inverted.get(link.slug) ?? []), { from, link }]);
    }
    inversions.set(graph, inverted);
  }
  return inverted.get(slug) ?? [];
}

/** The notes linking to `slug` (self-links and drafts left out), each with the sentences that link. */
export function backlinksTo(graph: LinkGraph, slug: string, published?: { has(slug: string): boolean }): Backlink[] {
  const bySource = new Map<string, LinkContext[]>();
  for (const { from, link } of linksInto(graph, slug)) {
    if (from.slug === slug || (published ? !published.has(from.slug) : from.draft)) continue;
    bySource.set(from.slug, [...(bySource.get(from.slug) ?? []), link.context]);
  }
  return [...bySource].map(([source, contexts]) => ({ slug: source, contexts }));
}

const outgoing = new WeakMap<LinkGraph, Map<string, Set<string>>>();

/** The slugs a note links to, once each, self-links left out. */
export function linkedFrom(graph: LinkGraph, slug: string): ReadonlySet<string> {
  let bySlug = outgoing.get(graph);
  if (!bySlug) outgoing.set(graph, (bySlug = new Map()));
  let targets = bySlug.get(slug);
  if (!targets) {
    targets = new Set((graph.notes.get(slug)?.links ?? []).map((link) => link.slug).filter((target) => target !== slug));
    bySlug.set(slug, targets);
  }
  return targets;
}

const linkFunctions = new WeakMap<LinkGraph, (slug: string) => ReadonlySet<string>>();

/** linkedFrom for one graph as a function, the same function each time it is asked for (indexes key on it). */
export function linksOfGraph(graph: LinkGraph): (slug: string) => ReadonlySet<string> {
  let linksOf = linkFunctions.get(graph);
  if (!linksOf) linkFunctions.set(graph, (linksOf = (slug) => linkedFrom(graph, slug)));
  return linksOf;
}
