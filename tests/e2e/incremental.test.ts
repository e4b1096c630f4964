import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { fixtureTopics, frontmatter, useFixtureBuilds } from './fixture-build.ts';

const build = useFixtureBuilds();

/** The routes a build kept from the last one instead of rendering (Astro logs them so: `cached` when left in place, `restored` when copied from its cache): article pages by slug, the emitters' by file. */
const keptRoutes = (output: string) => [...stripVTControlCharacters(output).matchAll(/├─ \/(?:emitted-files\/)?([^/\s]+?)(?:\/index\.html)? \((?:cached|restored)\)/g)].map((match) => match[1]).sort();
const keptPages = (output: string) => keptRoutes(output).filter((route) => !route.endsWith('.bin'));
const emitters = ['former-addresses.bin', 'hover-previews.bin', 'markdown-copies.bin', 'search-names.bin', 'section-pages.bin'];

/**
 * The files two built sites do not have alike, leaving out the search index and the worker, which
 * lists the index's files: two indexes Pagefind writes for the same pages need not be byte-identical.
 */
function differing(distA: string, distB: string): string[] {
  const list = (dist: string) => readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => !/^(pagefind|sw\.js)/.test(file) && !statSync(path.join(dist, file)).isDirectory());
  const names = new Set([...list(distA), ...list(distB)]);
  const read = (dist: string, file: string) => (existsSync(path.join(dist, file)) ? readFileSync(path.join(dist, file), 'latin1') : undefined);
  return [...names].filter((file) => read(distA, file) !== read(distB, file)).sort();
}

/**
 * What a search index holds, as two indexes of the same pages must agree on it whatever order
 * Pagefind numbered the pages in: each page's record (its fragment: address, text, title) and the
 * words of its word chunks.
 */
function indexed(dist: string): { pages: string[]; words: string[] } {
  const unpacked = (folder: string) => readdirSync(path.join(dist, 'pagefind', folder)).map((file) => gunzipSync(readFileSync(path.join(dist, 'pagefind', folder, file))).toString('utf8'));
  const words = new Set(unpacked('index').flatMap((chunk) => chunk.match(/\p{Script=Han}+|[a-z]{3,}/gu) ?? []));
  return { pages: unpacked('fragment').sort(), words: [...words].sort() };
}
const givenEarly = 'given to Pagefind while the pages were built';

const notes = ({ betaTitle = '贝塔旧题', alphaSentence = '先读', topicName = '大语言模型', betaFormula = '$a+b$' } = {}) => ({
  'topics.yaml': fixtureTopics.replace('大语言模型', topicName) + 'vision:\n  name: 视觉\n  nameEn: Vision\n  description: 另一个主题。\n  order: 2\n',
  'articles/alpha-note.md': frontmatter('', '阿尔法') + `\n${alphaSentence} [[beta-note]] 再往下。\n`,
  'articles/beta-note.md': frontmatter('', betaTitle) + `\n## 第一节\n\n贝塔的正文，公式 ${betaFormula}。\n`,
  'articles/gamma-note.md': frontmatter('related: [beta-note]\n', '伽马') + '\n伽马的正文。\n',
  // Alone in its topic: no other note is among its related notes.
  'articles/delta-note.md': frontmatter('', '德尔塔').replace('topic: llm', 'topic: vision') + '\n德尔塔的正文，与别的笔记无关。\n',
});

