/**
 * What a code fence's meta string says, e.g. ```` ```python title="m.py" run ````. Read in one place
 * so that Shiki, the build checks and the test that executes `run` blocks agree on it.
 */
export interface CodeMeta {
  /** File name shown above the block. */
  title?: string;
  /** The block is a self-contained program (Python: standard library and NumPy) that the tests execute. */
  run: boolean;
}

export function codeMeta(meta: string | null | undefined): CodeMeta {
  const text = meta ?? '';
  const title = text.match(/\btitle=(?:"([^"]*)"|'([^']*)'|(\S+))/);
  // `run` as a bare word, not inside the title's quotes.
  const rest = title ? text.replace(title[0], ' ') : text;
  return { title: title ? (title[1] ?? title[2] ?? title[3]) : undefined, run: /(^|\s)run(\s|$)/.test(rest) };
}

/** Fence languages a `run` block may use: the tests execute it with Python. */
export const runnableLanguages = new Set(['python', 'py']);
