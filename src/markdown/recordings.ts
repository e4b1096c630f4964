import type { VFile } from 'vfile';
import type { SectionInfo } from './rehype-section-index.ts';

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

/**
 * What the plugins record about a note while it renders, for the steps after rendering: backlinks and
 * the map (links), section share pages (sections), the KaTeX font cut (glyphs), the Markdown copy
 * at `/<slug>.md` (markdown), the glossary's lists of the notes that use each term (terms), the terms marked with their
 * definitions (hinted). Astro
 * keeps it with the rendered note (`rendered.metadata.frontmatter`, or `remarkPluginFrontmatter` for MDX), so a
 * note that did not change keeps its record without being rendered again.
 */
export interface NoteRecordings {
  links: OutgoingLink[];
  sections: SectionInfo[];
  /** The characters the note's formulas draw with KaTeX's fonts. */
  glyphs: string;
  /** The body as plain Markdown with absolute links (markdown-copy.ts). */
  markdown: string;
  /** The ids of the glossary terms the note's text names, in the order it first names them. */
  terms: string[];
  /** The ids of the terms marked in its text with their definitions (remark-term-hints.ts); empty when switched off. */
  hinted: string[];
}

export function record<Key extends keyof NoteRecordings>(file: VFile, key: Key, value: NoteRecordings[Key]): void {
  const astro = (file.data.astro ??= {}) as { frontmatter?: Record<string, unknown> };
  (astro.frontmatter ??= {})[key] = value;
}

/** A rendered note's recordings, from what Astro kept of its frontmatter; empty where a plugin recorded nothing. */
export function recordingsOf(frontmatter: Record<string, unknown> | undefined): NoteRecordings {
  const kept = (frontmatter ?? {}) as Partial<NoteRecordings>;
  return { links: kept.links ?? [], sections: kept.sections ?? [], glyphs: kept.glyphs ?? '', markdown: kept.markdown ?? '', terms: kept.terms ?? [], hinted: kept.hinted ?? [] };
}
