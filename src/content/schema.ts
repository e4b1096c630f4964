import { z } from 'astro/zod';
import { closest } from '../lib/closest.ts';
import { reservedSlugs } from '../lib/routes.ts';
import { kebabCase } from '../lib/slugs.ts';

/** How `npm run new` and `npm run import` mark what the author still has to write. */
export const todoMarker = /^TODO\b/;


/**
 * An object whose fields are all named here. A field it does not know (a typo such as `xcode:`) is
 * reported at its own path, so the build names its line, with the closest known field; zod's own
 * strict objects report it at the object, which Astro prints as `****` at line 0.
 */
function fields<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.preprocess((input, context) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (known.includes(key)) {
        kept[key] = value;
        continue;
      }
      const guesses = closest(key, known).map((name) => `"${name}"`).join(' or ');
      context.addIssue({ code: 'custom', path: [key], input, message: `"${key}" is not a field here; did you mean ${guesses}? (the fields are ${known.join(', ')})` });
    }
    return kept;
  }, z.strictObject(shape));
}

/**
 * An address a reader can follow: http or https only. `z.url()` alone also takes `javascript:`,
 * `data:` and `ftp:`, which would publish a link that runs code or leads nowhere.
 */
const webAddress = (example: string) => z.url({
  protocol: /^https?$/,
  error: (issue) => `${JSON.stringify(String(issue.input))} is not a web address; write an http:// or https:// address, e.g. ${example}`,
});

/** A required field that is not written says so, not "expected string, received undefined". */
const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'missing; add this field to the frontmatter' : undefined) };

const paperSchema = fields({
  /** Title of the paper as published. */
  title: z.string(required).min(1),
  /** Authors as the paper lists them, in its order; for a paper whose author line is a team or company (`DeepSeek-AI`, `Kimi Team`), that name. */
  authors: z.array(z.string().trim().min(1, 'an author is a name, e.g. "Tri Dao"'), required).min(1, 'list the authors as the paper does, e.g. [Tri Dao, Daniel Y. Fu]'),
  /** Canonical link to the paper, usually the arXiv abstract page. */
  url: webAddress('https://arxiv.org/abs/2205.14135'),
  /** arXiv identifier such as `2205.14135`; quote it in YAML so it stays a string. */
  arxiv: z.string().regex(/^\d{4}\.\d{4,5}$/, 'an arXiv id looks like "2205.14135" (quoted)').optional(),
  /** Where it was published, e.g. `NeurIPS 2022`. */
  venue: z.string().min(1).optional(),
  /** Year of the first public version (the arXiv v1, or the publication when there was no preprint); the venue's own year goes in `venue`. */
  year: z.number({ error: (issue) => (issue.input === undefined ? 'missing; add the year the paper first appeared (its arXiv v1), e.g. year: 2022' : undefined) }).int().min(1950).max(2100),
});

/** A count written as people say it: `671B`, `37B`, `400M`, `1.8T` (parameters) or `128K`, `4096` (tokens). */
const countPattern = /^\d+(?:\.\d+)?[KMBT]?$/;
const count = (example: string) => z.coerce.string().regex(countPattern, `write a count like ${example}`);

/** Facts about a model, for comparison tables and the timeline; every field is optional. */
export const modelSchema = fields({
  /** Which model the facts describe, when the note covers a family (e.g. `InternVL 1.5`). */
  name: z.string().min(1).optional(),
  /** When it was released (weights, API or report, whichever came first): `2024-12` or `2024-12-26`. */
  released: z.union([
    z.date().transform((date) => date.toISOString().slice(0, 10)),
    z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'a release date looks like 2024-12 or 2024-12-26'),
  ]).optional(),
  /** Parameters: `total`, and `activated` per token for mixture-of-experts models. */
  params: fields({ total: count('"671B"'), activated: count('"37B"').optional() }).optional(),
  /** Longest context in tokens, e.g. `128K` or `4096`. */
  context: count('"128K" or 4096').optional(),
  /** What it reads and writes. */
  modalities: z.array(z.enum(['text', 'image', 'video', 'audio'])).optional(),
  /** Its main parts, each named as the paper names it. */
  architecture: fields({
    /** Vision encoder, e.g. `InternViT-6B`. */
    vision: z.string().min(1).optional(),
    /** What joins vision to language, e.g. `MLP` or `Q-Former`. */
    connector: z.string().min(1).optional(),
    /** The language model, e.g. `Qwen-7B`. */
    language: z.string().min(1).optional(),
    /** Attention, e.g. `MLA` or `GQA`. */
    attention: z.string().min(1).optional(),
    /** Feed-forward layers, e.g. `DeepSeekMoE, 256 routed + 1 shared experts`. */
    ffn: z.string().min(1).optional(),
  }).optional(),
});

/** A string that must be one of `known`; the message names the closest ones, so a typo is quick to fix. */
function oneOf(kind: string, known: Iterable<string>) {
  const names = new Set(known);
  return z.string(required).refine((name) => names.has(name), {
    error: (issue) => `"${String(issue.input)}" is not ${kind}; did you mean ${closest(String(issue.input), names).map((name) => `"${name}"`).join(' or ')}?`,
  // The names also go into the JSON schema Astro writes for editors, which then offer them as completions.
  }).meta({ enum: [...names].sort() });
}

const schemas = new WeakMap<object, ReturnType<typeof articleSchema>>();
/**
 * `articleSchema` for one state of the content folder (its note index), built once: Astro asks for
 * the schema once a note, and building it sorts every note's slug (for editors' completions), which
 * at 10,000 notes made 53 s of a cold build's CPU (a CPU profile's `oneOf` and `articleSchema`).
 */
