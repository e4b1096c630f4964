import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/**
 * The line, in the whole file, of the frontmatter field at `fieldPath` (`paper.url`, `tags.0`), or
 * undefined when the field is not written (a missing field has no line).
 */
export function frontmatterFieldLine(source: string, fieldPath: string[]): number | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1];
  if (frontmatter === undefined) return undefined;
  const lines = new LineCounter();
  const document = parseDocument(frontmatter, { lineCounter: lines });
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const segment of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as Node | null)?.toJSON?.() ?? item.key) === segment);
      offset = (pair?.key as Node | undefined)?.range?.[0];
      node = pair?.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      offset = item?.range?.[0];
      node = item;
    } else {
      break;
    }
    if (offset === undefined) return undefined;
  }
  // The frontmatter starts on the file's second line, after `---`.
  return offset === undefined ? undefined : lines.linePos(offset).line + 1;
}

/**
 * Astro reports a frontmatter that fails the schema at the line of the first field's top-level key
 * (`paper:` for a bad `paper.url`), and lists the issues as `**path**: message`. Each issue gets the
 * file and the line of its own field, so an author goes straight to it.
 */
function locateSchemaIssues(error: unknown): unknown {
  const problem = error as { name?: string; message?: string; loc?: { file?: string; line?: number } };
  const file = problem.loc?.file;
  if (problem.name !== 'InvalidContentEntryDataError' || !file || typeof problem.message !== 'string') return error;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return error;
  }
  const relative = path.relative(process.cwd(), file);
  const shown = relative.startsWith('..') ? file : relative;
  let first: number | undefined;
  problem.message = problem.message.replace(/^(\s*)\*\*([^*\n]*)\*\*: /gm, (_all, indent: string, fieldPath: string) => {
    const line = fieldPath ? frontmatterFieldLine(source, fieldPath.split('.')) : undefined;
    first ??= line;
    return `${indent}${shown}${line ? `:${line}` : ''}: ${fieldPath ? `${fieldPath}: ` : ''}`;
  });
  if (first !== undefined && problem.loc) problem.loc.line = first;
  return problem;
}

/**
 * Astro's glob loader logs a note it cannot render (broken TeX, say) or an empty or duplicate file,
 * then carries on and publishes the page without its body. Here every error or warning the loader
 * logs fails the build instead, after the loader has reported all of them; so does a note with no body.
 */
export function failOnLoaderProblems(loader: Loader): Loader {
  return {
    ...loader,
    async load(context) {
      const problems: string[] = [];
      const logger = new Proxy(context.logger, {
        get(target, property, receiver) {
          if (property === 'error' || property === 'warn') {
            return (message: string) => {
              problems.push(message);
              target[property](message);
            };
          }
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      try {
        await loader.load({ ...context, logger });
      } catch (error) {
        throw locateSchemaIssues(error);
      }
      // A note with frontmatter and nothing under it would publish a page with a title and no text.
      for (const entry of context.store.values()) {
        if (!entry.body?.trim() && entry.data['draft'] !== true) {
          problems.push(`${entry.filePath ?? entry.id}: the article has no text under its frontmatter; write the note, or mark it draft: true until it is written`);
        }
      }
      if (problems.length > 0) {
        throw new Error(`The ${context.collection} collection has ${problems.length} problem(s); fix them to build:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
      }
    },
  };
}
