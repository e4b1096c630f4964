/**
 * Compares two built sites file by file, as proof that a refactor changed no output (or exactly what
 * it meant to). Names and strings that carry a hash of content that is compared anyway (bundles,
 * cut KaTeX fonts, Pagefind's files, the service worker's version, CSP script hashes) become
 * placeholders first, so only real changes remain. A change repeated on many pages is shown once,
 * with how many pages have it.
 *
 *   node scripts/bench/dist-diff.ts <distA> <distB>     exit 0: identical after normalising, 1: not
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { convertIndexedToRgb, decode, type DecodedPng } from 'fast-png';
import { diffLines, hunks, type Hunk } from './line-diff.ts';

/** Vite names bundles `<name>.<8-character hash>.<ext>`; the look-ahead keeps the last such triple. */
const astroAsset = /(_astro\/[\w.@~+-]*?)\.[\w-]{8}\.(\w+)(?![\w.-])/g;
/** Pagefind names its index, fragment, filter and meta files `<language>_<hex hash>.pf_<kind>`. */
const pagefindName = /\b([a-z]{2,3}(?:-[a-z0-9]+)*)_[0-9a-f]{7,}(?=\.pf_(?:fragment|index|filter|meta)\b)/g;
const binaryExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'wasm', 'pagefind', 'gz', 'br', 'zip', 'pdf']);
const markupExtensions = new Set(['html', 'xml', 'svg']);
/** Enough for the first differences; more would bury them. */
const hunksPerFile = 5;
const groupsShown = 25;
const examplesShown = 3;

interface TextRule {
  /** Files it applies to, by path relative to the site's root. */
  file: RegExp;
  pattern: RegExp;
  replacement: string | ((...groups: string[]) => string);
}

