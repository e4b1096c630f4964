import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';

/**
 * The last build's output, moved aside and deleted in a worker thread while this build runs. Astro
 * empties the output folder before it builds, one `rmSync` after another on its only thread: 18 s
 * of a warm 10,000-note build (104,000 files; a CPU profile, docs/performance.md), 2 s at 1000. A
 * rename takes a moment. The folder is left to Astro as it was (`.git` kept in it, as Astro keeps it)
 * when it cannot be renamed, for example when it is a mount point.
 */
export function oldOutput(): AstroIntegration {
  let outDir = '';
  let deleted: Promise<void> | undefined;
  return {
    name: 'old-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = path.resolve(fileURLToPath(config.outDir));
      },
      // Before Astro empties the folder (build:start runs first).
      'astro:build:start': () => {
        moveAside(outDir);
        // With any a build that stopped half-way left behind.
        const parent = path.dirname(outDir);
        const aside = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(`${path.basename(outDir)}.old-`)).map((name) => path.join(parent, name)) : [];
        if (aside.length > 0) deleted = deleteInWorker(aside);
      },
      'astro:build:done': async () => {
        await deleted;
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

/** Deletes the folders in a worker thread, so the build goes on meanwhile. */
function deleteInWorker(folders: string[]): Promise<void> {
  const worker = new Worker(`for (const folder of ${JSON.stringify(folders)}) require('node:fs').rmSync(folder, { recursive: true, force: true, maxRetries: 3 });`, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`deleting the last build's output (${folders.join(', ')}) stopped with code ${code}`))));
  });
}
