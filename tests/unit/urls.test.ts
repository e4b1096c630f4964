import { describe, expect, test } from 'vitest';
import { absoluteUrl, articleMarkdownPath, articleMarkdownUrl, articlePreviewPath, articleUrl, llmsFullTxtPath, llmsFullTxtUrl, llmsTxtPath, llmsTxtUrl, feedUrl, pageOfWrittenFile, graphUrl, homeUrl, previewImagePath, previewImageUrl, searchUrl, sectionPagePath, sectionUrl, sitemapUrl, tagUrl, tagsUrl, termsUrl, timelineUrl, topicUrl, topicsUrl } from '../../src/lib/urls.ts';

describe('every URL the site builds', () => {
  test.each([
    [articleUrl('flash-attention'), '/flash-attention/'],
    [articleUrl('mla', '低秩压缩'), '/mla/#%E4%BD%8E%E7%A7%A9%E5%8E%8B%E7%BC%A9'],
    [articleUrl('deepseek-v3', 'mtp'), '/deepseek-v3/#mtp'],
    [topicUrl('classic-ml'), '/topics/classic-ml/'],
    [topicUrl('classic-ml', 1), '/topics/classic-ml/'],
    [topicUrl('classic-ml', 2), '/topics/classic-ml/2/'],
    [topicUrl('llm', 12), '/topics/llm/12/'],
    [topicsUrl(), '/topics/'],
    [tagUrl('kv-cache'), '/tags/kv-cache/'],
    [tagUrl('kv-cache', 1), '/tags/kv-cache/'],
    [tagUrl('kv-cache', 3), '/tags/kv-cache/3/'],
    [timelineUrl(), '/timeline/'],
    [timelineUrl(1), '/timeline/'],
    [timelineUrl(30), '/timeline/30/'],
    [graphUrl(), '/graph/'],
    [graphUrl('multimodal'), '/graph/multimodal/'],
    [tagsUrl(), '/tags/'],
    [termsUrl(), '/terms/'],
    [termsUrl('knowledge-distillation'), '/terms/#knowledge-distillation'],
    [searchUrl(), '/search/'],
    [searchUrl('MoE 专家路由'), '/search/?q=MoE%20%E4%B8%93%E5%AE%B6%E8%B7%AF%E7%94%B1'],
    [searchUrl('a&b=c#d'), '/search/?q=a%26b%3Dc%23d'],
    [searchUrl('注意力', { topic: ['llm'], tag: ['kv-cache', 'moe'] }), '/search/?q=%E6%B3%A8%E6%84%8F%E5%8A%9B&topic=llm&tag=kv-cache&tag=moe'],
    [searchUrl(undefined, { year: ['2022'] }), '/search/?year=2022'],
    [homeUrl(), '/'],
    [sectionUrl('mla', 'low-rank'), '/mla/s/low-rank/'],
    [sectionUrl('mla', '低秩压缩'), '/mla/s/%E4%BD%8E%E7%A7%A9%E5%8E%8B%E7%BC%A9/'],
    [previewImageUrl('home'), '/previews/home.png'],
    [previewImageUrl('articles/deepseek-v3'), '/previews/articles/deepseek-v3.png'],
    [previewImageUrl('topics/llm'), '/previews/topics/llm.png'],
    [previewImageUrl('tags/kv-cache'), '/previews/tags/kv-cache.png'],
    [feedUrl(), '/rss.xml'],
    [feedUrl('multimodal'), '/topics/multimodal/rss.xml'],
    [sitemapUrl(), '/sitemap-index.xml'],
    [articleMarkdownUrl('mla'), '/mla.md'],
    [llmsTxtUrl(), '/llms.txt'],
    [llmsFullTxtUrl(), '/llms-full.txt'],
    [llmsFullTxtUrl(2), '/llms-full-2.txt'],
    [absoluteUrl('/clip/', 'https://notes.example.org'), 'https://notes.example.org/clip/'],
    [absoluteUrl('/clip/', 'https://example.org/'), 'https://example.org/clip/'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  test.each([
    [sectionPagePath('mla', '低秩压缩'), 'mla/s/低秩压缩/index.html', sectionUrl('mla', '低秩压缩')],
    [articlePreviewPath('flash-attention'), 'flash-attention/preview.json', '/flash-attention/preview.json'],
    [previewImagePath('articles/mla'), 'previews/articles/mla.png', previewImageUrl('articles/mla')],
    [articleMarkdownPath('mla'), 'mla.md', articleMarkdownUrl('mla')],
    [llmsTxtPath(), 'llms.txt', llmsTxtUrl()],
    [llmsFullTxtPath(), 'llms-full.txt', llmsFullTxtUrl()],
    [llmsFullTxtPath(3), 'llms-full-3.txt', llmsFullTxtUrl(3)],
  ])('the build writes %s, the file a server sends for %s', (written, expected, address) => {
    expect(written).toBe(expected);
    // A static server maps the decoded address to a file, a folder address to its index.html.
    expect(decodeURIComponent(address).replace(/\/$/, '/index.html')).toBe(`/${written}`);
  });

  test.each([
    ['mla/index.html', '/', '/mla/'],
    ['index.html', '/', '/'],
    ['404.html', '/', '/404.html'],
    ['mla/s/低秩压缩/index.html', '/', '/mla/s/低秩压缩/'],
    ['topics\\llm\\2\\index.html', '\\', '/topics/llm/2/'],
    ['notindex.html', '/', '/notindex.html'],
  ])('the file written at %s (separator %s) is the page %s', (file, separator, page) => {
    expect(pageOfWrittenFile(file, separator)).toBe(page);
  });

  test.each([0, -1, 1.5, Number.NaN])('a listing has no page %s', (page) => {
    expect(() => topicUrl('llm', page)).toThrow(/pages are numbered from 1/);
    expect(() => tagUrl('moe', page)).toThrow(/pages are numbered from 1/);
    expect(() => timelineUrl(page)).toThrow(/pages are numbered from 1/);
  });

  test('a section id survives the round trip through the address bar', () => {
    const url = new URL(articleUrl('mla', '低秩压缩'), 'http://x');
    expect(decodeURIComponent(url.hash.slice(1))).toBe('低秩压缩');
  });
});
