import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { articleSchema, topicSchema } from './schemas/article.ts';
import { slugFromPath } from './lib/slugs.ts';

const articles = defineCollection({
  loader: glob({
    pattern: '**/*.{md,mdx}',
    base: './content/articles',
    generateId: ({ entry }) => slugFromPath(entry),
  }),
  schema: articleSchema({ topic: reference('topics'), article: reference('articles') }),
});

const topics = defineCollection({
  loader: file('./content/topics.yaml'),
  schema: topicSchema,
});

export const collections = { articles, topics };
