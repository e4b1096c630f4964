import type { APIRoute } from 'astro';
import { getArticles, getTopics } from '../lib/entries.ts';
import { articleFeed } from '../lib/feed.ts';
import { siteDescription, siteName } from '../lib/site.ts';

export const GET: APIRoute = async ({ site }) =>
  articleFeed({ title: `${siteName}：新增与更新`, description: siteDescription, site: site!, articles: await getArticles(), topics: await getTopics() });
