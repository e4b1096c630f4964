import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';
import { buildCacheDir } from '../lib/build-cache.ts';

const katexDist = path.dirname(createRequire(import.meta.url).resolve('katex'));
/** KaTeX's own fonts, the ones its stylesheet names. */
export const katexFontsDir = path.join(katexDist, 'fonts');
const katexVersion = (JSON.parse(readFileSync(path.join(katexDist, '../package.json'), 'utf8')) as { version: string }).version;

/** The build cache's folder for cut fonts. */
export const cutFontsCache = (): string => path.resolve(buildCacheDir(), 'katex-fonts');

/** Where the fonts cut to `characters` are kept: a folder named by KaTeX's version and the characters. */
export function cutFontsDir(characters: string, cacheDir = cutFontsCache()): string {
  return path.join(cacheDir, createHash('sha256').update(`${katexVersion}\n${characters}`).digest('hex').slice(0, 16));
}

/**
 * Cuts every WOFF2 font of KaTeX to `characters`, unless a build with the same characters already
 * did. Most of the time goes to WOFF2's Brotli compression (about 30 ms a font), so the build runs
 * this in a worker thread (font-worker.ts) while Astro reads the notes.
 */
export async function cutKatexFonts(characters: string, cacheDir = cutFontsCache()): Promise<string> {
  const dir = cutFontsDir(characters, cacheDir);
  if (existsSync(dir)) return dir;
  const partial = `${dir}.${process.pid}`;
  mkdirSync(partial, { recursive: true });
  for (const file of readdirSync(katexFontsDir).filter((name) => name.endsWith('.woff2'))) {
    writeFileSync(path.join(partial, file), await subsetFont(readFileSync(path.join(katexFontsDir, file)), characters, { targetFormat: 'woff2' }));
  }
  // Only the fonts of the latest formulas are kept; the cache does not grow with every edit.
  for (const old of readdirSync(cacheDir)) if (old !== path.basename(partial)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  renameSync(partial, dir);
  return dir;
}
