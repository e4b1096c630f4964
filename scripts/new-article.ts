/**
 * `npm run new -- "<title>" --topic <topic> [--slug <slug>]`: starts an article. Writes
 * content/articles/<slug>.md with every frontmatter field to fill in and prints its path; refuses a
 * slug that exists (or existed) and an unknown topic. The rules live in src/authoring/new-article.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentDir } from '../src/content/note-index.ts';
import { AuthoringError, checkTopic, chooseSlug, newArticleText } from '../src/authoring/new-article.ts';
import { readTaken, withoutPlanned } from '../src/authoring/taken.ts';

const usage = 'usage: npm run new -- "<title>" --topic <topic> [--slug <slug>]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { topic: { type: 'string' }, slug: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const title = positionals.join(' ').trim();
  if (!title) throw new AuthoringError(`give the article's title\n${usage}`);
  const dir = contentDir();
  const taken = readTaken(dir);
  const topic = checkTopic(values.topic, taken.topics);
  const slug = chooseSlug(title, values.slug, taken);
  const file = path.join(dir, 'articles', `${slug}.md`);
  // The content index reads file names only; check the disk too, in case of an index.md folder or a race.
  if (existsSync(file) || existsSync(path.join(dir, 'articles', slug))) throw new AuthoringError(`${file} exists already; choose another address with --slug`);
  writeFileSync(file, newArticleText({ title, topic, created: new Date() }), { flag: 'wx' });
  if (taken.planned.has(slug)) {
    const plannedFile = path.join(dir, 'planned.yaml');
    writeFileSync(plannedFile, withoutPlanned(readFileSync(plannedFile, 'utf8'), slug));
    console.error(`removed "${slug}" from ${plannedFile}: links to it now lead to the new article`);
  }
  console.log(file);
  console.error(`a draft until you remove \`draft: true\`; fill in the summary, tags and aliases. Address: /${slug}/`);
} catch (error) {
  if (!(error instanceof AuthoringError) && !(error instanceof TypeError)) throw error;
  console.error(`npm run new: ${error.message}`);
  process.exit(1);
}
