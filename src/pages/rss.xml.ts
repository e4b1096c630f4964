import type { APIRoute } from 'astro';
import { getArticles, getTopics } from '../site/entries.ts';
import { articleFeed } from '../site/feed.ts';
import { siteDescription, siteName } from '../lib/site.ts';
import { homeUrl } from '../lib/urls.ts';

export const GET: APIRoute = async ({ site }) =>
  articleFeed({
    title: `${siteName}：新增与更新`,
    description: siteDescription,
    // The channel links to the home page, under the base path; items link by absolute path.
    site: new URL(homeUrl(), site),
    articles: await getArticles(),
    topics: await getTopics(),
  });
