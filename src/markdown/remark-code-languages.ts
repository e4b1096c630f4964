import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { bundledLanguages } from 'shiki';
import { visit } from 'unist-util-visit';
import { closest } from '../lib/closest.ts';
import { codeMeta, runnableLanguages } from './code-meta.ts';
import { fileLine } from './file-lines.ts';

/** Fence languages Shiki shows as plain text on purpose; `math` fences are formulas for remark-math. */
const plainLanguages = new Set(['text', 'txt', 'plain', 'plaintext', 'math']);

/**
 * Shiki quietly falls back to plain text for a fence language it does not know (`pyhton`), so a
 * typo loses the highlighting with nothing but a console line. Fail the build instead, naming the
 * file, the line and the nearest languages. A fence marked `run` must be Python.
 */
export default function remarkCodeLanguages() {
  return (tree: Root, file: VFile) => {
    const problems: string[] = [];
    visit(tree, 'code', (node) => {
      const language = node.lang?.toLowerCase();
      // The tests execute `run` blocks with Python; on any other language the mark would promise a
      // check that never happens. A misspelt language is named as one below.
      if (codeMeta(node.meta).run && !runnableLanguages.has(language ?? '') && (!language || plainLanguages.has(language) || language in bundledLanguages)) {
        problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, node.position?.start.line)}: a "run" code block must be Python (\`\`\`python run), not "${node.lang ?? 'no language'}"; remove "run" or write the block in Python`);
        return;
      }
      if (!language || plainLanguages.has(language) || language in bundledLanguages) return;
      const suggestions = closest(language, [...Object.keys(bundledLanguages), 'text']).map((name) => `"${name}"`).join(' or ');
      problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, node.position?.start.line)}: code fence language "${node.lang}" is unknown; did you mean ${suggestions}? (use "text" for plain text)`);
    });
    if (problems.length > 0) throw new Error(`Code fence problem(s):\n${problems.join('\n')}`);
  };
}
