import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { readNoteIndex } from '../../src/content/note-index.ts';
import { splitFrontmatter } from '../../src/content/frontmatter.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { recordingsOf, type NoteRecordings } from '../../src/markdown/recordings.ts';

/**
 * Every note of a content folder rendered as the build renders it (the real processor, wikilinks
 * resolved against that folder), with what each recorded; throws as the build would.
 */
export async function renderContent(dir: string): Promise<Map<string, NoteRecordings>> {
  const index = readNoteIndex(dir);
  const processor = await createMarkdownProcessor({ ...markdownPlugins(() => index), shikiConfig, smartypants: false });
  const recorded = new Map<string, NoteRecordings>();
  for (const note of index.notes) {
    const { body } = splitFrontmatter(readFileSync(note.path, 'utf8'));
    const { metadata } = await processor.render(body, { fileURL: pathToFileURL(note.path) });
    recorded.set(note.slug, recordingsOf(metadata.frontmatter));
  }
  return recorded;
}
