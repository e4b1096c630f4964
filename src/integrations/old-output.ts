import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { access, link, mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import type { AstroIntegration } from 'astro';
import { forEachInFlight } from '../lib/in-flight.ts';

/**
 * The last build's output, moved aside and deleted in a child process while this build runs, in
 * place of Astro's emptying of the folder (`emptyOutDir`), one `rmSync` after another on its only
 * thread: 18 s of a warm 10,000-note build (104,000 files; a CPU profile, docs/performance.md), 2 s
 * at 1000. A rename takes a moment. A folder that cannot be renamed (a mount point) is emptied in
 * place; `.git` stays in it either way, as Astro keeps it.
 *
 * The pages Astro may keep from its cache are linked back from the old output before Astro builds
 * (linkKeptPages): Astro leaves a kept page that is already in the output folder where it is, and
 * otherwise copies it from its cache, 146 MB at 1000 notes (1.2 s on this disk; links, 0.08 s).
 * Only when the last build to finish wrote this same folder: Astro keeps a page by the key it last
 * wrote it under, whichever folder that build wrote, and a build into another folder in between
 * (`OUT_DIR`) would leave this one's pages older than its cache.
 */
export type OldOutput = AstroIntegration & {
  /** Waits for the deletion: listed last in astro.config.mjs, so the steps before it go on meanwhile. */
  deleted: AstroIntegration;
};

export function oldOutput(): OldOutput {
  let outDir = '';
  let keptCopies = '';
  let lastOutput = '';
  let linked: string[] = [];
  let deleted: Promise<void> | undefined;
  return {
    name: 'old-output',
    deleted: {
      name: 'old-output-deleted',
      hooks: {
        'astro:build:done': async () => {
          await deleted;
        },
      },
    },
    hooks: {
      // Astro must not empty the folder: this step does (build:start), before it links the kept pages into it.
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = path.resolve(fileURLToPath(config.outDir));
        // Where Astro's incremental build keeps its copy of each page it may keep (its cache's `dist/`).
        keptCopies = path.join(fileURLToPath(config.cacheDir), 'dist');
        lastOutput = path.join(fileURLToPath(config.cacheDir), 'last-output');
      },
      'astro:build:start': async () => {
        // Named again when this build is done: a build that stops before then leaves no name.
        const wroteThisFolder = existsSync(lastOutput) && readFileSync(lastOutput, 'utf8') === outDir;
        rmSync(lastOutput, { force: true });
        const old = moveAside(outDir);
        if (old && wroteThisFolder) linked = await linkKeptPages(old, outDir, keptCopies);
        if (!old) emptyFolder(outDir);
        // With any a build that stopped half-way left behind.
        const parent = path.dirname(outDir);
        const aside = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(`${path.basename(outDir)}.old-`)).map((name) => path.join(parent, name)) : [];
        if (aside.length > 0) deleted = deleteInChild(aside);
      },
      // First of the build:done steps, so that none of the others sees a page of the last build.
      'astro:build:done': async ({ assets }) => {
        const written = new Set([...assets.values()].flat().map((url) => path.resolve(fileURLToPath(url))));
        await removeUnwritten(outDir, linked, written);
        linked = [];
        mkdirSync(path.dirname(lastOutput), { recursive: true });
        writeFileSync(lastOutput, outDir);
      },
    },
  };
}

/** Renames `dir` to a sibling to delete; returns its new path, or undefined when there is nothing to move or it cannot be moved. */
export function moveAside(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const aside = `${dir}.old-${process.pid}-${Date.now()}`;
  try {
    renameSync(dir, aside);
  } catch {
    return undefined;
  }
  const git = path.join(aside, '.git');
  if (existsSync(git)) {
    mkdirSync(dir, { recursive: true });
    renameSync(git, path.join(dir, '.git'));
  }
  return aside;
}

/** Empties `dir` but for `.git`, as Astro would; for an output folder that cannot be moved aside. */
function emptyFolder(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name !== '.git') rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Links into `outDir` each page of the old output `old` that Astro's cache (`keptCopies`) holds a
 * copy of, that is, each page it may keep; returns the paths linked. A page Astro renders again is
 * written over its link, which changes only the old output's copy, itself about to be deleted: no
 * link ever reaches into the cache.
 */
export async function linkKeptPages(old: string, outDir: string, keptCopies: string): Promise<string[]> {
  if (!existsSync(keptCopies)) return [];
  const files = (await readdir(keptCopies, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(keptCopies, path.join(entry.parentPath, entry.name)));
  const linked: string[] = [];
  await forEachInFlight(files, 8, async (relative) => {
    const source = path.join(old, relative);
    // Not in the old output (a page new since then, an output deleted by hand): Astro copies it.
    if (!(await exists(source))) return;
    const target = path.join(outDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await link(source, target);
    linked.push(target);
  });
  return linked;
}

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * Removes the linked pages this build did not write or keep (a deleted note's page, an address that
 * moved), and their folders when nothing else is left in them.
 */
export async function removeUnwritten(outDir: string, linked: string[], written: Set<string>): Promise<void> {
  for (const file of linked) {
    if (written.has(file)) continue;
    await rm(file, { force: true });
    for (let folder = path.dirname(file); folder.startsWith(outDir + path.sep); folder = path.dirname(folder)) {
      try {
        await rmdir(folder);
      } catch {
        break;
      }
    }
  }
}

/**
 * Deletes the folders in a child process, so the build goes on meanwhile. Not in a worker thread:
 * `process.report.getReport()`, which native packages call to tell glibc from musl (resvg's loader
 * does), waits for every worker thread to answer, and a thread inside one long `rmSync` answers when
 * it is done: 11 s of a warm 10,000-note build went so.
 */
export function deleteInChild(folders: string[]): Promise<void> {
  const script = `for (const folder of ${JSON.stringify(folders)}) require('node:fs').rmSync(folder, { recursive: true, force: true, maxRetries: 3 });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`deleting the last build's output (${folders.join(', ')}) stopped with code ${code}: ${errors.trim()}`))));
  });
}
