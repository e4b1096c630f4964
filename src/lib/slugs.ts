import { reservedSlugs } from './routes.ts';

/** Lower-case ASCII kebab-case: the form of slugs, tags and topic ids, so that URLs stay stable and readable. */
export const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The slug of an article file: its name without extension, or its folder's name for `<slug>/index.md`.
 * Throws a message that says which file and what to rename, since the slug becomes a permanent URL.
 */
export function slugFromPath(relativePath: string): string {
  const parts = relativePath.replace(/\\/g, '/').split('/');
  let name = parts.at(-1)!.replace(/\.(md|mdx)$/i, '');
  if (name === 'index' && parts.length > 1) name = parts.at(-2)!;
  if (parts.length > 2 || (parts.length === 2 && parts[1].replace(/\.(md|mdx)$/i, '') !== 'index')) {
    throw new Error(`content/articles/${relativePath}: an article is content/articles/<slug>.md or content/articles/<slug>/index.md; move it`);
  }
  if (!kebabCase.test(name)) {
    throw new Error(`content/articles/${relativePath}: the slug "${name}" must be lower-case ASCII kebab-case (e.g. "flash-attention"); rename the file`);
  }
  if (reservedSlugs.has(name)) {
    throw new Error(`content/articles/${relativePath}: the slug "${name}" collides with the site route /${name}/; choose another file name`);
  }
  return name;
}
