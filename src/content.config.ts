import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { articleSchema, topicSchema } from './schemas/article.ts';
import { slugFromPath } from './lib/slugs.ts';
import { contentDir, readContentIndex } from './lib/content-index.ts';
import { failOnLoaderProblems } from './lib/strict-loader.ts';
import { assertLinksResolve, linkGraph } from './lib/link-graph.ts';

// The tests and the benchmark point the same build at other folders (CONTENT_DIR).
const articlesDir = `${contentDir()}/articles`;
const topicsFile = `${contentDir()}/topics.yaml`;

// What exists, so that `topic` and `related` are checked against it (Astro's references are not).
const known = readContentIndex();
// Every link between notes, checked on every build (rendering is cached per note); drafts are
// published only in `astro dev`, so only there may a note link to one.
assertLinksResolve(linkGraph(), { drafts: import.meta.env.DEV });

const articles = defineCollection({
  loader: failOnLoaderProblems(glob({
    pattern: '**/*.{md,mdx}',
    base: articlesDir,
    generateId: ({ entry }) => slugFromPath(entry),
  })),
  schema: articleSchema({ topics: known.topics, articles: [...known.articles, ...known.planned.keys()] }),
});

const topics = defineCollection({
  loader: file(topicsFile),
  schema: topicSchema,
});

export const collections = { articles, topics };