const textRules: TextRule[] = [
  { file: /./, pattern: astroAsset, replacement: '$1.[hash].$2' },
  { file: /./, pattern: pagefindName, replacement: '$1_[hash]' },
  { file: /(^|\/)pagefind-entry\.json$/, pattern: /("hash"\s*:\s*"[a-z0-9-]+_)[0-9a-f]+"/g, replacement: '$1[hash]"' },
  // The worker's version is a hash of the files it keeps; those files are compared themselves.
  { file: /(^|\/)sw\.js$/, pattern: /(\bversion\s*=\s*["'])[\w.-]+(["'])/g, replacement: '$1[version]$2' },
  // A script hash changes with its script, which is compared itself, and with the bundle names in it.
  {
    file: /\.html$/,
    pattern: /<meta\b[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/gi,
    replacement: (meta) => meta.replace(/'sha(256|384|512)-[A-Za-z0-9+/=]+'/g, "'sha$1-[hash]'"),
  },
];

export function normalisedText(file: string, text: string): string {
  let result = text;
  for (const rule of textRules) {
    if (!rule.file.test(file)) continue;
    result = typeof rule.replacement === 'string' ? result.replace(rule.pattern, rule.replacement) : result.replace(rule.pattern, rule.replacement);
  }
  return result;
}

export function normalisedPath(file: string): string {
  return file.replace(astroAsset, '$1.[hash].$2').replace(pagefindName, '$1_[hash]');
}

/**
 * Pagefind's hashed files are binary, and their bytes and number depend on how it chunks the index:
 * only their count and total size per kind are compared, never their contents.
 */
export function searchIndexSet(file: string): string | undefined {
  const chunk = /^(.*?pagefind\/)(fragment|index|filter)\/[^/]+\.(pf_\w+)$/.exec(file);
  if (chunk) return `${chunk[1]}${chunk[2]}/*.${chunk[3]}`;
  const meta = /^(.*?pagefind\/)pagefind\.[^/]+\.pf_meta$/.exec(file);
  return meta ? `${meta[1]}pagefind.*.pf_meta` : undefined;
}

function isBinary(file: string, bytes: Buffer): boolean {
  return binaryExtensions.has(path.extname(file).slice(1).toLowerCase()) || /\.pf_\w+$/.test(file) || bytes.subarray(0, 8000).includes(0);
}

export interface SearchIndexSet { files: string; a: { count: number; bytes: number }; b: { count: number; bytes: number } }
export interface BinaryDifference { file: string; note: string }
/** One change (the same lines removed and added) and every file that has it. */
export interface ChangeGroup { files: string[]; hunk: Hunk }

export interface DistDiff {
  compared: number;
  onlyInA: string[];
  onlyInB: string[];
  searchIndex: SearchIndexSet[];
  binary: BinaryDifference[];
  textFiles: string[];
  changes: ChangeGroup[];
  /** Files with more changes than the first `hunksPerFile` grouped. */
  cutShort: string[];
}

export function identical(diff: DistDiff): boolean {
  return !diff.onlyInA.length && !diff.onlyInB.length && !diff.binary.length && !diff.textFiles.length && diff.searchIndex.every(sameSet);
}

function sameSet({ a, b }: SearchIndexSet) {
  return a.count === b.count && a.bytes === b.bytes;
}

async function filesOf(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort();
}

/** Files by their normalised path; two bundles can share a name and differ only by hash. */
function byNormalisedPath(files: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const file of files) {
    if (searchIndexSet(file)) continue;
    const key = normalisedPath(file);
    map.set(key, [...(map.get(key) ?? []), file]);
  }
  return map;
}

async function searchIndexSets(rootA: string, filesA: string[], rootB: string, filesB: string[]): Promise<SearchIndexSet[]> {
  const sets = new Map<string, SearchIndexSet>();
  const add = async (root: string, files: string[], side: 'a' | 'b') => {
    for (const file of files) {
      const key = searchIndexSet(file);
      if (!key) continue;
      const set = sets.get(key) ?? { files: key, a: { count: 0, bytes: 0 }, b: { count: 0, bytes: 0 } };
      set[side].count++;
      set[side].bytes += (await readFile(path.join(root, file))).length;
      sets.set(key, set);
    }
  };
  await add(rootA, filesA, 'a');
  await add(rootB, filesB, 'b');
  return [...sets.values()].sort((x, y) => x.files.localeCompare(y.files));
}

const fingerprint = (file: string, bytes: Buffer) =>
  createHash('sha1').update(isBinary(file, bytes) ? bytes : normalisedText(file, bytes.toString('utf8'))).digest('hex');

/**
 * Pairs same-named files of A and B: one to one as a rule; where several share a normalised name,
 * equal contents first, the rest in order.
 */
async function pairs(rootA: string, namesA: string[], rootB: string, namesB: string[]) {
  if (namesA.length === 1 && namesB.length === 1) return { paired: [[namesA[0], namesB[0]]], onlyInA: [], onlyInB: [] };
  const print = async (root: string, names: string[]) => Promise.all(names.map(async (name) => ({ name, print: fingerprint(name, await readFile(path.join(root, name))) })));
  const restA = await print(rootA, namesA);
  const restB = await print(rootB, namesB);
  const paired: string[][] = [];
  for (const a of [...restA]) {
    const match = restB.findIndex((b) => b.print === a.print);
    if (match < 0) continue;
    paired.push([a.name, restB[match].name]);
    restA.splice(restA.indexOf(a), 1);
    restB.splice(match, 1);
  }
  while (restA.length && restB.length) paired.push([restA.shift()!.name, restB.shift()!.name]);
  return { paired, onlyInA: restA.map((a) => a.name), onlyInB: restB.map((b) => b.name) };
}

/** The lines a reader compares: markup one tag (or run of text) per line, anything else as written. */
export function readableLines(file: string, text: string): string[] {
  if (!markupExtensions.has(path.extname(file).slice(1))) return text.split('\n');
  return text.split(/(<(?:[^>"']|"[^"]*"|'[^']*')*>)/).map((token) => token.trim()).filter(Boolean);
}

function toRgba(png: DecodedPng): { width: number; height: number; depth: number; pixels: number[] } {
  const data = png.palette ? convertIndexedToRgb(png) : png.data;
  const channels = png.palette ? (png.transparency ? 4 : 3) : png.channels;
  const depth = png.palette ? 8 : png.depth;
  const opaque = 2 ** depth - 1;
  const pixels: number[] = [];
  for (let i = 0; i < png.width * png.height; i++) {
    const p = data.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] = channels >= 3 ? [p[0], p[1], p[2], channels === 4 ? p[3] : opaque] : [p[0], p[0], p[0], channels === 2 ? p[1] : opaque];
    pixels.push(r, g, b, a);
  }
  return { width: png.width, height: png.height, depth, pixels };
}

function comparePixels(file: string, a: Buffer, b: Buffer): string {
  try {
    const [pa, pb] = [toRgba(decode(a)), toRgba(decode(b))];
    if (pa.width !== pb.width || pa.height !== pb.height) return `bytes differ; size ${pa.width}×${pa.height} vs ${pb.width}×${pb.height}`;
    if (pa.depth !== pb.depth) return `bytes differ; bit depth ${pa.depth} vs ${pb.depth}`;
    let differing = 0;
    for (let i = 0; i < pa.pixels.length; i += 4) {
      if (pa.pixels[i] !== pb.pixels[i] || pa.pixels[i + 1] !== pb.pixels[i + 1] || pa.pixels[i + 2] !== pb.pixels[i + 2] || pa.pixels[i + 3] !== pb.pixels[i + 3]) differing++;
    }
    return differing ? `bytes differ; ${differing} of ${pa.width * pa.height} pixels differ` : 'bytes differ; decoded pixels equal';
  } catch (error) {
    return `bytes differ; not decodable as PNG (${(error as Error).message}) in ${file}`;
  }
}

function binaryNote(file: string, a: Buffer, b: Buffer): string {
  const sizes = a.length === b.length ? `${a.length} bytes each` : `${a.length} vs ${b.length} bytes`;
  return path.extname(file).toLowerCase() === '.png' ? `${comparePixels(file, a, b)} (${sizes})` : `bytes differ (${sizes})`;
}

function shown(a: string, b: string) {
  return a === b ? a : `${a} → ${b}`;
}

export async function compareDists(rootA: string, rootB: string): Promise<DistDiff> {
  const [filesA, filesB] = await Promise.all([filesOf(rootA), filesOf(rootB)]);
  const [mapA, mapB] = [byNormalisedPath(filesA), byNormalisedPath(filesB)];
  const diff: DistDiff = { compared: 0, onlyInA: [], onlyInB: [], searchIndex: await searchIndexSets(rootA, filesA, rootB, filesB), binary: [], textFiles: [], changes: [], cutShort: [] };
  const groups = new Map<string, ChangeGroup>();
  for (const key of [...new Set([...mapA.keys(), ...mapB.keys()])].sort()) {
    const { paired, onlyInA, onlyInB } = await pairs(rootA, mapA.get(key) ?? [], rootB, mapB.get(key) ?? []);
    diff.onlyInA.push(...onlyInA);
    diff.onlyInB.push(...onlyInB);
    for (const [fileA, fileB] of paired) {
      diff.compared++;
      const [a, b] = await Promise.all([readFile(path.join(rootA, fileA)), readFile(path.join(rootB, fileB))]);
      if (a.equals(b)) continue;
      const label = shown(fileA, fileB);
      if (isBinary(fileA, a) || isBinary(fileB, b)) {
        diff.binary.push({ file: label, note: binaryNote(fileA, a, b) });
        continue;
      }
      const [textA, textB] = [normalisedText(fileA, a.toString('utf8')), normalisedText(fileB, b.toString('utf8'))];
      if (textA === textB) continue;
      diff.textFiles.push(label);
      const found = hunks(diffLines(readableLines(key, textA), readableLines(key, textB)));
      if (found.length > hunksPerFile) diff.cutShort.push(label);
      for (const hunk of found.slice(0, hunksPerFile)) {
        // Context lines are left out of the key: they hold each page's own text around a shared change.
        const change = JSON.stringify([hunk.removed, hunk.added]);
        const group = groups.get(change) ?? { files: [], hunk };
        if (group.files.at(-1) !== label) group.files.push(label);
        groups.set(change, group);
      }
    }
  }
  diff.changes = [...groups.values()].sort((x, y) => y.files.length - x.files.length);
  return diff;
}

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** A long line (minified script, inline style) shown from a little before where it changes. */
function clipped(line: string, from: number, width = 160): string {
  const start = Math.max(0, Math.min(from - 40, line.length - width));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + width)}${start + width < line.length ? '…' : ''}`;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function hunkLines({ before, removed, added, after }: Hunk): string[] {
  const at = removed.length && added.length ? firstDifference(removed[0], added[0]) : 0;
  return [
    ...before.map((line) => `      ${clipped(line, 0)}`),
    ...removed.map((line) => `    - ${clipped(line, at)}`),
    ...added.map((line) => `    + ${clipped(line, at)}`),
    ...after.map((line) => `      ${clipped(line, 0)}`),
  ];
}

function listed(title: string, items: string[], limit = 50): string[] {
  if (!items.length) return [];
  return [`${title} (${items.length}):`, ...items.slice(0, limit).map((item) => `  ${item}`), ...(items.length > limit ? [`  … and ${items.length - limit} more`] : [])];
}

function changeLines(changes: ChangeGroup[]): string[] {
  return changes.slice(0, groupsShown).flatMap(({ files, hunk }) => {
    const noun = files.every((file) => file.endsWith('.html')) ? (files.length === 1 ? 'page' : 'pages') : (files.length === 1 ? 'file' : 'files');
    const examples = files.slice(0, examplesShown).join(', ') + (files.length > examplesShown ? ', …' : '');
    return [`  ${files.length} ${noun}: ${examples}`, ...hunkLines(hunk), ''];
  });
}

export function formatDiff(diff: DistDiff, rootA: string, rootB: string): string {
  const lines = [`A: ${rootA}`, `B: ${rootB}`, `${diff.compared} files compared by name, hashed names and hash strings normalised.`, ''];
  lines.push(...listed('Only in A', diff.onlyInA), ...listed('Only in B', diff.onlyInB));
  if (diff.searchIndex.length) lines.push(`Search index: Pagefind's hashed files are binary and named by hash; compared as sets by count and total size only, not by content.`);
  for (const set of diff.searchIndex) {
    lines.push(`  ${sameSet(set) ? 'same' : 'DIFF'}  ${set.files}: A ${set.a.count} files, ${kb(set.a.bytes)}; B ${set.b.count} files, ${kb(set.b.bytes)}`);
  }
  lines.push(...listed('Binary files that differ', diff.binary.map(({ file, note }) => `${file}: ${note}`)));
  if (diff.textFiles.length) {
    lines.push(`Text files that differ (${diff.textFiles.length}), as ${diff.changes.length} distinct changes (each file's first ${hunksPerFile} at most), most frequent first:`, '');
    lines.push(...changeLines(diff.changes));
    if (diff.changes.length > groupsShown) lines.push(`  … and ${diff.changes.length - groupsShown} more distinct changes`, '');
    lines.push(...listed(`Files with more than ${hunksPerFile} changes`, diff.cutShort, 20));
  }
  lines.push(identical(diff) ? 'Identical after normalisation.' : 'Different.');
  return lines.join('\n');
}

export async function main(args: string[], print = console.log): Promise<number> {
  if (args.length !== 2) {
    console.error('usage: node scripts/bench/dist-diff.ts <distA> <distB>');
    return 2;
  }
  const [rootA, rootB] = args.map((arg) => path.resolve(arg));
  const diff = await compareDists(rootA, rootB);
  print(formatDiff(diff, rootA, rootB));
  return identical(diff) ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
