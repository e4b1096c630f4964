import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fileLine } from './file-lines.ts';

/** `{#low-rank}` at the end of a heading: letters, digits, `-` and `_`, as Pandoc and kramdown write it. */
const explicitId = /\s*\{#([\p{L}\p{N}_-]+)\}\s*$/u;

/** The ids the author fixed with `{#id}` in a note, for the plugins after this one (section cards are drawn for them). */
export function fixedHeadingIds(file: VFile): ReadonlySet<string> {
  return (file.data as { fixedHeadingIds?: Set<string> }).fixedHeadingIds ?? new Set();
}

/**
 * Section addresses get pasted into chats, so they must outlive edits to a heading's wording. An id
 * derived from the text changes with it; `## 低秩压缩 {#low-rank}` fixes the id whatever the text
 * becomes. The marker is removed from the heading, and the id is set before Astro derives its own,
 * which keeps an id that is already there.
 */
export default function remarkHeadingIds() {
  return (tree: Root, file: VFile) => {
    const seen = new Map<string, number | '?'>();
    (file.data as { fixedHeadingIds?: Set<string> }).fixedHeadingIds = new Set();
    visit(tree, 'heading', (heading: Heading) => {
      const last = heading.children.at(-1);
      if (last?.type !== 'text') return;
      const match = explicitId.exec(last.value);
      if (!match) return;
      const id = match[1];
      const line = fileLine(file, heading.position?.start.line);
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        throw new Error(`${file.path}:${line}: the heading id "{#${id}}" is already used at line ${earlier}; ids must be unique in an article, choose another`);
      }
      seen.set(id, line);
      (fixedHeadingIds(file) as Set<string>).add(id);
      last.value = last.value.slice(0, match.index);
      if (last.value === '') heading.children.pop();
      // mdast-util-to-hast copies hProperties onto the <h2>; the mdast types do not declare it.
      const data = (heading.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...data.hProperties, id };
    });
  };
}