export function articleSchemaOf(index: { topics: string[]; articles: string[]; planned: Map<string, string> }) {
  let schema = schemas.get(index);
  if (!schema) {
    schema = articleSchema({ topics: index.topics, articles: [...index.articles, ...index.planned.keys()] });
    schemas.set(index, schema);
  }
  return schema;
}

/**
 * Frontmatter of an article. `topic` and `related` are checked against the topics and articles
 * that exist, so a typo fails the build instead of linking nowhere.
 */
export function articleSchema(known: { topics: Iterable<string>; articles: Iterable<string> }) {
  const live = new Set(known.articles);
  return fields({
    /** Display title, as readers know the model or technique. */
    title: z.string(required).min(1),
    /** One sentence shown under the title and in link previews. */
    summary: z.string(required).min(10, 'write one full sentence: it is the link preview text').max(200, 'keep the summary to one sentence (at most 200 characters)'),
    /** The topic this article belongs to: an id from `content/topics.yaml`. */
    topic: oneOf('a topic in content/topics.yaml', known.topics),
    /** Lower-case kebab-case tags, each with its own page under `/tags/`. */
    tags: z.array(z.string().regex(kebabCase, 'tags are lower-case kebab-case ASCII, e.g. "kv-cache"')).default([]),
    /** Other names readers search for: Chinese names, English names, abbreviations. */
    aliases: z.array(z.string().min(1)).default([]),
    /** The main paper behind the article. */
    paper: paperSchema.optional(),
    /** Link to the official code. */
    code: webAddress('https://github.com/Dao-AILab/flash-attention').optional(),
    /** Organisation(s) behind the model or technique. */
    org: z.string().min(1).optional(),
    /** Facts about the model the note is about; see `modelSchema`. */
    model: modelSchema.optional(),
    /** When the note was first written. */
    created: z.coerce.date({ error: 'write the day the note was first written, e.g. 2026-11-22' }),
    /** When the note was last revised in substance; defaults to `created`. */
    updated: z.coerce.date({ error: 'write the day of the last revision, e.g. 2026-11-22' }).optional(),
    /** Slugs of articles worth reading next, in order of relevance. */
    related: z.array(oneOf('an article in content/articles', known.articles)).default([]),
    /** Slugs this article was published under before a rename or merge; each old address keeps leading here. */
    formerSlugs: z.array(
      z.string()
        .regex(kebabCase, 'a former slug is lower-case kebab-case ASCII, as the old file name was')
        .refine((slug) => !live.has(slug), { error: (issue) => `"${String(issue.input)}" is the slug of a live article, so it cannot also redirect; remove it from formerSlugs` })
        .refine((slug) => !reservedSlugs.has(slug), { error: (issue) => `"${String(issue.input)}" is a route of the site (/${String(issue.input)}/), not a former article; remove it from formerSlugs` }),
    ).default([]),
    /** Whether the first mention of each glossary term in the text is marked, showing its definition on hover; `false` leaves the text unmarked. */
    termHints: z.boolean().default(true),
    /** A draft is built in development only: never published, listed or indexed. */
    draft: z.boolean().default(false),
  }).refine((data) => data.draft || !todoMarker.test(data.summary), {
    path: ['summary'],
    error: 'the summary is still the TODO placeholder from `npm run new` or `npm run import`; write one sentence before removing `draft: true`',
  });
}

export const topicSchema = fields({
  /** Chinese name shown in navigation. */
  name: z.string().min(1),
  /** English name, searched and shown beside the Chinese one. */
  nameEn: z.string().min(1),
  /** One or two sentences on what the topic covers. */
  description: z.string().min(1),
  /** Position on the home page, lowest first. */
  order: z.number().int(),
});

/** A name as readers write it: one line, no surrounding spaces. */
const termName = z.string().trim().min(1, 'a name is empty; remove it or write it').refine((name) => !/\n/.test(name), 'a name is one line');

/**
 * One term of `content/glossary.yaml`. Its id is the key it is written under; the checks that need
 * the whole file or the notes (a name two terms claim, a note or heading that does not exist) are
 * in src/content/glossary.ts.
 */
export const glossaryEntrySchema = fields({
  /** Chinese names, the usual translation first, then other common ones (`[知识蒸馏, 蒸馏]`). */
  zh: z.array(termName, { error: 'give the term its Chinese names as a list, e.g. zh: [知识蒸馏, 蒸馏]' }).min(1, 'give the term at least one Chinese name, e.g. zh: [知识蒸馏]'),
  /** English names and abbreviations (`[knowledge distillation, KD]`). */
  en: z.array(termName, { error: 'give the term its English names as a list, e.g. en: [knowledge distillation, KD]' }).min(1, 'give the term at least one English name or abbreviation, e.g. en: [knowledge distillation, KD]'),
  /** One sentence in Chinese saying what it is, shown on /terms/. */
  definition: z.string({ error: 'write a definition: one sentence in Chinese saying what the term is' }).trim().min(5, 'write one sentence saying what the term is').max(200, 'keep the definition to one sentence (at most 200 characters)'),
  /** The note that explains it: its slug, or `slug#heading` for a section (heading id or text, as in a wikilink). */
  note: z.string({ error: 'name the note that explains the term: note: slug, or slug#heading' }).trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:#.+)?$/, 'write the note as its slug or slug#heading, e.g. mla or mla#解耦-rope'),
});
