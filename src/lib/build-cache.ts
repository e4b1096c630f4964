/** Where build steps keep what they can reuse between builds (Astro's content cache included); `CACHE_DIR` moves it. */
export function buildCacheDir(env: Record<string, string | undefined> = process.env): string {
  return env.CACHE_DIR ?? './node_modules/.astro';
}
