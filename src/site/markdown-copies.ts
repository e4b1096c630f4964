/**
 * The notes as Markdown, for readers that take text rather than pages: links to the notes get pasted
 * into chats with AI assistants. Each note is at `/<slug>.md` beside its page: a short header (title,
 * summary, where it is, paper and code) and its body as recorded while it rendered
 * (src/markdown/markdown-copy.ts). `/llms.txt` lists them by topic in the llmstxt.org format, and
 * `/llms-full.txt` holds them all: on a site too large for one file a host serves, in parts
 * (`/llms-full-2.txt`, …), each of whole notes. Written by an emitter (emitters.ts).
 */
import type { List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { hostFileLimit, siteDescription, siteName } from '../lib/site.ts';
import { absoluteUrl, articleMarkdownPath, articleMarkdownUrl, articleUrl, llmsFullTxtPath, llmsFullTxtUrl, llmsTxtPath, llmsTxtUrl } from '../lib/urls.ts';
import { markdownText } from '../markdown/editable-markdown.ts';
import type { Article } from './entries.ts';
import { articleText } from '../content/note-text.ts';
import type { SiteModel } from './model.ts';
import { formerSlugTargets } from './redirects.ts';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const link = (url: string, words = url): PhrasingContent => ({ type: 'link', url, children: [text(words)] });
const list = (items: PhrasingContent[][]): List => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })),
});

/** The title, the summary, and a list of where the note is, its topic, paper and code. */
function header(model: SiteModel, article: Article, site: string): RootContent[] {
  const { title, summary, topic, paper, code } = article.data;
  const facts: PhrasingContent[][] = [
    [text('网页：'), link(absoluteUrl(articleUrl(article.id), site))],
    [text(`主题：${model.topic(topic)?.data.name ?? topic}`)],
  ];
  if (paper) facts.push([text('论文：'), link(paper.url, paper.title), ...(paper.venue || paper.year ? [text(`（${paper.venue ?? paper.year}）`)] : [])]);
  if (code) facts.push([text('代码：'), link(code)]);
  return [
    { type: 'heading', depth: 1, children: [text(title)] },
    { type: 'blockquote', children: [{ type: 'paragraph', children: [text(summary)] }] },
    list(facts),
    { type: 'thematicBreak' },
  ];
}

/** The note as `/<slug>.md` serves it. */
export function markdownCopy(model: SiteModel, article: Article, site: string): string {
  // An MDX note's copy is recorded when it renders for the model; a Markdown note's is kept with its text.
  const body = article.rendered ? articleText(article).markdown : model.recordings(article.id).markdown;
  return `${markdownText({ type: 'root', children: header(model, article, site) })}\n${body}`;
}

/** The published notes by topic, in the topics' order, each topic's by title. */
function byTopic(model: SiteModel) {
  return model.topics
    .map((topic) => ({ topic, articles: model.articles.filter((article) => article.data.topic === topic.id) }))
    .filter(({ articles }) => articles.length > 0);
}

/** Links to the parts of llms-full.txt, `、` between them. */
function fullTextLinks(parts: number, site: string): PhrasingContent[] {
  return Array.from({ length: parts }, (_, index) => index + 1).flatMap((part) => [
    ...(part > 1 ? [text('、')] : []),
    link(absoluteUrl(llmsFullTxtUrl(part), site), llmsFullTxtPath(part)),
  ]);
}

/**
 * The site's index for language models, in the llmstxt.org format: a list of the notes' Markdown
 * copies by topic, and where their full text is (`parts` files).
 */
