import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { toText } from 'hast-util-to-text';
import { fileLine } from './file-lines.ts';

/**
 * rehype-katex reports TeX it cannot parse as a warning and prints the TeX in red on the page.
 * A reader would get a broken formula and nobody would notice, so turn those warnings into a
 * build error that names the file, the line and the TeX.
 */
export default function rehypeMathErrors() {
  return (_tree: Root, file: VFile) => {
    const problems = file.messages.filter((message) => message.source === 'rehype-katex');
    if (problems.length === 0) return;
    const lines = problems.map((message) => {
      const element = message.ancestors?.at(-1);
      const tex = element ? toText(element as never, { whitespace: 'pre' }) : '';
      const reason = String((message.cause as Error | undefined)?.message ?? message.reason).split('\n')[0];
      return `  ${file.path ?? '<markdown>'}:${fileLine(file, message.line)}: ${reason}\n    TeX: ${tex.trim()}`;
    });
    throw new Error(`KaTeX cannot render ${problems.length} formula(s); fix the TeX:\n${lines.join('\n')}`);
  };
}

