import type { ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { fixedHeadingIds } from './remark-heading-ids.ts';
import { fileLine } from './file-lines.ts';
import { readableText } from './readable-text.ts';
import { record } from './recordings.ts';

/** A section of an article as a chat preview shows it: its address, its title and its first lines. */
export interface SectionInfo {
  id: string;
  depth: number;
  title: string;
  excerpt: string;
  /** The author fixed its id with `{#id}`: its address is meant to last, and it gets a preview image of its own. */
  fixed?: boolean;
}

const excerptLength = 120;
const proseTags = new Set(['p', 'ul', 'ol', 'blockquote', 'dl']);
function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= excerptLength ? flat : `${flat.slice(0, excerptLength - 1).trimEnd()}…`;
}

/**
 * Records every h2–h4 of an article with its id, title and first lines, for the pages that give
 * each section a shareable address (`/<slug>/s/<id>/`) and its own chat preview. Runs after ids are
 * set; two sections with one id would make one of those addresses point at the wrong place, so that
 * fails the build.
 */
export default function rehypeSectionIndex() {
  return (tree: Root, file: VFile) => {
    const sections: SectionInfo[] = [];
    const fixed = fixedHeadingIds(file);
    const lines = new Map<string, number | '?'>();
    let current: { info: SectionInfo; prose: ElementContent[] } | undefined;
    const finish = () => {
      if (current) current.info.excerpt = clip(readableText(current.prose));
    };
    for (const child of tree.children) {
      if (child.type !== 'element') continue;
      const heading = /^h[2-4]$/.test(child.tagName) ? child : undefined;
      if (heading) {
        finish();
        const id = String(heading.properties.id ?? '');
        const line = fileLine(file, heading.position?.start.line);
        if (lines.has(id)) {
          throw new Error(`${file.path}:${line}: two headings have the id "${id}" (the other is at line ${lines.get(id)}); give one of them its own id with {#another-id} at the end of the heading`);
        }
        lines.set(id, line);
        const info: SectionInfo = { id, depth: Number(heading.tagName[1]), title: clip(readableText(heading.children)), excerpt: '' };
        if (fixed.has(id)) info.fixed = true;
        current = { info, prose: [] };
        sections.push(current.info);
      } else if (current && proseTags.has(child.tagName) && readableText(current.prose).length < excerptLength) {
        current.prose.push(child);
      }
    }
    finish();
    record(file, 'sections', sections);
  };
}