export function llmsTxt(model: SiteModel, site: string, parts = 1): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [text(siteName)] },
      { type: 'blockquote', children: [{ type: 'paragraph', children: [text(siteDescription)] }] },
      { type: 'paragraph', children: [
        text(`下面按主题列出全部 ${model.articles.length} 篇笔记的 Markdown 版本，每篇附一句摘要：网页 `),
        code('/<slug>/'),
        text(' 的 Markdown 在 '),
        code('/<slug>.md'),
        text(parts === 1 ? '。全部笔记的全文在一个文件里：' : `。全部笔记的全文按顺序分在 ${parts} 个文件里（每个文件都是完整的笔记）：`),
        ...fullTextLinks(parts, site),
        text('。'),
      ] },
      ...byTopic(model).flatMap(({ topic, articles }): RootContent[] => [
        { type: 'heading', depth: 2, children: [text(`${topic.data.name}（${topic.data.nameEn}）`)] },
        list(articles.map((article) => [link(absoluteUrl(articleMarkdownUrl(article.id), site), article.data.title), text(`: ${article.data.summary}`)])),
      ]),
    ],
  };
  return markdownText(tree);
}

/**
 * Every note's Markdown copy, in the order of llms.txt, each starting with its title as `#`: one
 * file, or as many as keep each under `partBytes` (the notes split between files, never inside one).
 * Each file opens with the site's name and says which part of how many it is.
 */
export function llmsFullTxt(model: SiteModel, site: string, copies: ReadonlyMap<string, string>, partBytes = hostFileLimit): string[] {
  const intro = (part: number, parts: number) => markdownText({
    type: 'root',
    children: [
      { type: 'heading', depth: 1, children: [text(siteName)] },
      { type: 'blockquote', children: [{ type: 'paragraph', children: [text(siteDescription)] }] },
      { type: 'paragraph', children: [
        text(`全部 ${model.articles.length} 篇笔记的 Markdown 全文，按主题排列，每篇以它的标题（一级标题）开始`),
        ...(parts === 1 ? [] : [text(`；这是第 ${part} 部分，共 ${parts} 部分：`), ...fullTextLinks(parts, site)]),
        text('。目录见 '),
        link(absoluteUrl(llmsTxtUrl(), site), 'llms.txt'),
        text('。'),
      ] },
    ],
  });
  const separator = '\n---\n\n';
  const notes = byTopic(model).flatMap(({ articles }) => articles.map((article) => copies.get(article.id)!));
  // The intro grows by a link a part; a generous allowance for it keeps the arithmetic in one pass.
  const allowance = Buffer.byteLength(intro(1, 1)) + 4096;
  const parts: string[][] = [[]];
  let bytes = allowance;
  for (const note of notes) {
    const size = Buffer.byteLength(note) + separator.length;
    if (bytes + size > partBytes && parts.at(-1)!.length > 0) {
      parts.push([]);
      bytes = allowance;
    }
    parts.at(-1)!.push(note);
    bytes += size;
  }
  return parts.map((part, index) => [intro(index + 1, parts.length), ...part].join(separator));
}

/**
 * The emitter's files: each note as Markdown at `/<slug>.md`, also at its former slugs, then
 * `/llms.txt` and `/llms-full.txt` (in parts of at most `partBytes`). A static host cannot redirect, and a Markdown file has no
 * refresh to forward with as a former page does (forwarding-pages.ts), so an old address gets the
 * same text, whose header names where the note is now.
 */
export function markdownCopyFiles(model: SiteModel, site: string, partBytes = hostFileLimit): Array<[path: string, body: string]> {
  const copies = new Map(model.articles.map((article) => [article.id, markdownCopy(model, article, site)]));
  const fullText = llmsFullTxt(model, site, copies, partBytes);
  return [
    ...[...copies].map(([slug, copy]): [string, string] => [articleMarkdownPath(slug), copy]),
    ...[...formerSlugTargets(model.articles)].map(([former, target]): [string, string] => [articleMarkdownPath(former), copies.get(target)!]),
    [llmsTxtPath(), llmsTxt(model, site, fullText.length)],
    ...fullText.map((part, index): [string, string] => [llmsFullTxtPath(index + 1), part]),
  ];
}
