import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { siteUrlOf } from '../lib/urls.ts';
import type { WikilinkData } from './wikilinks.ts';

/**
 * Notes link to other pages and to files under public/ by root-relative paths (`/mla/`,
 * `/images/x.png`), so they read the same whatever the site is deployed under. When the site is
 * built under a sub-path (BASE_PATH), those addresses get the base here. Runs after the link and
 * image checks, which read the written form; wikilinks already carry the base.
 */
export default function remarkBasePath() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if ((node.type === 'link' && !(node.data as WikilinkData | undefined)?.wikilink) || node.type === 'image' || node.type === 'definition') {
        node.url = siteUrlOf(node.url);
      }
    });
  };
}
