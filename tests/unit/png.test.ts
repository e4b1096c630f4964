import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { encodeOpaquePng } from '../../src/lib/png.ts';

describe('encodeOpaquePng', () => {
  it('writes a PNG that decodes to the same colours, without alpha', () => {
    const width = 7;
    const height = 5;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([(i * 37) % 256, (i * 11) % 256, 255 - i, 255], i * 4);
    const png = decode(encodeOpaquePng(width, height, rgba));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([width, height, 3, 8]);
    for (let i = 0; i < width * height; i++) expect([...png.data.slice(i * 3, i * 3 + 3)]).toEqual([...rgba.slice(i * 4, i * 4 + 3)]);
  });
});
