import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { slugFromPath } from '../lib/slugs.ts';
import { linkWikilinks } from './wikilinks.ts';
import { fileLine } from './file-lines.ts';
import type { KnownNotes } from './index.ts';

/**
 * Turns `[[wikilinks]]` into links to the notes they name and checks every link to `/<slug>/` or
 * `/<slug>/#id`: a target note or heading that does not exist fails the build with the file, the
 * line and the closest existing names, before a reader can meet a dead link. Links to planned
 * notes stay links here; rehype-planned-links shows them as "待写".
 */
export default function remarkWikilinks({ known }: { known: KnownNotes }) {
  return (tree: Root, file: VFile) => {
    const problems = linkWikilinks(tree, () => known().resolver, noteSlug(file.path));
    if (problems.length === 0) return;
    const lines = problems.map((problem) => `  ${file.path ?? '<markdown>'}:${fileLine(file, problem.line)}: ${problem.written}: ${problem.message}`);
    throw new Error(`${problems.length} link(s) lead to no note or heading; fix the target:\n${lines.join('\n')}`);
  };
}

/** The slug of the note being rendered, for `[[#heading]]`; undefined outside content/articles. */
export function noteSlug(filePath: string | undefined): string | undefined {
  const relative = filePath?.split(/[\\/]articles[\\/]/).at(1);
  if (!relative) return undefined;
  try {
    return slugFromPath(relative);
  } catch {
    return undefined;
  }
}
