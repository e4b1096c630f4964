/**
 * `npm run import`: notes exported from a note app (Notion's or Obsidian's Markdown export) become
 * articles of this site. Pure: the script reads the export and writes what this plans, so every
 * rule is tested on fixtures without touching content/.
 */
import { slug as headingId } from 'github-slugger';
import { AuthoringError, frontmatterText, type Taken } from './new-article.ts';
import { slugProblem, suggestSlug } from './suggest-slug.ts';

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

/** The first `# H1` of a note, as plain text, and its line index. */
function firstHeading(lines: string[]): { title: string; index: number } | undefined {
  for (let index = 0; index < lines.length; index++) {
    const match = /^#\s+(.+?)\s*#*\s*$/.exec(lines[index]);
    if (match) return { title: match[1].replace(/[*_`]/g, '').trim(), index };
    // A title comes before the text: a first H1 after prose is a section heading, not the title.
    if (lines[index].trim() !== '') return undefined;
  }
  return undefined;
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

/** The callout a line starting with an emoji becomes, and the line without the emoji. */
function emojiCallout(line: string): { type: string; rest: string } | undefined {
  for (const [emoji, type] of calloutEmoji) {
    const match = emoji.exec(line);
    if (match) return { type, rest: line.slice(match[0].length).replace(/^\uFE0F?\s*/u, '') };
  }
  return undefined;
}

const fence = /^\s*(`{3,}|~{3,})\s*([^\s`]*)(.*)$/;
const bookmarkInLine = /\s*🔖\uFE0F?\s*(https?:\/\/[^\s<>()]+[^\s<>().,;:!?，。；：！？）])\s*/u;

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

/** Converts a note's body; returns the new text, its images and what could not be converted. */
export function convertBody(text: string, context: NoteContext): { body: string; images: Map<string, string>; problems: string[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const images = new Map<string, string>();
  const problems: string[] = [];
  const problem = (line: number, message: string) => problems.push(`line ${line + 1}: ${message}`);

  // An H1 left after the title means the note uses # for its sections: the site's are ## and below.
  let shift = 0;
  {
    let inFence = false;
    for (const line of lines) {
      if (fence.test(line)) inFence = !inFence;
      else if (!inFence && /^#\s/.test(line)) shift = 1;
    }
  }

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

  const convertImage = (index: number, alt: string, target: string, fromWikilink: boolean): string => {
    const path = context.image(target, fromWikilink);
    if (!path) {
      problem(index, `image "${target}" is not in the export; left as a TODO comment`);
      return `<!-- TODO 图片 ${target} 不在导出的文件里 -->`;
    }
    const name = imageName(path);
    if (junkAlt(alt, name)) {
      problem(index, `image ${name} has no alt text; describe it in the [] of ![](./${name})`);
      alt = '';
    }
    return `![${alt}](./${encodeURI(name)})`;
  };

  const convertLinks = (index: number, line: string): string => {
    // Markdown images and links with a relative target (http, mailto, # and / are left alone); first,
    // so that the site addresses the wikilinks become are not taken for paths in the export.
    line = line.replace(/(!?)\[((?:[^\][]|\[[^\]]*\])*)\]\(<?([^)<>\s]+(?:\s[^)<>"]+)*?)>?(?:\s+"[^"]*")?\)/g, (whole, bang: string, words: string, target: string) => {
      if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(target)) return whole;
      if (bang) return convertImage(index, words, target, false);
      const [path, hash] = target.split('#', 2);
      const href = context.link(path, false);
      if (!href) {
        problem(index, `link to ${decodeURIComponentSafe(target)} leads to no imported note or site article; kept as text`);
        return words;
      }
      return `[${words}](${href}${hash ? `#${headingId(decodeURIComponentSafe(hash))}` : ''})`;
    });
    // Obsidian embeds: ![[image.png]], ![[image.png|300]] (a width), ![[image.png|alt text]].
    line = line.replace(/!\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]*))?\]\]/g, (_whole, target: string, extra?: string) => {
      if (/\.(png|jpe?g|gif|webp|svg|avif)$/i.test(target.trim())) {
        return convertImage(index, extra && !/^\d+(x\d+)?$/.test(extra) ? extra : '', target.trim(), true);
      }
      const href = context.link(target.trim(), true);
      problem(index, `embedded note ![[${target}]] cannot be transcluded; ${href ? 'linked instead' : 'kept as text'}`);
      return href ? `[${target.trim()}](${href})` : target.trim();
    });
    // Wikilinks: [[Note]], [[Note|shown text]], [[Note#Heading]], [[#Heading]].
    line = line.replace(/\[\[([^\]|#]*)(?:#([^\]|]*))?(?:\|([^\]]*))?\]\]/g, (_whole, target: string, heading?: string, shown?: string) => {
      const words = (shown ?? (target || heading) ?? '').trim();
      const fragment = heading ? `#${headingId(heading.trim())}` : '';
      if (!target.trim()) return `[${words}](${fragment})`;
      const href = context.link(target.trim(), true);
      if (!href) {
        problem(index, `[[${target}]] names no imported note or site article; kept as text`);
        return words;
      }
      return `[${words}](${href}${fragment})`;
    });
    return line;
  };

  let inFence = false;
  let fenceMark = '';
  let inMath = false;
  /** Inside a paragraph that became a callout: its following lines join the quote. */
  let callout = false;
  const emit = (...produced: string[]) => out.push(...produced.map((line) => (callout ? (line.trim() ? `> ${line}` : '>') : line)));
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index];
    const fenced = fence.exec(line);
    if (inFence) {
      out.push(line);
      if (fenced && fenced[1][0] === fenceMark[0] && fenced[1].length >= fenceMark.length && fenced[2] === '' && fenced[3].trim() === '') inFence = false;
      continue;
    }
    if (fenced) {
      callout = false;
      inFence = true;
      fenceMark = fenced[1];
      const language = fenced[2];
      if (language && !context.isLanguage(language.toLowerCase())) {
        problem(index, `code language "${language}" is unknown to the site's highlighter; marked text`);
        line = line.replace(language, 'text');
      }
      out.push(line);
      continue;
    }
    // Display math is TeX, not Markdown: nothing inside it is converted.
    const mathFence = /^\s*(\$\$|\\\[|\\\])\s*$/.exec(line);
    if (mathFence) {
      inMath = mathFence[1] === '$$' ? !inMath : mathFence[1] === '\\[';
      emit(line);
      continue;
    }
    if (inMath) {
      emit(line);
      continue;
    }

    // Notion writes a callout as <aside> with an emoji, its text on the following lines or the same one.
    const oneLine = /^\s*<aside>(.+)<\/aside>\s*$/.exec(line);
    if (oneLine) {
      const found = emojiCallout(oneLine[1].trim());
      callout = false;
      out.push(`> [!${found?.type ?? 'NOTE'}]`, `> ${convertLinks(index, found ? found.rest : oneLine[1].trim())}`);
      continue;
    }
    if (/^\s*<aside>\s*$/.test(line)) {
      const end = lines.findIndex((candidate, at) => at > index && /^\s*<\/aside>\s*$/.test(candidate));
      if (end > 0) {
        const inner = lines.slice(index + 1, end);
        while (inner.length && inner[0].trim() === '') inner.shift();
        while (inner.length && inner.at(-1)!.trim() === '') inner.pop();
        const found = inner.length ? emojiCallout(inner[0].trim()) : undefined;
        if (found) inner[0] = found.rest;
        if (inner[0] === '') inner.shift();
        callout = false;
        out.push(`> [!${found?.type ?? 'NOTE'}]`, ...inner.map((inside, at) => (inside.trim() ? `> ${convertLinks(index + 1 + at, inside)}` : '>')));
        index = end;
        continue;
      }
    }

    // A heading: section levels shift under the site's H2 (the title H1 is gone already).
    const heading = /^(#{1,6})(\s.*)$/.exec(line);
    if (heading) {
      callout = false;
      out.push(`${'#'.repeat(Math.min(6, heading[1].length + shift))}${convertLinks(index, heading[2])}`);
      continue;
    }
    if (line.trim() === '') {
      callout = false;
      out.push(line);
      continue;
    }

    // An emoji callout: a paragraph, or a quote, that starts with 💡, ⚠️, ❗ …
    const previous = index > 0 ? lines[index - 1] : '';
    const quoted = /^>\s?/.exec(line);
    const startsParagraph = previous.trim() === '' || /^#{1,6}\s/.test(previous);
    const found = emojiCallout(quoted ? line.slice(quoted[0].length) : line);
    if (found && (quoted ? !/^>/.test(previous) : startsParagraph)) {
      out.push(`> [!${found.type}]`);
      if (found.rest) out.push(`> ${convertLinks(index, found.rest)}`);
      callout = !quoted;
      continue;
    }
    line = convertLinks(index, line);

    // A 🔖 address inside a line of text gets a paragraph of its own, where it becomes a link card.
    const bookmark = bookmarkInLine.exec(line);
    if (bookmark && line.trim() !== bookmark[0].trim()) {
      const before = line.slice(0, bookmark.index).trimEnd();
      const after = line.slice(bookmark.index + bookmark[0].length).trimStart();
      emit(...(before ? [before, ''] : []), `🔖 ${bookmark[1]}`, ...(after ? ['', after] : []));
      continue;
    }
    // Notion exports a bookmark block as a lone link, `[Title](https://…)`: a card too.
    const next = index + 1 < lines.length ? lines[index + 1] : '';
    if (/^\[[^\]]+\]\(https?:\/\/[^)\s]+\)$/.test(line.trim()) && startsParagraph && next.trim() === '') line = `🔖 ${line.trim()}`;
    const html = /<(?!!--)([a-z][a-z0-9]*)\b[^>]*>/i.exec(line);
    if (html && !['br', 'sup', 'sub', 'kbd', 'mark'].includes(html[1].toLowerCase())) problem(index, `HTML <${html[1]}> kept as it is; check how it renders`);
    emit(line);
  }
  if (inFence) problems.push('a code fence is never closed; check the end of the note');
  return { body: out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n', images, problems };
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
  const chosen: { note: SourceNote; title: string; slug: string; headingLine?: number }[] = [];
  const bySlug = new Map<string, string>();
  for (const note of notes) {
    const lines = note.text.replace(/\r\n?/g, '\n').split('\n');
    const heading = firstHeading(lines);
    const title = heading?.title ?? noteName(note.path);
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
    chosen.push({ note, title, slug: slug!, headingLine: heading?.index });
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
  for (const { note, title, slug, headingLine } of chosen) {
    const lines = note.text.replace(/\r\n?/g, '\n').split('\n');
    if (headingLine !== undefined) lines[headingLine] = '';
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
    const { body, images, problems } = convertBody(lines.join('\n'), { source: note.path, link, image, isLanguage: options.isLanguage });
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
