import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fileLine } from './file-lines.ts';

const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;

/** The first few words of the text after `offset`, to name the part a block swallows. */
function firstWords(text: string): string {
  const line = text.split('\n').map((row) => row.trim()).find((row) => row !== '') ?? '';
  return line.length > 30 ? `${line.slice(0, 30)}…` : line;
}

/**
 * A code fence or a `$$` that is never closed makes the rest of the note code or a formula, and
 * Markdown says nothing: the page shows the headings and prose after it inside a code block. So does
 * a "closing" fence with text after it (```` ```GAN … ````), which CommonMark reads as content. Each
 * fails the build with the line of the block and what to write instead, as does an HTML comment never
 * closed, which hides the rest of the note.
 */
export default function remarkUnclosedBlocks() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const end = source.trimEnd().length;
    const problems: string[] = [];
    const at = (line: number | undefined) => `${file.path ?? '<markdown>'}:${fileLine(file, line)}`;
    visit(tree, 'html', (node) => {
      // An HTML block opened with <!-- runs to its --> or, without one, to the end of the note.
      if (/^\s*<!--/.test(node.value) && !node.value.includes('-->')) {
        const rest = node.value.replace(/^\s*<!--/, '').trim();
        problems.push(`${at(node.position?.start.line)}: the HTML comment opened here with <!-- is never closed, so the rest of the note (${rest.split('\n').length} lines, from "${firstWords(rest)}") is hidden in it; close it with --> or delete it`);
      }
    });
    visit(tree, (node) => {
      if ((node.type !== 'code' && node.type !== 'math') || !node.position || node.position.start.offset === undefined || node.position.end.offset === undefined) return;
      const text = source.slice(node.position.start.offset, node.position.end.offset);
      const lines = text.split('\n');
      const startLine = node.position.start.line;
      const opening = node.type === 'code' ? fenceOpening.exec(lines[0])?.[1] : /^ {0,3}\$\$/.test(lines[0]) ? '$$' : undefined;
      if (!opening) return;
      if (node.type === 'code') {
        const char = opening[0] === '`' ? '`' : '~';
        const runOn = new RegExp(`^ {0,3}\\${char}{${opening.length},}[^\\s${char}]`);
        lines.slice(1).forEach((row, index) => {
          if (runOn.test(row)) problems.push(`${at(startLine + 1 + index)}: "${row.trim().slice(0, 20)}…" does not close the code block opened at line ${fileLine(file, startLine)} (a closing fence has nothing after it), so the block runs on; put ${opening} on a line of its own and the text after it on the next line`);
        });
      }
      const closing = opening === '$$' ? /^\s*\$\$\s*$/ : new RegExp(`^ {0,3}\\${opening[0]}{${opening.length},}\\s*$`);
      const closed = lines.length > 1 && closing.test(lines.at(-1)!);
      if (!closed && node.position.end.offset >= end) {
        const rest = lines.slice(1).join('\n').trimEnd();
        const heading = /^#{1,6} .*/m.exec(rest)?.[0];
        const what = node.type === 'code' ? 'code block' : 'display formula';
        problems.push(`${at(startLine)}: the ${what} opened here with ${opening} is never closed, so the rest of the note (${rest.split('\n').length} lines, from "${firstWords(rest)}"${heading ? `, the heading "${heading}" too` : ''}) becomes part of it; close it with ${opening} on a line of its own`);
      }
    });
    if (problems.length > 0) throw new Error(`${problems.length} block(s) swallow what follows them; fix the fences:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  };
}
