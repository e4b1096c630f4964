import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { historyUrl, parseGitLog, readRepository, revisedAt } from '../../src/lib/git-history.ts';

const work = mkdtempSync(path.join(tmpdir(), 'notes-git-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A repository with content/articles/{old,edited}.md committed on fixed dates and new.md never committed. */
function repository(): string {
  const dir = path.join(work, 'repo');
  const articles = path.join(dir, 'content', 'articles');
  mkdirSync(articles, { recursive: true });
  const git = (args: string[], date?: string) => execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
  });
  git(['init', '-q', '-b', 'main']);
  writeFileSync(path.join(articles, 'old.md'), 'a');
  writeFileSync(path.join(articles, 'edited.md'), 'a');
  git(['add', '.']);
  git(['commit', '-q', '-m', 'first'], '2026-01-05T10:00:00+00:00');
  writeFileSync(path.join(articles, 'edited.md'), 'b');
  git(['commit', '-q', '-am', 'edit'], '2026-03-07T12:30:00+00:00');
  writeFileSync(path.join(articles, 'new.md'), 'c');
  return dir;
}

describe('dates from git history', () => {
  const dir = repository();
  const articles = path.join(dir, 'content', 'articles');
  const { root, dates } = readRepository(articles);

  test('each committed note is dated by its last commit', () => {
    expect(root).toBe(execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim());
    expect(dates.get(path.join(articles, 'old.md'))?.toISOString()).toBe('2026-01-05T10:00:00.000Z');
    expect(dates.get(path.join(articles, 'edited.md'))?.toISOString()).toBe('2026-03-07T12:30:00.000Z');
  });

  test('a note never committed has no date from git, and keeps its created date', () => {
    expect(dates.has(path.join(articles, 'new.md'))).toBe(false);
    const created = new Date('2026-02-01');
    expect(revisedAt(path.join(articles, 'new.md'), { created }, (file) => dates.get(file))).toEqual(created);
  });

  test('frontmatter `updated` wins; a commit older than `created` does not move the date back', () => {
    const lastCommit = (file: string) => dates.get(file);
    const updated = new Date('2026-01-10');
    expect(revisedAt(path.join(articles, 'edited.md'), { created: new Date('2026-01-01'), updated }, lastCommit)).toEqual(updated);
    expect(revisedAt(path.join(articles, 'edited.md'), { created: new Date('2026-01-01') }, lastCommit).toISOString()).toBe('2026-03-07T12:30:00.000Z');
    expect(revisedAt(path.join(articles, 'old.md'), { created: new Date('2026-02-01') }, lastCommit)).toEqual(new Date('2026-02-01'));
  });

  test('outside a repository, and in a shallow clone, git gives no dates', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'notes-nogit-'));
    expect(readRepository(outside)).toEqual({ dates: new Map() });
    rmSync(outside, { recursive: true });
    const shallow = path.join(work, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
    expect(readRepository(path.join(shallow, 'content', 'articles')).dates.size).toBe(0);
  });

  test('the log is read newest first, files relative to the repository', () => {
    const log = '\0 2026-03-07T12:30:00+00:00\n\ncontent/articles/a.md\n\0 2026-01-05T10:00:00+00:00\n\ncontent/articles/a.md\ncontent/articles/b.md\n';
    expect(parseGitLog(log, '/r')).toEqual(new Map([
      ['/r/content/articles/a.md', new Date('2026-03-07T12:30:00Z')],
      ['/r/content/articles/b.md', new Date('2026-01-05T10:00:00Z')],
    ]));
  });
});

describe('the history link', () => {
  test.each([
    [{ REPO_URL: 'https://github.com/o/r' }, 'https://github.com/o/r/commits/main/content/articles/mla.md'],
    [{ REPO_URL: 'https://github.com/o/r.git', REPO_BRANCH: 'notes/zh' }, 'https://github.com/o/r/commits/notes/zh/content/articles/mla.md'],
    [{ REPO_URL: 'https://gitlab.com/o/r/' }, 'https://gitlab.com/o/r/-/commits/main/content/articles/mla.md'],
    [{ NETLIFY: 'true', REPOSITORY_URL: 'https://github.com/o/r', BRANCH: 'prod' }, 'https://github.com/o/r/commits/prod/content/articles/mla.md'],
    [{}, undefined],
  ])('%o → %s', (env, url) => {
    expect(historyUrl('content/articles/mla.md', env)).toBe(url);
  });
});
