import { readNoteIndex } from '../content/note-index.ts';
import type { Taken } from './new-article.ts';

/** Topics, articles, former slugs and planned slugs of a content folder, for the authoring scripts. */
export function readTaken(dir: string): Taken {
  const index = readNoteIndex(dir);
  const formerSlugs = new Map<string, string>();
  for (const note of index.notes) for (const former of note.formerSlugs) formerSlugs.set(former, note.slug);
  return { topics: index.topics, articles: index.articles, formerSlugs, planned: index.planned };
}
/** content/planned.yaml without `slug`: the article is being written now, and the build refuses a slug that is both. */
export function withoutPlanned(plannedYaml: string, slug: string): string {
  return plannedYaml.split('\n').filter((line) => !new RegExp(`^${slug}\\s*:`).test(line)).join('\n');
}
