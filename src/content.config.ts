import { readdirSync, readFileSync } from 'node:fs';
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { articleSchema, topicSchema } from './schemas/article.ts';
import { slugFromPath } from './lib/slugs.ts';
import { failOnLoaderProblems } from './lib/strict-loader.ts';

/** Where the notes live; the tests and the benchmark point the same build at other folders. */
const contentDir = process.env.CONTENT_DIR ?? './content';
const articlesDir = `${contentDir}/articles`;
const topicsFile = `${contentDir}/topics.yaml`;

// Known ids, so that `topic` and `related` are validated against what exists (Astro's references are not).
const topicIds = Object.keys(parseYaml(readFileSync(topicsFile, 'utf8')) ?? {});
const articleSlugs = readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
  .filter((path) => /\.mdx?$/.test(path))
  .map((path) => slugFromPath(path));

const articles = defineCollection({
  loader: failOnLoaderProblems(glob({
    pattern: '**/*.{md,mdx}',
    base: articlesDir,
    generateId: ({ entry }) => slugFromPath(entry),
  })),
  schema: articleSchema({ topics: topicIds, articles: articleSlugs }),
});

const topics = defineCollection({
  loader: file(topicsFile),
  schema: topicSchema,
});

export const collections = { articles, topics };
