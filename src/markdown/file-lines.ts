import { readFileSync } from 'node:fs';
import type { VFile } from 'vfile';

const firstLines = new WeakMap<VFile, number>();

/**
 * The line of the author's file for a line of the text being rendered. Astro renders an article's
 * body without its frontmatter, so positions count from the body; errors must count from the file.
 */
export function fileLine(file: VFile, bodyLine: number | undefined): number | '?' {
  if (bodyLine === undefined) return '?';
  let first = firstLines.get(file);
  if (first === undefined) {
    first = 1;
    try {
      const source = readFileSync(file.path, 'utf8');
      const start = source.indexOf(String(file.value));
      if (start > 0) first = source.slice(0, start).split('\n').length;
    } catch {
      // Rendered from a string, not a file: body lines are the lines.
    }
    firstLines.set(file, first);
  }
  return bodyLine + first - 1;
}
