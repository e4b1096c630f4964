import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { opaquePng, renderPreviewPng, type PreviewCard } from '../../src/og-images/draw.ts';

const card: PreviewCard = { kicker: '大语言模型', title: '多头潜在注意力', summary: '把 KV 联合压缩成一个低秩潜向量，推理时缓存它而不是完整的 key 和 value。', footer: '模型笔记 · notes.example.org' };

// A fresh cache, so every render here really rasterises.
const cache = mkdtempSync(path.join(tmpdir(), 'preview-cache-'));
const savedCache = process.env.CACHE_DIR;
beforeAll(() => void (process.env.CACHE_DIR = cache));
afterAll(() => {
  process.env.CACHE_DIR = savedCache;
  rmSync(cache, { recursive: true, force: true });
});

/** Pixels of the title band (below the kicker, above the summary) as one string, to compare renders. */
function titleBand(png: Buffer) {
  const image = decode(png);
  const rowBytes = image.width * image.channels;
  return Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).subarray(140 * rowBytes, 260 * rowBytes).toString('base64');
}

describe('opaquePng', () => {
  test('writes a PNG that decodes to the same colours, without alpha', async () => {
    const width = 7;
    const height = 5;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([(i * 37) % 256, (i * 11) % 256, 255 - i, 255], i * 4);
    const png = decode(await opaquePng(width, height, rgba));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([width, height, 3, 8]);
    for (let i = 0; i < width * height; i++) expect([...png.data.slice(i * 3, i * 3 + 3)]).toEqual([...rgba.slice(i * 4, i * 4 + 3)]);
  });
});

describe('preview images', () => {
  test('are opaque 1200×630 PNGs', async () => {
    const image = decode(await renderPreviewPng(card));
    expect([image.width, image.height, image.channels, image.depth]).toEqual([1200, 630, 3, 8]);
  });

  test('draw Chinese with real glyphs: different characters give different pixels, not the same missing-glyph box', async () => {
    const first = titleBand(await renderPreviewPng(card));
    const reordered = titleBand(await renderPreviewPng({ ...card, title: '注意力潜在多头' }));
    const again = titleBand(await renderPreviewPng({ ...card }));
    expect(reordered).not.toBe(first);
    expect(again).toBe(first);
  });

  test('the title is drawn: its band holds dark text pixels', async () => {
    const image = decode(await renderPreviewPng(card));
    let dark = 0;
    for (let y = 140; y < 260; y++) {
      for (let x = 72; x < 800; x++) {
        const i = (y * image.width + x) * image.channels;
        if (image.data[i] < 80 && image.data[i + 1] < 80 && image.data[i + 2] < 80) dark++;
      }
    }
    expect(dark).toBeGreaterThan(5000);
  });

  test('a character the font lacks fails, naming it and the card', async () => {
    await expect(renderPreviewPng({ ...card, title: '象形文字 𓀀' })).rejects.toThrow(/the preview image of "象形文字 𓀀" needs "𓀀" \(U\+13000\), which the preview font \(Noto Sans SC\) does not have/);
  });
});
