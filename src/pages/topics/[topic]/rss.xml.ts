import type { APIRoute, GetStaticPaths } from 'astro';
import { getArticles, getTopics, type Topic } from '../../../site/entries.ts';
import { articleFeed } from '../../../site/feed.ts';
import { siteName } from '../../../lib/site.ts';
import { topicUrl } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => (await getTopics()).map((topic) => ({ params: { topic: topic.id }, props: { topic } }))) satisfies GetStaticPaths;

/** One feed per topic, for readers who follow only, say, multimodal models. */
export const GET: APIRoute<{ topic: Topic }> = async ({ site, props: { topic } }) =>
  articleFeed({
    title: `${siteName} · ${topic.data.name}：新增与更新`,
    description: topic.data.description,
    // The channel's link is the topic page; items link by absolute path, so they resolve the same.
    site: new URL(topicUrl(topic.id), site),
    articles: (await getArticles()).filter((article) => article.data.topic === topic.id),
    topics: await getTopics(),
  });
