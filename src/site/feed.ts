import rss from '@astrojs/rss';
import { byUpdated, formatDate, updatedAt, type Article, type Topic } from './entries.ts';
import { articleUrl } from '../lib/urls.ts';

/** How many articles a feed carries: enough for a reader who checks monthly. */
const feedLength = 50;

/**
 * An RSS feed of new and updated articles, newest first. An article's date is when it was last
 * revised, so a substantial update brings it back to the top of a reader's feed.
 */
export function articleFeed(options: { title: string; description: string; site: URL; articles: Article[]; topics: Topic[] }) {
  const topicNames = new Map(options.topics.map((topic) => [topic.id, topic.data.name]));
  return rss({
    title: options.title,
    description: options.description,
    site: options.site,
    trailingSlash: true,
    customData: '<language>zh-CN</language>',
    items: [...options.articles].sort(byUpdated).slice(0, feedLength).map((article) => {
      const updated = updatedAt(article);
      const revised = +updated !== +article.data.created;
      return {
        title: article.data.title,
        link: articleUrl(article.id),
        pubDate: updated,
        description: revised ? `${article.data.summary}（${formatDate(updated)} 更新）` : article.data.summary,
        categories: [topicNames.get(article.data.topic)!, ...article.data.tags],
      };
    }),
  });
}
