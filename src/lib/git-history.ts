import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * What git knows about the notes: when each file was last committed, for "last updated" when the
 * frontmatter gives no `updated`, and where its history is browsable. Read once per build with one
 * `git log` over the folder.
 */
type Git = (args: string[], cwd: string) => string;

const runGit: Git = (args, cwd) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

/**
 * Parses `git log --format=%x00%cI --name-only`: a NUL and a date, then the files of that commit.
 * Newest commits come first, so a file's first date is its last commit.
 */
export function parseGitLog(output: string, root: string): Map<string, Date> {
  const dates = new Map<string, Date>();
  for (const commit of output.split('\0').slice(1)) {
    const [date, ...files] = commit.split('\n').map((line) => line.trim()).filter(Boolean);
    for (const file of files) {
      const absolute = path.resolve(root, file);
      if (!dates.has(absolute)) dates.set(absolute, new Date(date));
    }
  }
  return dates;
}

interface Repository {
  /** The repository's top folder; undefined outside a repository (git missing or not a checkout). */
  root?: string;
  /** Last commit of each file under the folder asked about, by absolute path. */
  dates: Map<string, Date>;
}

/**
 * The last commit of every file under `dir`. A shallow clone knows only its newest commits, which
 * would date every note to the last push, so there git gives no dates and notes keep `created`.
 */
export function readRepository(dir: string, git: Git = runGit): Repository {
  let root: string;
  try {
    root = git(['rev-parse', '--show-toplevel'], dir).trim();
  } catch {
    return { dates: new Map() };
  }
  if (git(['rev-parse', '--is-shallow-repository'], dir).trim() === 'true') return { root, dates: new Map() };
  // Merges are left out: a note's date is that of the commit that changed it, not of the merge that brought it in.
  return { root, dates: parseGitLog(git(['log', '--no-merges', '--format=%x00%cI', '--name-only', '--', '.'], dir), root) };
}

const repositories = new Map<string, Repository>();
function repositoryOf(file: string): Repository {
  const dir = path.dirname(path.resolve(file));
  // Notes sit in one or two folders; reading per folder keeps a fixture or CONTENT_DIR outside the repo apart.
  let repository = repositories.get(dir);
  if (!repository) repositories.set(dir, (repository = readRepository(dir)));
  return repository;
}

/** When the file was last committed; undefined when it never was (or git cannot tell). */
export function lastCommitDate(file: string): Date | undefined {
  return repositoryOf(file).dates.get(path.resolve(file));
}

/**
 * The date a note was last revised: its frontmatter `updated`, else its last commit, else `created`.
 * Never before `created`, which the author may have set to when the work was first written.
 */
export function revisedAt(file: string | undefined, data: { created: Date; updated?: Date }, lastCommit: (file: string) => Date | undefined = lastCommitDate): Date {
  if (data.updated) return data.updated;
  const committed = file ? lastCommit(file) : undefined;
  return committed && committed > data.created ? committed : data.created;
}

/**
 * The page listing a file's commits on a forge, from REPO_URL (e.g. `https://github.com/o/r`) and
 * REPO_BRANCH (default `main`): GitHub, Gitea and Forgejo use `/commits/<branch>/<path>`, GitLab
 * `/-/commits/<branch>/<path>`. Undefined when no repository URL is configured.
 */
export function historyUrl(repoPath: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const repo = env.REPO_URL || (env.NETLIFY === 'true' && env.REPOSITORY_URL?.startsWith('https://') ? env.REPOSITORY_URL : undefined);
  if (!repo) return undefined;
  const base = repo.replace(/\.git$/, '').replace(/\/+$/, '');
  const branch = env.REPO_BRANCH || (env.NETLIFY === 'true' && env.BRANCH) || 'main';
  const segments = [...branch.split('/'), ...repoPath.split('/')].map((segment) => encodeURIComponent(segment)).join('/');
  return `${base}/${new URL(base).hostname.includes('gitlab') ? '-/commits' : 'commits'}/${segments}`;
}

/** The history page of a note's file (its path in the repository, or from the project folder outside one). */
export function fileHistoryUrl(file: string, env: Record<string, string | undefined> = process.env): string | undefined {
  if (!historyUrl('', env)) return undefined;
  const absolute = path.resolve(file);
  const root = repositoryOf(absolute).root ?? process.cwd();
  return historyUrl(path.relative(root, absolute).split(path.sep).join('/'), env);
}
