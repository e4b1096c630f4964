import type { Parent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/** Han, kana, Hangul and full-width punctuation: scripts written without spaces between words. */
const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60]/u;

/**
 * A line break inside a paragraph is a space in HTML, and Chromium draws it even between two Chinese
 * characters (CSS lets browsers drop it; only Firefox does). A note wrapped at 80 columns would then
 * show stray spaces mid-sentence. Here a break between two wide characters is removed; one next to a
 * Latin word stays a space, which the English side needs.
 */
export default function remarkCjkLineBreaks() {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      node.value = node.value.replace(/(.)[ \t]*\n[ \t]*(?=(.))/gu, (whole, before: string, after: string) => (wide.test(before) && wide.test(after) ? before : whole));
      // A break at the edge of a text node, next to **bold** or `code` written in Chinese.
      if (parent && index !== undefined && node.value.startsWith('\n')) {
        const previous = parent.children[index - 1];
        const last = previous && 'children' in previous ? lastText(previous as Parent) : undefined;
        if (last && wide.test(last.at(-1) ?? '') && wide.test(node.value.charAt(1))) node.value = node.value.slice(1);
      }
    });
  };
}

function lastText(node: Parent): string | undefined {
  const last = node.children.at(-1);
  if (!last) return undefined;
  if (last.type === 'text') return last.value;
  return 'children' in last ? lastText(last as Parent) : undefined;
}
