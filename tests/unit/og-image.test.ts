import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cachedPreviewPath, cardText, type PreviewCard } from '../../src/og-images/card.ts';
import { opaquePng, renderPreviewPng } from '../../src/og-images/draw.ts';
import { startPreviewPool } from '../../src/og-images/pool.ts';
import { firstSentence, hasSectionCard, previewCardsOf } from '../../src/site/og-image-cards.ts';

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

  test('the pool draws a card in a worker thread into the cache, and a later build\'s pool answers it from there without drawing', async () => {
    const fresh = { ...card, title: '线程里画的卡片' };
    const pool = startPreviewPool(1);
    const file = await pool.render(fresh, cardText(fresh)).finally(() => pool.close());
    expect(file).toBe(cachedPreviewPath(fresh));
    expect(decode(readFileSync(file)).width).toBe(1200);
    const drawnAt = statSync(file).mtimeMs;
    const later = startPreviewPool(1);
    expect(await later.render({ ...fresh }, cardText(fresh)).finally(() => later.close())).toBe(file);
    expect(statSync(file).mtimeMs).toBe(drawnAt);
  });

  test('a character the font lacks fails, naming it and the card', async () => {
    await expect(renderPreviewPng({ ...card, title: '象形文字 𓀀' })).rejects.toThrow(/the preview image of "象形文字 𓀀" needs "𓀀" \(U\+13000\), which the preview font \(Noto Sans SC\) does not have/);
  });
});

describe('section cards', () => {
  const topics = [{ id: 'llm', data: { name: '大语言模型', nameEn: 'LLM', description: '' } }];
  const article = { id: 'mla', data: { title: '多头潜在注意力', summary: '只缓存低秩潜向量。', topic: 'llm', tags: ['attention'] }, sectionCards: [{ id: 'low-rank', title: '低秩压缩', excerpt: '把 K 和 V 压成一个潜向量。推理时只缓存它。' }] };

  test('a section with a fixed id gets a card: the note\'s title above its heading and its first sentence', () => {
    const cards = previewCardsOf([article], topics);
    expect(cards.get('sections/mla/low-rank')).toMatchObject({ kicker: '多头潜在注意力 ›', title: '低秩压缩', summary: '把 K 和 V 压成一个潜向量。' });
    expect(previewCardsOf([{ ...article, sectionCards: [] }], topics).has('sections/mla/low-rank')).toBe(false);
  });

  test.each([
    ['把 K 和 V 压成一个潜向量。推理时只缓存它。', '把 K 和 V 压成一个潜向量。'],
    ['短。后面是一句更长的话。', '短。后面是一句更长的话。'],
    ['没有句号的开头……', '没有句号的开头……'],
    ['版本 2.0 发布了新的用法！随后', '版本 2.0 发布了新的用法！'],
  ])('the first sentence of %s is %s', (text, sentence) => {
    expect(firstSentence(text)).toBe(sentence);
  });

  test('only sections whose id the author fixed, in Markdown notes, get one', () => {
    expect(hasSectionCard({ filePath: 'content/articles/mla.md' }, { fixed: true })).toBe(true);
    expect(hasSectionCard({ filePath: 'content/articles/mla.md' }, {})).toBe(false);
    expect(hasSectionCard({ filePath: 'content/articles/x.mdx' }, { fixed: true })).toBe(false);
  });
});
