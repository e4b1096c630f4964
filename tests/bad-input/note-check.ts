/**
 * One note through what the build does to it, without the rest of the build: the note index's source
 * checks, the frontmatter as Astro's glob loader parses it, the schema, the loader's own checks and
 * the render through the site's processor. The fuzz run puts hundreds of malformed notes through it;
 * `build-errors.test.ts` and the sampled real builds in `fuzz-builds.test.ts` hold it to the build.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
// What Astro's glob loader parses frontmatter with (js-yaml), which is not the parser the note index uses.
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { schemaIssueLine, splitFrontmatter } from '../../src/content/frontmatter.ts';
import { readNoteIndex, type NoteIndex } from '../../src/content/note-index.ts';
import { articleSchema } from '../../src/content/schema.ts';
import { sourceProblems, sourceWarning } from '../../src/content/source-checks.ts';
import { markdownPlugins, shikiConfig } from '../../src/markdown/index.ts';
import { expandFormulas } from '../../src/math/index.ts';

export type NoteOutcome =
  | { kind: 'rendered'; html: string; warnings: string[] }
  | { kind: 'failed'; messages: string[]; stage: string };

export interface NoteChecker {
  index: NoteIndex;
  /**
   * What the build makes of `bytes` as the note `name` (`mla.md`). The note is written to a folder of
   * its own first, since the plugins read the file to count lines from its top, as in the build.
   */
  check(name: string, bytes: Uint8Array): Promise<NoteOutcome>;
}

/** A checker for notes of the content folder `dir`, whose other notes' names resolve wikilinks. */
export async function noteChecker(dir: string): Promise<NoteChecker> {
  const index = readNoteIndex(dir);
  const schema = articleSchema({ topics: index.topics, articles: [...index.articles, ...index.planned.keys()] });
  const processor: MarkdownRenderer = await createMarkdownProcessor({ ...markdownPlugins(() => index), shikiConfig, smartypants: false });
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-')), 'content/articles');
  mkdirSync(folder, { recursive: true });
  return {
    index,
    async check(name, bytes) {
      const file = path.join(folder, name);
      writeFileSync(file, bytes);
      // The note index reads every note as UTF-8, as Astro does.
      const source = new TextDecoder('utf-8').decode(bytes);
      const split = splitFrontmatter(source);
      const problems = sourceProblems(source, file, split);
      if (problems.length > 0) return { kind: 'failed', stage: 'source', messages: problems };
      const warning = sourceWarning(source, file);
      const warnings = warning ? [warning] : [];

      let data: Record<string, unknown>;
      let body: string;
      try {
        ({ frontmatter: data, content: body } = parseFrontmatter(source));
      } catch (error) {
        // The note index's YAML check should have caught it with its line; Astro's own report is a stack.
        return { kind: 'failed', stage: 'astro-yaml', messages: [String(error)] };
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        return {
          kind: 'failed',
          stage: 'schema',
          messages: parsed.error.issues.map((issue) => {
            const fieldPath = issue.path.map(String);
            const line = schemaIssueLine(source, fieldPath);
            return `${file}${line ? `:${line}` : ''}: ${fieldPath.join('.')}: ${issue.message}`;
          }),
        };
      }
      try {
        const rendered = await processor.render(body, { fileURL: pathToFileURL(file) });
        return { kind: 'rendered', html: expandFormulas(rendered.code), warnings };
      } catch (error) {
        return { kind: 'failed', stage: 'render', messages: [error instanceof Error ? error.message : String(error)] };
      }
    },
  };
}

export const readBytes = (file: string) => new Uint8Array(readFileSync(file));
