import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { slugFromPath } from './slugs.ts';

/** What exists in a content folder, known before any note is rendered, so references can be checked. */
export interface ContentIndex {
  topics: string[];
  articles: string[];
  /** Catalog articles not written yet, by slug, with their titles. */
  planned: Map<string, string>;
}

/** The content folder of this build: `CONTENT_DIR` (tests, benchmark) or `./content`. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return env.CONTENT_DIR ?? './content';
}

export function readContentIndex(dir = contentDir()): ContentIndex {
  const topics = Object.keys(parseYaml(readFileSync(path.join(dir, 'topics.yaml'), 'utf8')) ?? {});
  const articles = readdirSync(path.join(dir, 'articles'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => slugFromPath(file));
  const plannedFile = path.join(dir, 'planned.yaml');
  const planned = new Map<string, string>(existsSync(plannedFile) ? Object.entries(parseYaml(readFileSync(plannedFile, 'utf8')) ?? {}) : []);
  const written = articles.filter((slug) => planned.has(slug));
  if (written.length > 0) {
    throw new Error(`${plannedFile}: ${written.join(', ')} ${written.length > 1 ? 'are' : 'is'} written now; remove ${written.length > 1 ? 'them' : 'it'} from the planned list`);
  }
  return { topics, articles, planned };
}
