/**
 * `npm run import -- <folder or file>… --topic <topic> [--slug <slug>] [--dry-run]`: notes exported
 * from Notion or Obsidian become draft articles. A note with images becomes
 * content/articles/<slug>/index.md with its images beside it; one without, content/articles/<slug>.md.
 * Nothing that exists is overwritten. Prints each article written and what it could not convert.
 * The rules live in src/authoring/import-notes.ts.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundledLanguages } from 'shiki';
import { parse as parseYaml } from 'yaml';
import { contentDir } from '../src/content/note-index.ts';
import { planImport, type SourceNote } from '../src/authoring/import-notes.ts';
import { AuthoringError, checkTopic } from '../src/authoring/new-article.ts';
import { slugFromPath } from '../src/lib/slugs.ts';
import { readTaken } from '../src/authoring/taken.ts';

const usage = 'usage: npm run import -- <folder or file>… --topic <topic> [--slug <slug>] [--dry-run]';
const plainLanguages = new Set(['text', 'txt', 'plain', 'plaintext', 'math']);

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { topic: { type: 'string' }, slug: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (positionals.length === 0) throw new AuthoringError(`give the exported folder or note\n${usage}`);
  const dir = contentDir();
  const taken = readTaken(dir);
  const topic = checkTopic(values.topic, taken.topics);

  // Titles and aliases of the site's articles, so [[MLA]] in a note can link to /mla/.
  const names = new Map<string, string>();
  const articlesDir = path.join(dir, 'articles');
  for (const file of readdirSync(articlesDir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.mdx?$/.test(name))) {
    const slug = slugFromPath(file);
    const data = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(articlesDir, file), 'utf8'))?.[1] ?? '') ?? {};
    for (const name of [slug, data.title, ...(Array.isArray(data.aliases) ? data.aliases : [])]) if (name) names.set(String(name).toLowerCase(), slug);
  }

  let imported = 0;
  let problems = 0;
  for (const given of positionals) {
    const target = path.resolve(given);
    if (!existsSync(target)) throw new AuthoringError(`${given} does not exist`);
    const isFolder = statSync(target).isDirectory();
    const root = isFolder ? target : path.dirname(target);
    // Every file of the export, for the images notes refer to; a single note takes its own folder.
    const files = new Set(readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => file.split(path.sep).join('/')));
    const notePaths = isFolder ? [...files].filter((file) => /\.md$/i.test(file)).sort() : [path.basename(target)];
    const notes: SourceNote[] = notePaths.map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8') }));
    const plan = planImport(notes, files, { ...taken, names }, {
      topic,
      slug: values.slug,
      today: new Date(),
      isLanguage: (name) => plainLanguages.has(name) || name in bundledLanguages,
    });
    for (const article of plan.articles) {
      const folder = article.images.size > 0 ? path.join(articlesDir, article.slug) : undefined;
      const file = folder ? path.join(folder, 'index.md') : path.join(articlesDir, `${article.slug}.md`);
      if (existsSync(file) || existsSync(path.join(articlesDir, article.slug)) || existsSync(path.join(articlesDir, `${article.slug}.md`))) {
        console.error(`skipped ${article.source}: ${path.relative('.', file)} exists already and is never overwritten`);
        continue;
      }
      if (!values['dry-run']) {
        if (folder) mkdirSync(folder);
        for (const [from, name] of article.images) copyFileSync(path.join(root, from), path.join(folder!, name));
        writeFileSync(file, article.text, { flag: 'wx' });
      }
      imported++;
      console.log(`${values['dry-run'] ? 'would write' : 'wrote'} ${path.relative('.', file)} ← ${article.source}${article.images.size ? ` (+${article.images.size} image${article.images.size > 1 ? 's' : ''})` : ''}`);
      for (const problem of article.problems) console.log(`  ${problem}`);
      problems += article.problems.length;
    }
    for (const { source, reason } of plan.skipped) console.error(`skipped ${source}: ${reason}`);
    problems += plan.skipped.length;
  }
  console.log(`${imported} article(s) ${values['dry-run'] ? 'to import' : 'imported as drafts'}; ${problems} thing(s) to check by hand (listed above).`);
  if (imported === 0) process.exit(1);
} catch (error) {
  if (!(error instanceof AuthoringError) && !(error instanceof TypeError)) throw error;
  console.error(`npm run import: ${error.message}`);
  process.exit(1);
}
