import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { parseArticleUrl } from '../lib/urls.ts';
import type { KnownNotes } from './index.ts';

/**
 * A link to a catalog article that is not written yet (listed in content/planned.yaml) would lead
 * nowhere. It is shown as marked text instead, "待写", and becomes a link by itself the day the
 * article lands and its slug leaves the planned list. Any other dangling link still fails the build.
 */
export default function rehypePlannedLinks({ known }: { known: KnownNotes }) {
  return (tree: Root) => {
    const { planned } = known();
    if (planned.size === 0) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      // Links here already carry the base path (see remark-base-path.ts).
      const slug = parseArticleUrl(String(node.properties.href ?? ''))?.slug;
      const title = slug && planned.get(slug);
      if (!title) return;
      node.tagName = 'span';
      node.properties = { className: ['planned-link'], title: `《${title}》还没写` };
      node.children.push({ type: 'element', tagName: 'span', properties: { className: ['sr-only'], dataPagefindIgnore: '' }, children: [{ type: 'text', value: '（待写）' }] });
    });
  };
}
