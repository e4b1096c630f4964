// @ts-check
/**
 * The floor of the benchmark (scripts/bench/run.ts): the bench's synthetic notes built by a bare
 * Astro site, Astro's defaults throughout (its default Markdown processor and Shiki), no
 * integrations, no MDX, one page per note. What the project's build costs above this on the same
 * machine in the same run is the project's own work; the floor itself measures the machine.
 *
 *   CONTENT_DIR=<folder written by corpus.ts> OUT_DIR=… CACHE_DIR=… astro build --root scripts/bench/floor
 */
import { defineConfig } from 'astro/config';

export default defineConfig({
  // The bench keeps each build's output and cache apart, as it does for the project's builds.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
});
