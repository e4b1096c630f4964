import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const src = path.resolve(import.meta.dirname, '../../src');

/**
 * The folders of src/, lowest first: a file may import from its own folder and from the folders
 * below it, never from one above (docs/architecture.md). Type-only imports count too: a type that
 * runs back up a layer is a dependency all the same.
 */
const layers = [
  ['lib'],
  ['math'],
  ['markdown'],
  ['content', 'content.config.ts'],
  ['og-images', 'authoring'],
  ['site'],
  ['integrations', 'middleware.ts', 'components', 'layouts', 'pages', 'client', 'service-worker', 'styles'],
];
const layerOf = (file: string) => layers.findIndex((names) => names.includes(path.relative(src, file).split(path.sep)[0]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|astro|mjs|js)$/.test(file))
    .map((file) => path.join(dir, file));
}

test('every file of src/ is in a known layer', () => {
  expect(sourceFiles(src).filter((file) => layerOf(file) < 0).map((file) => path.relative(src, file))).toEqual([]);
});

test('no import runs back up a layer', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(src)) {
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
      if (!target) continue;
      const imported = path.resolve(path.dirname(file), target.replace(/\?.*$/, ''));
      if (!imported.startsWith(src + path.sep)) continue;
      if (layerOf(imported) > layerOf(file)) upward.push(`${path.relative(src, file)} → ${path.relative(src, imported)}`);
    }
  }
  expect(upward).toEqual([]);
});

test('no module keeps state on globalThis', () => {
  const offenders = sourceFiles(src).filter((file) => !file.includes(`${path.sep}client${path.sep}`) && /globalThis/.test(readFileSync(file, 'utf8')));
  expect(offenders.map((file) => path.relative(src, file))).toEqual([]);
});

test('only the content layer reads the content folder', () => {
  // Elsewhere a note is known from the collections, the content records or the content layer's functions.
  const content = layers.findIndex((names) => names.includes('content'));
  const readers = sourceFiles(src).filter((file) => {
    const text = readFileSync(file, 'utf8');
    return layerOf(file) !== content && /\bcontentDir\(|content\/articles['"`]|CONTENT_DIR/.test(text) && /\bread(?:File|dir)(?:Sync)?\(/.test(text);
  });
  expect(readers.map((file) => path.relative(src, file))).toEqual([]);
});
