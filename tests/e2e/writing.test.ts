import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fixtureTopics, root } from './fixture-build.ts';

describe('an imported Obsidian vault, once its author has filled in the drafts', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'import-build-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const content = path.join(work, 'content');
  const dist = path.join(work, 'dist');

  test('builds: images through Astro\'s pipeline, callouts, bookmark cards and links between the notes', () => {
    spawnSync('mkdir', ['-p', path.join(content, 'articles')]);
    writeFileSync(path.join(content, 'topics.yaml'), fixtureTopics);
    const env = { ...process.env, CONTENT_DIR: content, OUT_DIR: dist, CACHE_DIR: path.join(work, 'cache'), FORCE_COLOR: '0' };
    const imported = spawnSync(process.execPath, ['scripts/import-notes.ts', 'tests/fixtures/import/obsidian', '--topic', 'llm'], { cwd: root, env, encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);

    // What the author does next: a summary, alt text for the images, and publish.
    for (const file of ['llada/index.md', 'medusa.md']) {
      const target = path.join(content, 'articles', file);
      const text = readFileSync(target, 'utf8')
        .replace(/^summary: .*$/m, 'summary: 导入后补写的一句摘要，说明这篇笔记讲什么。')
        .replace(/^draft: true.*\n/m, '')
        .replace('![](./llada-masking.png)', '![掩码扩散的加噪过程](./llada-masking.png)')
        .replace('![](./figure-1.png)', '![LLaDA 的采样过程](./figure-1.png)');
      writeFileSync(target, text);
    }
    const built = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, env, encoding: 'utf8' });
    expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    // The build checks its links too (src/integrations/link-check.ts).
    expect(`${built.stdout}`).toMatch(/\[link-check\]\S* \d+ links on \d+ pages all resolve/);

    const html = readFileSync(path.join(dist, 'llada/index.html'), 'utf8');
    const images = [...html.matchAll(/<img [^>]*>/g)].map((match) => match[0]);
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image).toMatch(/src="\/_astro\/[^"]+\.webp"/);
      expect(image).toMatch(/width="2" height="1"/);
      expect(image).toContain('loading="lazy"');
    }
    expect(images[0]).toContain('alt="掩码扩散的加噪过程"');
    expect(readdirSync(path.join(dist, '_astro')).filter((file) => file.endsWith('.webp')).length).toBeGreaterThanOrEqual(2);
    expect(html).toMatch(/<aside class="callout callout-tip" data-callout="tip" role="note">/);
    expect(html).toContain(`href="${encodeURI('/medusa/#推测解码')}"`);
    const medusa = readFileSync(path.join(dist, 'medusa/index.html'), 'utf8');
    expect(medusa).toMatch(/<p class="bookmark"><a href="https:\/\/github\.com\/FasterDecoding\/Medusa"[^>]*class="bookmark-card/);
    expect(medusa).toMatch(/<details class="callout callout-warning" data-callout="warning">/);
    // A two-minute note needs no progress bar; the font size control is on every article.
    expect(medusa).not.toContain('<reading-progress');
    expect(medusa).toContain('<font-size-control');
  });

  // Every build (this one included) writes the schemas to .astro/collections/, where the editor settings point.
  test('the build leaves the frontmatter schema editors read, with the topics and articles to choose from', () => {
    const settings = JSON.parse(readFileSync(path.join(root, '.vscode/settings.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
    expect(settings['astro.content-intellisense']).toBe(true);
    const schema = JSON.parse(readFileSync(path.join(root, '.astro/collections/articles.schema.json'), 'utf8'));
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'summary', 'topic', 'created']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.topic.enum).toEqual(['llm']);
    expect(schema.properties.related.items.enum).toEqual(['llada', 'medusa']);
    // The Astro extension finds an article's schema through this map.
    const manifest = JSON.parse(readFileSync(path.join(root, '.astro/collections/collections.json'), 'utf8'));
    expect(manifest.entries[`file://${content}/articles/llada/index.md`.toLowerCase()]).toBe('articles');
    // The topics file is checked against its own generated schema.
    const [schemaFile, target] = Object.entries(settings['yaml.schemas'] as Record<string, string>)[0];
    expect(target).toBe('content/topics.yaml');
    expect(JSON.parse(readFileSync(path.join(root, schemaFile), 'utf8')).anyOf).toHaveLength(2);
  });
});
