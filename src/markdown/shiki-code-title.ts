import type { ShikiTransformer } from 'shiki';
import { codeMeta } from './code-meta.ts';

/**
 * Reads `title="file.py"` and `run` from a code fence's meta string onto the block, so the figure
 * around it can show the file name and the "verified" mark.
 */
export const shikiCodeTitle: ShikiTransformer = {
  name: 'code-title',
  pre(node) {
    const meta = codeMeta((this.options.meta as { __raw?: string } | undefined)?.__raw);
    if (meta.title) node.properties['data-title'] = meta.title;
    if (meta.run) node.properties['data-run'] = '';
  },
};
