import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where build steps keep what they can reuse between builds (Astro's content cache included); `CACHE_DIR` moves it. */
export function buildCacheDir(env: Record<string, string | undefined> = process.env): string {
  return env.CACHE_DIR ?? './node_modules/.astro';
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
  // Written aside and renamed into place: builds and tests running side by side never read half a file.
  const partial = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(partial, JSON.stringify({ key, value }));
  renameSync(partial, file);
  return value;
}
