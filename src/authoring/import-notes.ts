/**
 * `npm run import`: notes exported from a note app (Notion's or Obsidian's Markdown export) become
 * articles of this site. Pure: the script reads the export and writes what this plans, so every
 * rule is tested on fixtures without touching content/.
 */
import { slug as headingId } from 'github-slugger';
import type { Blockquote, Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { EditableMarkdown, markdownAsIs } from '../markdown/editable-markdown.ts';
import { AuthoringError, frontmatterText, type Taken } from './new-article.ts';
import { slugProblem, suggestSlug } from './suggest-slug.ts';
import { parseWikilinks, type Wikilink } from '../markdown/wikilinks.ts';

/** One Markdown file of the export, its path relative to the export's root folder (with `/`). */
export interface SourceNote {
  path: string;
  text: string;
}

/** An article this site does not have yet, planned from a note. */
export interface PlannedArticle {
  source: string;
  slug: string;
  title: string;
  /** The whole file: frontmatter and body. */
  text: string;
  /** Images to copy into the article's folder: source path in the export → file name beside the article. */
  images: Map<string, string>;
  /** What could not be converted, one line each, with the line of the note it is on. */
  problems: string[];
}

export interface ImportPlan {
  articles: PlannedArticle[];
  /** Notes not imported, and why. */
  skipped: { source: string; reason: string }[];
}

export interface ImportOptions {
  topic: string;
  /** The address for the one note being imported (refused with several). */
  slug?: string;
  today: Date;
  /** Which language names code fences may use (Shiki's), to mark the others plain text. */
  isLanguage: (name: string) => boolean;
}

/** What the site has already: slugs, plus titles and aliases by lower-cased name, for links by name. */
export interface Site extends Taken {
  names: Map<string, string>;
}

/** A Notion export appends a 32-hex page id to every file and folder name: `DeepSeek LLM 1a2b…(32).md`. */
const notionId = /\s+[0-9a-f]{32}$/i;

/** The note's own name: its file name without extension or Notion id. */
export function noteName(path: string): string {
  return path.split('/').at(-1)!.replace(/\.md$/i, '').replace(notionId, '').trim();
}

/** The note's title, as plain text: its first block, when that is an H1. */
function titleOf(note: EditableMarkdown): string | undefined {
  // A title comes before the text: a first H1 after prose is a section heading, not the title.
  const [first] = note.tree.children;
  return (first?.type === 'heading' && first.depth === 1 && toString(first).trim()) || undefined;
}

/**
 * Other names readers may search for, from the title's parts: `Chameleon：生成理解统一模型` gives
 * `Chameleon` and `生成理解统一模型`, `LLaDA 大语言扩散模型` gives `LLaDA` and `大语言扩散模型`,
 * `Normalizing Flow 与 Flow Matching` gives both names.
 */
export function aliasesFrom(title: string): string[] {
  const parts = title.split(/\s*[：:｜|—/，,、（）()]\s*|\s+(?:-|与|和|及|vs\.?)\s+/).map((part) => part.trim()).filter(Boolean);
  const names: string[] = [];
  for (const part of parts) {
    names.push(part);
    const mixed = /^([A-Za-z0-9][A-Za-z0-9.+\- ]*?)\s+(\p{Script=Han}.*)$/u.exec(part);
    if (mixed) names.push(mixed[1], mixed[2]);
  }
  return [...new Set(names)].filter((name) => name !== title && name.length >= 2);
}

/** Emoji a note app starts a callout with, and the callout they become. */
const calloutEmoji: [RegExp, string][] = [
  [/^💡/u, 'TIP'],
  [/^(⚠️?|🚧)/u, 'WARNING'],
  [/^(❗️?|‼️?|📢|🔥)/u, 'IMPORTANT'],
  [/^(🚫|⛔️?|❌|🛑)/u, 'CAUTION'],
  [/^(ℹ️?|📌|📝|🗒️?|👉)/u, 'NOTE'],
  // GitHub has no such types; Obsidian's lower-case ones render on the site too.
  [/^(✅|✔️?)/u, 'success'],
  [/^(❓|🤔)/u, 'question'],
];

/** The callout a text starting with an emoji becomes, and how much of the text the emoji and the blanks after it take. */
function emojiCallout(text: string): { type: string; length: number } | undefined {
  for (const [emoji, type] of calloutEmoji) {
    const match = emoji.exec(text);
    if (match) return { type, length: match[0].length + /^\uFE0F?\s*/u.exec(text.slice(match[0].length))![0].length };
  }
  return undefined;
}

/** A 🔖 and an address written as text: with no blank before it, GFM does not take the address for a link. */
const bookmarkInText = /\s*🔖\uFE0F?\s*(https?:\/\/[^\s<>()]+[^\s<>().,;:!?，。；：！？）])\s*/u;
const bookmarkMark = /\s*🔖\uFE0F?\s*$/u;
const isHttp = (url: string) => /^https?:\/\//.test(url);

interface NoteContext {
  source: string;
  /** Resolves a link target written in the note (a path or a note's name) to a site address, or undefined. */
  link: (target: string, fromWikilink: boolean) => string | undefined;
  /** Resolves an image reference to a path in the export, or undefined. */
  image: (target: string, fromWikilink: boolean) => string | undefined;
  isLanguage: (name: string) => boolean;
}

/** File names export tools make up for pasted images. */
const junkName = /^(untitled|image|img|图片|pasted image|screenshot|截图)([\s_-]*[\d-]+)?(\.\w+)?$/i;

/** Junk alt text export tools write: a file name, Notion's "Untitled", "image". */
const junkAlt = (alt: string, file: string) => alt === '' || junkName.test(alt) || alt === file || /\.(png|jpe?g|gif|webp|svg)$/i.test(alt);

/**
 * Converts a note's body; returns the new text, its images and what could not be converted. The
 * note is parsed as the site parses Markdown, so code, math and HTML are never taken for text, and
 * what is not converted is written back as the author wrote it (src/markdown/editable-markdown.ts).
 */
export function convertBody(text: string, context: NoteContext): ConvertedBody {
  return convertNote(new EditableMarkdown(normalizeLineEndings(text)), context);
}

interface ConvertedBody {
  body: string;
  images: Map<string, string>;
  problems: string[];
}

const normalizeLineEndings = (text: string) => text.replace(/\r\n?/g, '\n');

function convertNote(note: EditableMarkdown, context: NoteContext): ConvertedBody {
  const { tree } = note;
  const images = new Map<string, string>();
  const found: { line: number; message: string }[] = [];
  const problem = (line: number, message: string) => found.push({ line, message });

  const imageName = (path: string) => {
    const existing = images.get(path);
    if (existing) return existing;
    // Names an export tool made up ("Untitled.png", "Pasted image 2024….png") say nothing: number them.
    const file = path.split('/').at(-1)!;
    const extension = /\.\w+$/.exec(file)?.[0].toLowerCase() ?? '';
    const stem = junkName.test(file) ? 'figure' : file.slice(0, file.length - extension.length).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'figure';
    const taken = new Set(images.values());
    let name = stem === 'figure' ? `figure-1${extension}` : `${stem}${extension}`;
    for (let n = 2; taken.has(name); n++) name = `${stem}-${n}${extension}`;
    images.set(path, name);
    return name;
  };

  const convertImage = (line: number, alt: string, target: string, fromWikilink: boolean): PhrasingContent => {
    const path = context.image(target, fromWikilink);
    if (!path) {
      problem(line, `image "${target}" is not in the export; left as a TODO comment`);
      return { type: 'html', value: `<!-- TODO 图片 ${target} 不在导出的文件里 -->` };
    }
    const name = imageName(path);
    if (junkAlt(alt, name)) {
      problem(line, `image ${name} has no alt text; describe it in the [] of ![](./${name})`);
      alt = '';
    }
    return { type: 'image', url: `./${encodeURI(name)}`, alt };
  };

  convertAsides(note);
  convertEmojiCallouts(note);

  // An H1 left after the title means the note uses # for its sections: the site's are ## and below.
  const headings: Heading[] = [];
  visit(tree, 'heading', (heading) => {
    headings.push(heading);
  });
  if (headings.some((heading) => heading.depth === 1)) for (const heading of headings) heading.depth = Math.min(6, heading.depth + 1) as Heading['depth'];

  let unclosedFence = false;
  visit(tree, 'code', (code) => {
    if (code.lang && !context.isLanguage(code.lang.toLowerCase())) {
      problem(code.position!.start.line, `code language "${code.lang}" is unknown to the site's highlighter; marked text`);
      code.lang = 'text';
    }
    if (!isClosedFence(note.sourceOf(code))) unclosedFence = true;
  });

  // Markdown images and links with a relative target (http, mailto, # and / are left alone).
  visit(tree, (node, index, parent) => {
    if ((node.type !== 'link' && node.type !== 'image') || !parent || index === undefined) return;
    if (node.url === '' || /^([a-z][a-z0-9+.-]*:|#|\/)/i.test(node.url)) return;
    const line = node.position!.start.line;
    if (node.type === 'image') {
      parent.children[index] = convertImage(line, node.alt ?? '', node.url, false) as never;
      return;
    }
    const [path, hash] = node.url.split('#', 2);
    const href = context.link(path, false);
    if (href) {
      node.url = `${href}${hash ? `#${headingId(decodeURIComponentSafe(hash))}` : ''}`;
      return SKIP;
    }
    problem(line, `link to ${decodeURIComponentSafe(node.url)} leads to no imported note or site article; kept as text`);
    parent.children.splice(index, 1, ...(node.children as never[]));
    return index;
  });

  // Wikilinks, read by the site's own parser: [[Note]], [[Note|shown text]], [[Note#Heading]],
  // [[#Heading]]; and Obsidian's embeds: ![[image.png]], ![[image.png|300]] (a width), ![[image.png|alt text]].
  const convertWikilink = (line: number, link: Wikilink): PhrasingContent => {
    const words = link.label ?? (link.target || link.heading) ?? '';
    const fragment = link.heading ? `#${headingId(link.heading)}` : '';
    if (!link.target) return { type: 'link', url: fragment, children: [{ type: 'text', value: words }] };
    const href = context.link(link.target, true);
    if (!href) {
      problem(line, `[[${link.target}]] names no imported note or site article; kept as text`);
      return { type: 'text', value: words };
    }
    return { type: 'link', url: `${href}${fragment}`, children: [{ type: 'text', value: words }] };
  };
  const convertEmbed = (line: number, link: Wikilink): PhrasingContent => {
    if (/\.(png|jpe?g|gif|webp|svg|avif)$/i.test(link.target)) {
      return convertImage(line, link.label && !/^\d+(x\d+)?$/.test(link.label) ? link.label : '', link.target, true);
    }
    const href = context.link(link.target, true);
    problem(line, `embedded note ![[${link.target}]] cannot be transcluded; ${href ? 'linked instead' : 'kept as text'}`);
    return href ? { type: 'link', url: href, children: [{ type: 'text', value: link.target }] } : { type: 'text', value: link.target };
  };
  visit(tree, (node, index, parent) => {
    if (node.type === 'link' || node.type === 'linkReference') return SKIP;
    if (node.type !== 'text' || !parent || index === undefined) return;
    const links = parseWikilinks(node.value);
    if (links.length === 0) return;
    const replacement: PhrasingContent[] = [];
    let cursor = 0;
    for (const link of links) {
      const embed = link.target !== '' && node.value[link.start - 1] === '!';
      const start = embed ? link.start - 1 : link.start;
      if (start > cursor) replacement.push(note.cut(node, cursor, start));
      cursor = link.end;
      const line = note.lineAt(node, start);
      replacement.push(embed ? convertEmbed(line, link) : convertWikilink(line, link));
    }
    if (cursor < node.value.length) replacement.push(note.cut(node, cursor));
    parent.children.splice(index, 1, ...(replacement as never[]));
    return [SKIP, index + replacement.length];
  });

  const flaggedLines = new Set<number>();
  visit(tree, 'html', (html) => {
    if (!html.position) return;
    html.value.split('\n').forEach((text, at) => {
      const tag = /<(?!!--)([a-z][a-z0-9]*)\b[^>]*>/i.exec(text);
      const line = html.position!.start.line + at;
      if (!tag || ['br', 'sup', 'sub', 'kbd', 'mark'].includes(tag[1].toLowerCase()) || flaggedLines.has(line)) return;
      flaggedLines.add(line);
      problem(line, `HTML <${tag[1]}> kept as it is; check how it renders`);
    });
  });

  // Notion exports a bookmark block as a lone link, `[Title](https://…)`: a card too.
  for (const block of tree.children) {
    const [link, ...others] = block.type === 'paragraph' ? block.children : [];
    if (link?.type !== 'link' || others.length > 0 || !isHttp(link.url) || link.title || link.children.length === 0) continue;
    if (block.position!.start.line === block.position!.end.line && note.sourceOf(link).startsWith('[')) (block as Paragraph).children.unshift(markdownAsIs('🔖 '));
  }

  // A 🔖 address inside a paragraph gets a paragraph of its own, where it becomes a link card.
  visit(tree, 'paragraph', (paragraph, index, parent) => {
    if (!parent || index === undefined) return;
    const split = splitAtBookmark(note, paragraph);
    if (!split) return;
    const paragraphs = [split.before, split.bookmark, split.after].filter((part) => part !== undefined);
    parent.children.splice(index, 1, ...paragraphs);
    // The text after the bookmark may hold another one: it is visited next.
    return index + paragraphs.length - (split.after ? 1 : 0);
  });

  const problems = found.sort((a, b) => a.line - b.line).map(({ line, message }) => `line ${line}: ${message}`);
  if (unclosedFence) problems.push('a code fence is never closed; check the end of the note');
  return { body: `${note.toMarkdown().trimEnd()}\n`, images, problems };
}

/** Whether a fenced code block's source ends with its closing fence (indented code has none to close). */
function isClosedFence(written: string): boolean {
  const opening = /^[ \t]*(`{3,}|~{3,})/.exec(written);
  if (!opening) return true;
  const lines = written.trimEnd().split('\n');
  const closing = new RegExp(`^[ \\t>]*\\${opening[1][0]}{${opening[1].length},}[ \\t]*$`);
  return lines.length > 1 && closing.test(lines.at(-1)!);
}

/** A blockquote that is a callout of `type`, holding `blocks`; the first `skip` characters of its first text (the emoji) are dropped. */
function callout(note: EditableMarkdown, type: string, blocks: Blockquote['children'], skip = 0): Blockquote {
  const marker = markdownAsIs(`[!${type}]`);
  const [first, ...rest] = blocks;
  if (first?.type !== 'paragraph') return { type: 'blockquote', children: [{ type: 'paragraph', children: [marker] }, ...blocks] };
  const [text, ...inlines] = first.children;
  const kept = text?.type === 'text' && skip > 0 ? [...(skip < text.value.length ? [note.cut(text, skip)] : []), ...inlines] : first.children;
  const paragraph: Paragraph = { ...first, children: kept.length > 0 ? [marker, markdownAsIs('\n'), ...kept] : [marker] };
  return { type: 'blockquote', children: [paragraph, ...rest] };
}

/** The callout emoji a block's first text starts with. */
function leadingEmoji(block: RootContent | undefined) {
  const text = block?.type === 'paragraph' ? block.children[0] : undefined;
  return text?.type === 'text' ? emojiCallout(text.value) : undefined;
}

/**
 * Notion writes a callout as <aside> with an emoji, its text on the following lines up to a line
 * `</aside>`, or on the same line. To Markdown the tags open HTML blocks that a blank line ends,
 * so the inside is read again as Markdown of its own and becomes the callout's blocks.
 */
function convertAsides(note: EditableMarkdown) {
  const blocks = note.tree.children;
  const asCallout = (inside: RootContent[]) => {
    const emoji = leadingEmoji(inside[0]);
    return callout(note, emoji?.type ?? 'NOTE', inside as Blockquote['children'], emoji?.length);
  };
  for (let index = 0; index < blocks.length; index++) {
    const open = blocks[index];
    if (open.type !== 'html' || !open.position) continue;
    const start = open.position.start.offset!;
    const oneLine = /^(\s*<aside>)(.+)<\/aside>\s*$/.exec(open.value);
    if (oneLine) {
      const from = start + oneLine[1].length;
      blocks[index] = asCallout(note.parseRange(from, from + oneLine[2].length));
      continue;
    }
    const firstLine = open.value.split('\n', 1)[0];
    if (!/^\s*<aside>\s*$/.test(firstLine)) continue;
    // The closing line: later in the same HTML block, or in a later one when blank lines came between.
    let close: { index: number; start: number; end: number } | undefined;
    for (let at = index; at < blocks.length && !close; at++) {
      const candidate = blocks[at];
      if (candidate.type !== 'html') continue;
      let offset = candidate.position!.start.offset!;
      for (const [number, line] of candidate.value.split('\n').entries()) {
        if ((at > index || number > 0) && /^\s*<\/aside>\s*$/.test(line)) {
          close = { index: at, start: offset, end: offset + line.length };
          break;
        }
        offset += line.length + 1;
      }
    }
    if (!close) continue;
    const closing = blocks[close.index];
    const after = closing.position!.end.offset! > close.end ? note.parseRange(close.end + 1, closing.position!.end.offset!) : [];
    blocks.splice(index, close.index - index + 1, asCallout(note.parseRange(start + firstLine.length + 1, close.start)), ...after);
  }
}

/** An emoji callout: a paragraph, or a quote, that starts with 💡, ⚠️, ❗ … */
function convertEmojiCallouts(note: EditableMarkdown) {
  const blocks = note.tree.children;
  blocks.forEach((block, index) => {
    if (block.type === 'paragraph') {
      const emoji = leadingEmoji(block);
      if (emoji) blocks[index] = callout(note, emoji.type, [block], emoji.length);
    } else if (block.type === 'blockquote') {
      const emoji = leadingEmoji(block.children[0]);
      if (emoji) blocks[index] = { ...block, children: callout(note, emoji.type, block.children, emoji.length).children };
    }
  });
}

/**
 * A paragraph with a 🔖 address and other text, split so that the address is a paragraph of its
 * own: `🔖 ` then the address GFM made a link of, or, when it did not, the address as text.
 */
function splitAtBookmark(note: EditableMarkdown, paragraph: Paragraph): { before?: Paragraph; bookmark: Paragraph; after?: Paragraph } | undefined {
  const { children } = paragraph;
  for (let index = 0; index < children.length; index++) {
    const text = children[index];
    if (text.type !== 'text') continue;
    const link = children[index + 1];
    const mark = bookmarkMark.exec(text.value);
    let parts: [PhrasingContent[], PhrasingContent[], PhrasingContent[]];
    if (mark && link?.type === 'link' && isHttp(link.url) && link.position && isHttp(note.sourceOf(link))) {
      const next = children[index + 2];
      const after = children.slice(index + 3);
      if (next?.type === 'text') after.unshift(note.cut(next, next.value.length - next.value.trimStart().length));
      else if (next) after.unshift(next);
      parts = [[...children.slice(0, index), note.cut(text, 0, mark.index)], [markdownAsIs('🔖 '), link], after];
    } else {
      const written = bookmarkInText.exec(text.value);
      if (!written) continue;
      const rest = note.cut(text, written.index + written[0].length);
      parts = [[...children.slice(0, index), note.cut(text, 0, written.index)], [markdownAsIs(`🔖 ${written[1]}`)], [rest, ...children.slice(index + 1)]];
    }
    const [before, bookmark, after] = parts.map((part) => part.filter((node) => node.type !== 'text' || node.value !== ''));
    const blank = (part: PhrasingContent[]) => part.every((node) => node.type === 'text' && node.value.trim() === '');
    // A paragraph that is the bookmark alone is a card already.
    if (blank(before) && blank(after)) return undefined;
    const paragraphOf = (part: PhrasingContent[]): Paragraph | undefined => (blank(part) ? undefined : { type: 'paragraph', children: part });
    return { before: paragraphOf(before), bookmark: { type: 'paragraph', children: bookmark }, after: paragraphOf(after) };
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const directoryOf = (path: string) => path.split('/').slice(0, -1).join('/');

/** `a/b/../c.png` → `a/c.png`: a reference relative to a note, as a path in the export. */
function joinPath(directory: string, target: string): string {
  const parts: string[] = [];
  for (const part of [...directory.split('/'), ...target.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Plans the import of `notes` (with every file of the export listed in `files`, for images). A note
 * whose address is taken, or has no Latin letters to make one from, is skipped with the reason.
 */
export function planImport(notes: SourceNote[], files: Set<string>, site: Site, options: ImportOptions): ImportPlan {
  const skipped: ImportPlan['skipped'] = [];
  if (options.slug && notes.length > 1) throw new AuthoringError(`--slug names one article, but ${notes.length} notes were given; import them one by one to choose their addresses`);
  const liveSlugs = new Set(site.articles);

  // First every note's title and address, so that links between the notes can be rewritten.
  const chosen: { note: SourceNote; markdown: EditableMarkdown; title: string; slug: string; titled: boolean }[] = [];
  const bySlug = new Map<string, string>();
  for (const note of notes) {
    const markdown = new EditableMarkdown(normalizeLineEndings(note.text));
    const heading = titleOf(markdown);
    const title = heading ?? noteName(note.path);
    const slug = options.slug ?? suggestSlug(title) ?? suggestSlug(noteName(note.path));
    const reason = !slug
      ? `"${title}" has no Latin letters to make an address from; import this note alone with --slug <address>`
      : slugProblem(slug)
        ?? (liveSlugs.has(slug) ? `content/articles/${slug}.md exists already and is never overwritten; import this note alone with --slug <another-address>` : undefined)
        ?? (site.formerSlugs.has(slug) ? `"${slug}" was the address of ${site.formerSlugs.get(slug)} and still leads there; import this note alone with --slug` : undefined)
        ?? (bySlug.has(slug) ? `"${slug}" is also the address of ${bySlug.get(slug)} in this import; import this note alone with --slug` : undefined);
    if (reason) {
      skipped.push({ source: note.path, reason });
      continue;
    }
    bySlug.set(slug!, note.path);
    chosen.push({ note, markdown, title, slug: slug!, titled: heading !== undefined });
  }

  // Names a link may use for an imported note: its path, its file name, its title.
  const imported = new Map<string, string>();
  for (const { note, title, slug } of chosen) {
    for (const name of [note.path, note.path.replace(/\.md$/i, ''), noteName(note.path), title]) imported.set(name.toLowerCase(), slug);
  }
  const filesByName = new Map<string, string>();
  for (const file of files) {
    const name = file.split('/').at(-1)!.toLowerCase();
    if (!filesByName.has(name)) filesByName.set(name, file);
  }

  const articles: PlannedArticle[] = [];
  for (const { note, markdown, title, slug, titled } of chosen) {
    // The title is the frontmatter's now; the other nodes keep their lines in the note for problems.
    if (titled) markdown.tree.children.shift();
    const here = directoryOf(note.path);
    const link = (target: string, fromWikilink: boolean) => {
      const decoded = decodeURIComponentSafe(target).trim();
      const candidates = fromWikilink
        ? [decoded, decoded.replace(/\.md$/i, ''), noteName(decoded)]
        : [joinPath(here, decoded), noteName(decoded)];
      for (const candidate of candidates) {
        const key = candidate.toLowerCase();
        const found = imported.get(key) ?? site.names.get(key);
        if (found) return `/${found}/`;
      }
      return undefined;
    };
    const image = (target: string, fromWikilink: boolean) => {
      const decoded = decodeURIComponentSafe(target).trim();
      const relative = joinPath(here, decoded);
      if (files.has(relative)) return relative;
      // Obsidian resolves an embed by file name wherever it is in the vault (an attachments folder).
      if (fromWikilink || !decoded.includes('/')) return filesByName.get(decoded.split('/').at(-1)!.toLowerCase());
      return undefined;
    };
    const { body, images, problems } = convertNote(markdown, { source: note.path, link, image, isLanguage: options.isLanguage });
    const frontmatter = frontmatterText({
      title,
      topic: options.topic,
      created: options.today,
      aliases: aliasesFrom(title),
      notes: [`imported from ${note.path}: write the summary, tags and aliases, check the body, then remove draft: true`],
    });
    articles.push({ source: note.path, slug, title, text: `${frontmatter}\n${body}`, images, problems });
  }
  return { articles, skipped };
}
