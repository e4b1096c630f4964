import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
// The project's own frontmatter schema, so the floor validates what the project's build validates.
import { articleSchema } from '../../../../src/content/schema.ts';

const dir = process.env.CONTENT_DIR;
if (!dir) throw new Error('CONTENT_DIR: set it to a content folder written by scripts/bench/corpus.ts');
const notes = path.resolve(dir, 'articles');

// The schema checks `topic` and `related` against what exists; the project reads that from its note
// index, the floor from the folder listing and topics.yaml (the synthetic notes have no planned.yaml).
const known = {
  topics: Object.keys(parseYaml(readFileSync(path.join(dir, 'topics.yaml'), 'utf8')) as object),
  articles: readdirSync(notes).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -'.md'.length)),
};

// Named like the project's collection, so `astro check` of the project types the floor's page too.
const articles = defineCollection({
  loader: glob({ pattern: '**/*.md', base: notes }),
  schema: articleSchema(known),
});

export const collections = { articles };
