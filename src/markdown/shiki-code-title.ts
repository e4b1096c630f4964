import type { ShikiTransformer } from 'shiki';

/** Reads `title="file.py"` from a code fence's meta string, so the figure around the block can show it. */
export const shikiCodeTitle: ShikiTransformer = {
  name: 'code-title',
  pre(node) {
    const meta = (this.options.meta as { __raw?: string } | undefined)?.__raw;
    const title = meta?.match(/\btitle=(?:"([^"]*)"|'([^']*)'|(\S+))/);
    if (title) node.properties['data-title'] = title[1] ?? title[2] ?? title[3];
  },
};