describe('a warm build, which keeps the article pages nothing changed from the last build', () => {
  test('renders again exactly the pages that show what changed, and they come out as a cold build writes them', () => {
    const first = build('kept', notes());
    expect(first.ok, first.output).toBe(true);
    expect(keptPages(first.output)).toEqual([]);

    // Built from another shell (`npm run build` after `npx astro build`): the shell's `_` and PATH differ.
    const unchanged = build('kept', notes(), { _: '/usr/bin/npm', PATH: `/opt/another-shell/bin${path.delimiter}${process.env.PATH}` });
    expect(unchanged.ok, unchanged.output).toBe(true);
    expect(keptRoutes(unchanged.output)).toEqual(['alpha-note', 'beta-note', 'delta-note', ...emitters, 'gamma-note'].sort());
    expect(differing(unchanged.dist, first.dist)).toEqual([]);
    expect(unchanged.output).toContain("(the last build's index: no article page changed)");

    // The project moved, cache and all (notes, output and cache in one folder here): the same pages are kept.
    renameSync(path.dirname(unchanged.dist), path.join(path.dirname(unchanged.dist), '../moved'));
    const moved = build('moved', notes());
    expect(moved.ok, moved.output).toBe(true);
    expect(keptRoutes(moved.output)).toEqual(keptRoutes(unchanged.output));
    renameSync(path.dirname(moved.dist), path.dirname(unchanged.dist));

    // A changed sentence shows among the backlinks of the note it links to.
    const sentence = build('kept', notes({ alphaSentence: '务必先读' }));
    expect(sentence.ok, sentence.output).toBe(true);
    expect(keptPages(sentence.output)).toEqual(['delta-note', 'gamma-note']);
    expect(readFileSync(path.join(sentence.dist, 'beta-note/index.html'), 'utf8')).toMatch(/务必先读/);

    // A renamed note shows on its own page, in the text of the note that links to it and among the
    // related notes of another.
    const edited = notes({ betaTitle: '贝塔新题', alphaSentence: '务必先读' });
    const warm = build('kept', edited);
    expect(warm.ok, warm.output).toBe(true);
    expect(keptRoutes(warm.output)).toEqual(['delta-note']);
    const html = (page: string) => readFileSync(path.join(warm.dist, page, 'index.html'), 'utf8');
    expect(html('alpha-note')).toContain('>贝塔新题</a>');
    expect(html('gamma-note')).toMatch(/related-heading[^]*贝塔新题/);
    expect(warm.output).not.toContain("(the last build's index");
    // A note changed, so Pagefind was given the last build's article pages as the build began, and
    // the changed ones again at the end: the index holds what a cold build's does, the old title gone.
    expect(warm.output).toContain(`4 of them ${givenEarly}`);
    const cold = build('cold', edited);
    expect(cold.ok, cold.output).toBe(true);
    expect(cold.output).not.toContain(givenEarly);
    expect(readFileSync(path.join(warm.dist, 'beta-note.md'), 'utf8')).toMatch(/^# 贝塔新题$/m);
    expect(differing(warm.dist, cold.dist)).toEqual([]);
    expect(indexed(warm.dist)).toEqual(indexed(cold.dist));
    expect(indexed(warm.dist).words).toContain('贝塔新题'.slice(2));
    expect(indexed(warm.dist).pages.join('')).not.toContain('旧题');

    // A deleted note's page goes from the output with its folder; the rest is what a cold build writes.
    const withoutGamma = Object.fromEntries(Object.entries(edited).filter(([file]) => file !== 'articles/gamma-note.md'));
    rmSync(path.join(path.dirname(warm.dist), 'content/articles/gamma-note.md'));
    const deleted = build('kept', withoutGamma);
    expect(deleted.ok, deleted.output).toBe(true);
    expect(existsSync(path.join(deleted.dist, 'gamma-note'))).toBe(false);
    const coldDeleted = build('cold-deleted', withoutGamma);
    expect(differing(deleted.dist, coldDeleted.dist)).toEqual([]);
    // Pagefind cannot forget a page it was given: with a page gone, the index is made anew.
    expect(deleted.output).not.toContain(givenEarly);
    expect(indexed(deleted.dist)).toEqual(indexed(coldDeleted.dist));

    // What every page shows alike (the topics, in the breadcrumbs and the search dialog) renders them all again.
    const renamedTopic = build('kept', notes({ betaTitle: '贝塔新题', alphaSentence: '务必先读', topicName: '语言模型' }));
    expect(renamedTopic.ok, renamedTopic.output).toBe(true);
    expect(keptPages(renamedTopic.output)).toEqual([]);
    expect(readFileSync(path.join(renamedTopic.dist, 'delta-note/index.html'), 'utf8')).toMatch(/按主题浏览：<a href="\/topics\/llm\/">语言模型<\/a>/);

    // A formula that draws a character no note drew before cuts KaTeX's fonts anew, under new names
    // in the stylesheet every page inlines: no page keeps the old names.
    const glyph = build('kept', notes({ betaTitle: '贝塔新题', alphaSentence: '务必先读', topicName: '语言模型', betaFormula: '$\\aleph$' }));
    expect(glyph.ok, glyph.output).toBe(true);
    expect(keptPages(glyph.output)).toEqual([]);
    for (const page of ['alpha-note', 'delta-note']) {
      const fonts = readFileSync(path.join(glyph.dist, page, 'index.html'), 'utf8').match(/\/_astro\/KaTeX_[\w.-]+\.woff2/g) ?? [];
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(existsSync(path.join(glyph.dist, font)), `${page} names ${font}`).toBe(true);
    }
  }, 300_000);

  test('into a folder another build wrote since, keeps no page older than the cache', () => {
    const first = build('two-outputs', notes());
    expect(first.ok, first.output).toBe(true);
    const changed = notes({ alphaSentence: '另一处先读' });
    const elsewhere = build('two-outputs', changed, { OUT_DIR: path.join(path.dirname(first.dist), 'elsewhere') });
    expect(elsewhere.ok, elsewhere.output).toBe(true);
    // The pages the other build rendered are kept by its keys; this folder still holds the first build's.
    const back = build('two-outputs', changed);
    expect(back.ok, back.output).toBe(true);
    expect(keptPages(back.output)).toEqual(['alpha-note', 'beta-note', 'delta-note', 'gamma-note']);
    for (const page of ['alpha-note', 'beta-note']) expect(readFileSync(path.join(back.dist, page, 'index.html'), 'utf8')).toMatch(/另一处先读/);
  }, 120_000);
});
