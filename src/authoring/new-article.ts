/**
 * What `npm run new` and `npm run import` write: a new article's file name and frontmatter. Pure,
 * so the rules (which slugs are free, what a new file holds) are tested without touching content/.
 */
import { closest } from '../lib/closest.ts';
import { slugProblem, suggestSlug } from './suggest-slug.ts';

/** The summary a new article starts with; the schema refuses to publish it (see `articleSchema`). */
export const summaryPlaceholder = 'TODO 一句话：这篇笔记讲什么、结论是什么。';

/** What exists already, as far as choosing a new slug is concerned. */
export interface Taken {
  topics: Iterable<string>;
  articles: Iterable<string>;
  /** Former slugs, each with the article that now answers to it. */
  formerSlugs: Map<string, string>;
  /** Slugs of the catalog not written yet, with their titles. */
  planned: Map<string, string>;
}

export class AuthoringError extends Error {}

/** The topic, checked; an unknown one is refused with the closest names. */
export function checkTopic(topic: string | undefined, topics: Iterable<string>): string {
  const known = [...topics];
  if (!topic) throw new AuthoringError(`choose a topic with --topic <id>, one of: ${known.join(', ')}`);
  if (!known.includes(topic)) {
    throw new AuthoringError(`"${topic}" is not a topic in content/topics.yaml; did you mean ${closest(topic, known).map((name) => `"${name}"`).join(' or ')}?`);
  }
  return topic;
}

/** The slug for a new article: `wanted` or one suggested from the title, refused if it is taken. */
export function chooseSlug(title: string, wanted: string | undefined, taken: Taken): string {
  const slug = wanted ?? suggestSlug(title);
  if (!slug) {
    throw new AuthoringError(`"${title}" has no Latin letters to make an address from; choose one with --slug <lower-case-ascii-kebab-case>, e.g. --slug flash-attention`);
  }
  const problem = slugProblem(slug);
  if (problem) throw new AuthoringError(`${problem}; choose another with --slug`);
  if ([...taken.articles].includes(slug)) {
    throw new AuthoringError(`content/articles/${slug}.md exists already; edit it, or choose another address with --slug`);
  }
  const owner = taken.formerSlugs.get(slug);
  if (owner) {
    throw new AuthoringError(`"${slug}" was the address of content/articles/${owner}.md (listed in its formerSlugs) and still leads there; choose another with --slug`);
  }
  return slug;
}

/** A YAML scalar: plain when that reads back as the same string, double-quoted otherwise. */
export function yamlString(value: string): string {
  const plain = /^[\p{L}\p{N}(（][\p{L}\p{N}\p{Zs}._\-()（）·/、：“”《》]*$/u.test(value)
    && !/^(true|false|yes|no|on|off|null|~|[-+]?[\d._]+(e[-+]?\d+)?)$/i.test(value)
    && !/\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

const yamlList = (values: string[]) => `[${values.map(yamlString).join(', ')}]`;

export interface Frontmatter {
  title: string;
  topic: string;
  created: Date;
  summary?: string;
  aliases?: string[];
  tags?: string[];
  /** Extra lines for the author, written as YAML comments after `summary`. */
  notes?: string[];
}

/**
 * The frontmatter of a new article: every field of the schema, the optional ones commented out with
 * what they hold, and `draft: true`, so the note shows in `npm run dev` but is published only when
 * the author removes that line (with a real summary: the placeholder fails the build then).
 */
export function frontmatterText(fields: Frontmatter): string {
  const day = fields.created.toISOString().slice(0, 10);
  return [
    '---',
    `title: ${yamlString(fields.title)}`,
    `summary: ${yamlString(fields.summary ?? summaryPlaceholder)}`,
    ...(fields.notes ?? []).map((note) => `# ${note}`),
    `topic: ${fields.topic}`,
    `tags: ${yamlList(fields.tags ?? [])}`,
    `aliases: ${yamlList(fields.aliases ?? [])}`,
    '# tags: lower-case kebab-case, e.g. [attention, kv-cache]; aliases: other names readers search for',
    '# paper:                                 # the main paper, if there is one',
    '#   title: "Paper title as published"',
    '#   authors: [First Author, Second Author]   # as the paper lists them, or its team: [DeepSeek-AI]',
    '#   url: https://arxiv.org/abs/0000.00000',
    '#   arxiv: "0000.00000"                  # quoted',
    '#   venue: NeurIPS 2024',
    '#   year: 2024                           # its first public version (arXiv v1)',
    '# code: https://github.com/owner/repo    # official code',
    '# org: Organisation',
    `created: ${day}`,
    `# updated: ${day}                    # when revised in substance; defaults to created`,
    '# related: [slug-a, slug-b]              # articles to read next',
    'draft: true                              # remove this line to publish',
    '---',
    '',
  ].join('\n');
}

/** A whole new article from `npm run new`: frontmatter and an empty first section. */
export function newArticleText(fields: Frontmatter): string {
  return `${frontmatterText(fields)}\n## 概述\n\n`;
}
