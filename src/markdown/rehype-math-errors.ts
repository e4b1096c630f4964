import { readFileSync } from 'node:fs';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { toText } from 'hast-util-to-text';

/**
 * rehype-katex reports TeX it cannot parse as a warning and prints the TeX in red on the page.
 * A reader would get a broken formula and nobody would notice, so turn those warnings into a
 * build error that names the file, the line and the TeX.
 */
export default function rehypeMathErrors() {
  return (_tree: Root, file: VFile) => {
    const problems = file.messages.filter((message) => message.source === 'rehype-katex');
    if (problems.length === 0) return;
    const firstLine = bodyLineInFile(file);
    const lines = problems.map((message) => {
      const element = message.ancestors?.at(-1);
      const tex = element ? toText(element as never, { whitespace: 'pre' }) : '';
      const reason = String((message.cause as Error | undefined)?.message ?? message.reason).split('\n')[0];
      const line = message.line === undefined ? '?' : message.line + firstLine - 1;
      return `  ${file.path ?? '<markdown>'}:${line}: ${reason}\n    TeX: ${tex.trim()}`;
    });
    throw new Error(`KaTeX cannot render ${problems.length} formula(s); fix the TeX:\n${lines.join('\n')}`);
  };
}

/** The line of the file on which the rendered text starts: Astro renders the body without its frontmatter. */
function bodyLineInFile(file: VFile): number {
  try {
    const source = readFileSync(file.path, 'utf8');
    const start = source.indexOf(String(file.value));
    return start <= 0 ? 1 : source.slice(0, start).split('\n').length;
  } catch {
    return 1;
  }
}
