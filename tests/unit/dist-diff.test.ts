import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode } from 'fast-png';
import { afterEach, describe, expect, test } from 'vitest';
import { compareDists, formatDiff, identical, main } from '../../scripts/bench/dist-diff.ts';
import { diffLines } from '../../scripts/bench/line-diff.ts';

const script = path.resolve(import.meta.dirname, '../../scripts/bench/dist-diff.ts');
const made: string[] = [];
const quiet = () => {};

function site(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dist-diff-'));
  made.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

afterEach(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A page as the build writes it: one line, its bundle and CSP hash in the head. */
function page(title: string, bundle: string, scriptHash: string, body = '<p>正文</p>') {
  return `<!DOCTYPE html><html><head><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-${scriptHash}='"><title>${title}</title><script type="module" src="/_astro/page.astro_astro_type_script_index_0_lang.${bundle}.js"></script></head><body><h1>${title}</h1>${body}</body></html>`;
}

function build(bundle: string, scriptHash: string, version: string, pagefindHash: string, body?: string) {
  return {
    'index.html': page('首页', bundle, scriptHash, body),
    'a/index.html': page('甲', bundle, scriptHash, body),
    'b/index.html': page('乙', bundle, scriptHash, body),
    [`_astro/page.astro_astro_type_script_index_0_lang.${bundle}.js`]: 'console.log(1)',
    [`_astro/KaTeX_Main-Regular.${bundle}.woff2`]: new Uint8Array([0, 1, 2]),
    'sw.js': `const version = "${version}";\nconst pageFiles = ["_astro/page.astro_astro_type_script_index_0_lang.${bundle}.js"];\nconst searchFiles = ["pagefind/fragment/zh-cn_${pagefindHash}.pf_fragment"];`,
    [`pagefind/fragment/zh-cn_${pagefindHash}.pf_fragment`]: new Uint8Array(10).fill(pagefindHash.charCodeAt(0)),
    [`pagefind/pagefind.zh-cn_${pagefindHash}00.pf_meta`]: new Uint8Array(4),
    'pagefind/pagefind-entry.json': `{"languages":{"zh-cn":{"hash":"zh-cn_${pagefindHash}00","page_count":3}}}`,
  };
}

describe('dist-diff', () => {
  test('two builds that differ only in hashed names and hash strings are identical', async () => {
    const a = site(build('Cp2lpXYS', 'FNwvPOPRK8ICN8vnRDFUMPcmWhiIaK5yPHZawXvJGZk', '720904b1cdcab3aa', '1622379'));
    const b = site(build('Zz9_-aQq', 'M2kXF4/OkHpoPmwo0fYaeeT6UKGI5/xZH8w69zCH1Hc', '0123456789abcdef', 'abcdef0'));
    const diff = await compareDists(a, b);
    expect(diff).toMatchObject({ onlyInA: [], onlyInB: [], binary: [], textFiles: [] });
    expect(identical(diff)).toBe(true);
    expect(formatDiff(diff, a, b)).toMatch(/compared as sets by count and total size only/);
    expect(await main([a, b], quiet)).toBe(0);
  });

  test('a change repeated on many pages is reported once, with its count', async () => {
    const a = site(build('Cp2lpXYS', 'FNwv', '1', '1622379', '<p>正文</p><footer>旧页脚</footer>'));
    const b = site(build('Zz9_-aQq', 'M2kX', '2', '1622379', '<p>正文</p><footer>新页脚</footer>'));
    writeFileSync(path.join(b, 'a/index.html'), page('甲', 'Zz9_-aQq', 'M2kX', '<p>改过的正文</p><footer>新页脚</footer>'));
    const diff = await compareDists(a, b);
    expect(diff.textFiles).toEqual(['a/index.html', 'b/index.html', 'index.html']);
    expect(diff.changes.map(({ files, hunk }) => [files.length, hunk.removed, hunk.added])).toEqual([
      [3, ['旧页脚'], ['新页脚']],
      [1, ['正文'], ['改过的正文']],
    ]);
    const report = formatDiff(diff, a, b);
    expect(report).toContain('3 pages: a/index.html, b/index.html, index.html\n');
    expect(report.match(/- 旧页脚/g)).toHaveLength(1);
    expect(report).toContain('1 page: a/index.html\n');
    expect(await main([a, b], quiet)).toBe(1);
  });

  test('files only in A or only in B are listed, and a changed search index by count and size', async () => {
    const a = site({ ...build('Cp2lpXYS', 'x', '1', '1622379'), 'old/index.html': page('旧', 'Cp2lpXYS', 'x') });
    const b = site({ ...build('Cp2lpXYS', 'x', '1', '1622379'), 'new/index.html': page('新', 'Cp2lpXYS', 'x'), 'pagefind/fragment/zh-cn_7777777.pf_fragment': 'more' });
    const diff = await compareDists(a, b);
    expect(diff.onlyInA).toEqual(['old/index.html']);
    expect(diff.onlyInB).toEqual(['new/index.html']);
    expect(diff.searchIndex.find((set) => set.files === 'pagefind/fragment/*.pf_fragment')).toEqual({ files: 'pagefind/fragment/*.pf_fragment', a: { count: 1, bytes: 10 }, b: { count: 2, bytes: 14 } });
    expect(formatDiff(diff, a, b)).toMatch(/Only in A \(1\):\n {2}old\/index\.html\nOnly in B \(1\):\n {2}new\/index\.html[\s\S]*DIFF {2}pagefind\/fragment/);
  });

  test('PNGs that differ in bytes are told apart by whether their pixels do', async () => {
    const rgb = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]);
    const image = (data: Uint8Array, channels: number, level: number) => encode({ width: 2, height: 2, data, channels, depth: 8 }, { zlib: { level: level as 0 | 9 } });
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 255]);
    const changed = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 8, 255]);
    const a = site({ 'same.png': image(rgb, 3, 9), 'changed.png': image(rgb, 3, 9) });
    const b = site({ 'same.png': image(rgba, 4, 0), 'changed.png': image(changed, 4, 0) });
    const notes = Object.fromEntries((await compareDists(a, b)).binary.map(({ file, note }) => [file, note]));
    expect(notes['same.png']).toMatch(/^bytes differ; decoded pixels equal/);
    expect(notes['changed.png']).toMatch(/^bytes differ; 1 of 4 pixels differ/);
  });

  test('the command exits 1 when the sites differ and 2 without two folders', () => {
    const a = site({ 'index.html': '<p>一</p>' });
    const b = site({ 'index.html': '<p>二</p>' });
    const run = spawnSync(process.execPath, [script, a, b], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('    - 一\n    + 二');
    expect(spawnSync(process.execPath, [script, a], { encoding: 'utf8' }).status).toBe(2);
  });
});

describe('line diff', () => {
  const apply = (ops: ReturnType<typeof diffLines>, keep: '-' | '+') => ops.filter((op) => op.kind === '=' || op.kind === keep).map((op) => op.line);

  test('its edits turn A into B, with as few as needed', () => {
    const a = 'a b c a b b a'.split(' ');
    const b = 'c b a b a c'.split(' ');
    const ops = diffLines(a, b);
    expect(apply(ops, '-')).toEqual(a);
    expect(apply(ops, '+')).toEqual(b);
    expect(ops.filter((op) => op.kind !== '=')).toHaveLength(5);
  });

  test('past the edit limit the rest is one replaced block, still correct', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const ops = diffLines(['same', ...a], ['same', ...b], 10);
    expect(apply(ops, '-')).toEqual(['same', ...a]);
    expect(apply(ops, '+')).toEqual(['same', ...b]);
  });
});
