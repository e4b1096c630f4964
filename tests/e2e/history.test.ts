import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureTopics, frontmatter, root } from './fixture-build.ts';
import { productionEnv } from './production-env.ts';

/**
 * Notes in a git repository, built with REPO_URL: a note without `updated` shows its last commit as
 * its update date and links to its history; one never committed shows its created date.
 */
const work = mkdtempSync(path.join(tmpdir(), 'notes-history-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('last updated from git', () => {
  let result: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    const content = path.join(work, 'content');
    mkdirSync(path.join(content, 'articles'), { recursive: true });
    writeFileSync(path.join(content, 'topics.yaml'), fixtureTopics);
    writeFileSync(path.join(content, 'articles', 'committed.md'), `${frontmatter('', '提交过的笔记')}\n## 正文\n\n这篇笔记已经提交。\n`);
    const git = (...args: string[]) => execFileSync('git', args, {
      cwd: work,
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_AUTHOR_DATE: '2026-11-27T08:00:00+00:00', GIT_COMMITTER_DATE: '2026-11-27T08:00:00+00:00' },
    });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'add a note');
    writeFileSync(path.join(content, 'articles', 'fresh.md'), `${frontmatter('', '没提交的笔记')}\n## 正文\n\n这篇还没提交。\n`);

    result = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...productionEnv(), CONTENT_DIR: content, OUT_DIR: path.join(work, 'dist'), CACHE_DIR: path.join(work, 'cache'), REPO_URL: 'https://github.com/o/r', FORCE_COLOR: '0' },
    });
  }, 300_000);
  const page = (slug: string) => readFileSync(path.join(work, 'dist', slug, 'index.html'), 'utf8');
  const updatedOf = (html: string) => /<dt>更新<\/dt><dd><time datetime="([^"]+)">([^<]+)<\/time>/.exec(html)?.slice(1);

  test('a committed note is updated on its last commit, with a link to its history', () => {
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
    const html = page('committed');
    expect(updatedOf(html)).toEqual(['2026-11-27T08:00:00.000Z', '2026-11-27']);
    expect(html).toContain('（创建于 <time datetime="2026-11-22T00:00:00.000Z">2026-11-22</time>）');
    expect(html).toMatch(/<a class="history-link" href="https:\/\/github.com\/o\/r\/commits\/main\/content\/articles\/committed.md"[^>]*>修改历史<\/a>/);
  });

  test('a note not yet committed shows its created date', () => {
    expect(updatedOf(page('fresh'))).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-22']);
  });
});
