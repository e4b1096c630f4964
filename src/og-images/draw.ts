import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import subsetFont from 'subset-font';
import { writeAtomically } from '../lib/build-cache.ts';
import { cachedPreviewPath, cardText, fontFamily, layout, previewSize, type PreviewCard } from './card.ts';

const fontFiles = { 400: '400Regular/NotoSansSC_400Regular.ttf', 700: '700Bold/NotoSansSC_700Bold.ttf' } as const;

// Resolved from the project, not from this module: Astro bundles this file into its build output.
const requireFromProject = createRequire(path.join(process.cwd(), 'package.json'));

const fontCache = new Map<string, Promise<Array<{ name: string; data: Buffer; weight: 400 | 700 }>>>();

let lastText = '';
let lastCharacters = new Set<string>();

/** The characters of `allText` (the same for every card of a build, so collected once) and of `cardText`. */
function charactersOf(allText: string, cardText: string): string {
  if (allText !== lastText) {
    // The ellipsis is what satori draws where it clips a long title or summary.
    lastCharacters = new Set(allText + '…');
    lastText = allText;
  }
  return [...new Set([...lastCharacters, ...cardText])].sort().join('');
}

/**
 * The CJK font cut down to the characters the previews use: the full font is megabytes per
 * weight and would make every render slow; the subset of a site's titles and summaries is tens
 * of kilobytes. Keyed by the character set, so a build subsets once.
 */
function fontsFor(characters: string) {
  let fonts = fontCache.get(characters);
  if (!fonts) {
    fonts = Promise.all(
      (Object.entries(fontFiles) as Array<[string, string]>).map(async ([weight, file]) => ({
        name: fontFamily,
        weight: Number(weight) as 400 | 700,
        data: await subsetFont(readFileSync(requireFromProject.resolve(`@expo-google-fonts/noto-sans-sc/${file}`)), characters, { targetFormat: 'sfnt' }),
      })),
    );
    fontCache.set(characters, fonts);
  }
  return fonts;
}

/**
 * Renders a card to a PNG (chats such as Telegram show no WebP previews). `allText` is every
 * character any card of the build uses, so one font subset serves them all. A character the font
 * lacks would be drawn as an empty box, so it fails instead, naming the character. PNGs are kept in
 * the build cache by the hash of the card's layout tree (text and every style) and the renderers'
 * versions, so an unchanged card costs a file read, with no layout or rasterising. resvg's native
 * build rasterises about seven times faster than its WebAssembly one; its PNG encoder took longer
 * than the rasterising, so the pixels are encoded by `opaquePng`.
 */
export async function renderPreviewPng(card: PreviewCard, allText: string = cardText(card)): Promise<Buffer> {
  const tree = layout(card);
  const cached = cachedPreviewPath(card);
  if (existsSync(cached)) return readFileSync(cached);
  const fonts = await fontsFor(charactersOf(allText, cardText(card)));
  const svg = await satori(tree as never, {
    ...previewSize,
    fonts,
    loadAdditionalAsset: async (_language: string, segment: string) => {
      const missing = [...segment].filter((char) => char.trim() !== '').map((char) => `"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
      throw new Error(`the preview image of "${card.title}" needs ${missing.join(', ')}, which the preview font (Noto Sans SC) does not have; write it another way in the title or summary`);
    },
  });
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  const png = await opaquePng(image.width, image.height, image.pixels);
  mkdirSync(path.dirname(cached), { recursive: true });
  writeAtomically(cached, png);
  return png;
}

/**
 * An opaque RGB PNG from RGBA pixels (a card has no transparent pixel), lossless. On 45 of the
 * site's cards (CPU time of all threads, median per card): libvips at zlib level 6 without filtering
 * takes 6.5–7.5 ms for 41 KB a card on average; the hand-written encoder it replaced (zlib level 1,
 * no filter) 5–10 ms for 62 KB, resvg's own 8–15 ms for 65 KB. Adaptive filtering triples the CPU
 * for larger files (flat colours and text gain nothing from it); a palette gives 26 KB for 10× the CPU.
 */
export function opaquePng(width: number, height: number, rgba: Uint8Array): Promise<Buffer> {
  return sharp(rgba, { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}
