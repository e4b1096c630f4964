import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readContentIndex } from './content-index.ts';
import { slugFromPath } from './slugs.ts';
import type { Taken } from './new-article.ts';

/** Topics, articles, former slugs and planned slugs of a content folder, for the authoring scripts. */
export function readTaken(dir: string): Taken {
  const index = readContentIndex(dir);
  const formerSlugs = new Map<string, string>();
  const articlesDir = path.join(dir, 'articles');
  for (const file of readdirSync(articlesDir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.mdx?$/.test(name))) {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(articlesDir, file), 'utf8'))?.[1];
    const data = frontmatter ? parseYaml(frontmatter) : undefined;
    for (const former of Array.isArray(data?.formerSlugs) ? data.formerSlugs : []) formerSlugs.set(String(former), slugFromPath(file));
  }
  return { topics: index.topics, articles: index.articles, formerSlugs, planned: index.planned };
}

/** content/planned.yaml without `slug`: the article is being written now, and the build refuses a slug that is both. */
export function withoutPlanned(plannedYaml: string, slug: string): string {
  return plannedYaml.split('\n').filter((line) => !new RegExp(`^${slug}\\s*:`).test(line)).join('\n');
}
