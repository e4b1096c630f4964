import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fileLine } from './file-lines.ts';

/** Schemes that run code or smuggle a document in when a reader follows the link. */
const unsafeSchemes = new Set(['javascript:', 'data:', 'vbscript:']);

/**
 * The scheme a browser would see in `url`, or undefined for a relative address. Parsed as the
 * browser parses it, so `JavaScript:`, ` javascript:` and `java\tscript:` are all caught.
 */
export function schemeOf(url: string): string | undefined {
  try {
    const parsed = new URL(url, 'relative:/');
    return parsed.protocol === 'relative:' ? undefined : parsed.protocol.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * A link in a note must lead somewhere, not run something. The page policy would block a
 * `javascript:` link anyway, but the page would still carry it and a reader would click a dead link;
 * the build says where it is instead. Runs before any plugin writes links of its own.
 */
export default function remarkSafeLinks() {
  return (tree: Root, file: VFile) => {
    const problems: string[] = [];
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return;
      const scheme = schemeOf(node.url);
      if (scheme === undefined || !unsafeSchemes.has(scheme)) return;
      const shown = node.url.length > 60 ? `${node.url.slice(0, 57)}…` : node.url;
      problems.push(`  ${file.path ?? '<markdown>'}:${fileLine(file, node.position?.start.line)}: the link ${shown} uses the ${scheme} scheme, which runs code or opens a page the note did not write (javascript:, data: and vbscript: are refused); link an https:// address or another note ([[slug]])`);
    });
    if (problems.length > 0) throw new Error(`Unsafe link(s):\n${problems.join('\n')}`);
  };
}
