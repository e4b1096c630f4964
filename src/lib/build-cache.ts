import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Where build steps keep what they can reuse between builds (Astro's content cache included); `CACHE_DIR` moves it. */
export function buildCacheDir(env: Record<string, string | undefined> = process.env): string {
  return env.CACHE_DIR ?? './node_modules/.astro';
}

/**
 * Writes a file aside and renames it into place: builds, threads and tests sharing a cache never read
 * half a file. The folder must exist.
 */
export function writeAtomically(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.${threadId}`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/**
 * The result of a slow, deterministic computation, kept in the build cache with the hash of its
 * inputs: the next build with the same inputs reads it back instead of computing it again. One
 * entry per `kind`, replaced when the inputs change, so the cache does not grow with every edit.
 */
export function cachedJson<T>(kind: string, inputs: unknown, compute: () => T): T {
  const file = path.join(buildCacheDir(), 'computed', `${kind}.json`);
  const key = createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key: string; value: T };
    if (entry.key === key) return entry.value;
  } catch {
    // No entry yet (or an unreadable one): compute it.
  }
  const value = compute();
  mkdirSync(path.dirname(file), { recursive: true });
  writeAtomically(file, JSON.stringify({ key, value }));
  return value;
}

/**
 * A pure function of text whose results are kept in the build cache by the hash of the text, so the
 * next build computes only the texts it has not seen (`of`), then keeps this build's results alone
 * (`keep`), so the file does not grow with every edit. The results must survive JSON as they are.
 */
export function keptResults<T>(kind: string, compute: (text: string) => T): { of: (text: string) => T; keep: () => void } {
  const file = path.join(buildCacheDir(), 'computed', `${kind}.json`);
  let kept: Record<string, T> = {};
  try {
    kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, T>;
  } catch {
    // Nothing kept yet (or an unreadable file): every text is computed.
  }
  const used: Record<string, T> = {};
  let computed = 0;
  return {
    of(text) {
      const key = createHash('sha256').update(text).digest('base64url');
      if (!(key in kept)) {
        kept[key] = compute(text);
        computed++;
      }
      return (used[key] = kept[key]);
    },
    keep() {
      if (computed === 0 && Object.keys(used).length === Object.keys(kept).length) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeAtomically(file, JSON.stringify(used));
    },
  };
}

/**
 * What made a build's output besides its content: every file of the site's code (`src/`, the config)
 * and the installed packages (the lockfile), by path and content. Output kept from an earlier build
 * is kept only while this is the same.
 */
export function siteCodeDigest(root: string): string {
  const hash = createHash('sha256');
  const add = (relative: string) => {
    const file = path.join(root, relative);
    if (!existsSync(file)) return;
    if (!statSync(file).isDirectory()) {
      hash.update(`${relative.split(path.sep).join('/')}\0`).update(readFileSync(file));
      return;
    }
    for (const name of readdirSync(file).sort()) add(path.join(relative, name));
  };
  for (const relative of ['src', 'astro.config.mjs', 'package-lock.json']) add(relative);
  return hash.digest('hex');
}
