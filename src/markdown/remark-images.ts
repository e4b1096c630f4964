import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fileLine } from './file-lines.ts';

const publicDir = fileURLToPath(new URL('../../public', import.meta.url));

/**
 * An image must exist and say what it shows. A missing file would otherwise surface as a bundler
 * error far from the note, and an image without alt text is silent to a screen reader. Images are
 * served from the site itself (the page policy allows no other origin): a path next to the note, or
 * `/…` under public/.
 */
export default function remarkImages() {
  return (tree: Root, file: VFile) => {
    const problems: string[] = [];
    visit(tree, 'image', (node) => {
      const where = `  ${file.path ?? '<markdown>'}:${fileLine(file, node.position?.start.line)}`;
      if (!node.alt?.trim()) problems.push(`${where}: the image ${node.url} has no alt text; describe what it shows: ![描述](${node.url})`);
      if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(node.url)) {
        problems.push(`${where}: the image ${node.url} is not stored with the site; save it next to the note or under public/ and link it by path`);
        return;
      }
      const target = decodeURI(node.url.replace(/[?#].*$/, ''));
      const resolved = target.startsWith('/') ? path.join(publicDir, target) : path.resolve(path.dirname(file.path ?? '.'), target);
      if (!existsSync(resolved)) problems.push(`${where}: the image ${node.url} does not exist (looked for ${resolved}); fix the path or add the file`);
    });
    if (problems.length > 0) throw new Error(`Image problem(s):\n${problems.join('\n')}`);
  };
}
