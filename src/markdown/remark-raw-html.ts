import type { Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Raw HTML in a Markdown note is shown as the text it is, never interpreted: a note about the web
 * can write `<script>` or `<img onerror=…>` in prose and readers see those characters, and nothing a
 * note says can run in a reader's browser. HTML comments are dropped (authors' notes to themselves).
 * `.mdx` notes are code by design: their components are trusted, and the page's policy still blocks
 * inline scripts and handlers.
 */
export default function remarkRawHtml() {
  return (tree: Root) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const text: Text = { type: 'text', value: node.value, position: node.position };
      // A block of HTML becomes a paragraph of text; inline HTML stays inline.
      parent.children[index] = parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem'
        ? { type: 'paragraph', children: [text], position: node.position } as never
        : text;
      return SKIP;
    });
  };
}
