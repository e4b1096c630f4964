import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import sharp from 'sharp';
import subsetFont from 'subset-font';
import { buildCacheDir } from '../lib/build-cache.ts';

/** What a chat thumbnail shows for one page. */
export interface PreviewCard {
  /** Small line above the title: the topic, or what kind of page this is. */
  kicker: string;
  title: string;
  /** A sentence or two under the title; clipped to three lines. */
  summary: string;
  /** Bottom line: site name and address. */
  footer: string;
  /** Shown as chips above the footer (an article's tags). */
  chips?: string[];
}

/** The size Open Graph consumers crop least: 1.91:1. */
export const previewSize = { width: 1200, height: 630 } as const;

// The site's light palette (src/styles/global.css), so a preview looks like the page it opens.
const colors = { bg: '#ffffff', band: '#0a58ca', text: '#1f2328', soft: '#57606a', accent: '#0a58ca', accentSoft: '#e7f0ff', rule: '#d8dee4' };

const fontFamily = 'Noto Sans SC';
const fontFiles = { 400: '400Regular/NotoSansSC_400Regular.ttf', 700: '700Bold/NotoSansSC_700Bold.ttf' } as const;

// Resolved from the project, not from this module: Astro bundles this file into its build output.
const requireFromProject = createRequire(path.join(process.cwd(), 'package.json'));

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown } };
const h = (type: string, style: Record<string, unknown>, ...children: unknown[]): Node => ({ type, props: { style, children: children.length === 1 ? children[0] : children } });

/** Longer titles get a smaller size so they stay on two lines at most. */
function titleSize(title: string): number {
  const width = [...title].reduce((sum, char) => sum + (char.codePointAt(0)! <= 0x24f ? 0.55 : 1), 0);
  if (width <= 12) return 84;
  if (width <= 20) return 68;
  if (width <= 30) return 56;
  return 46;
}

function layout(card: PreviewCard): Node {
  return h('div', { width: '100%', height: '100%', display: 'flex', flexDirection: 'column', background: colors.bg, fontFamily },
    h('div', { height: 16, background: colors.band }),
    h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '56px 72px 48px' },
      h('div', { fontSize: 34, color: colors.accent, fontWeight: 700 }, card.kicker),
      h('div', { display: 'block', fontSize: titleSize(card.title), fontWeight: 700, color: colors.text, lineHeight: 1.2, marginTop: 20, lineClamp: 2, overflow: 'hidden', textOverflow: 'ellipsis' }, card.title),
      h('div', { display: 'block', fontSize: 34, color: colors.soft, lineHeight: 1.5, marginTop: 24, lineClamp: 3, overflow: 'hidden', textOverflow: 'ellipsis' }, card.summary),
      h('div', { display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 'auto', maxHeight: 52, overflow: 'hidden' },
        ...(card.chips ?? []).map((chip) => h('div', { fontSize: 26, color: colors.accent, background: colors.accentSoft, borderRadius: 999, padding: '4px 18px' }, `#${chip}`)),
      ),
      h('div', { display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 24, paddingTop: 24, borderTop: `2px solid ${colors.rule}`, fontSize: 30, color: colors.soft },
        h('div', { fontWeight: 700, color: colors.text }, card.footer.split(' · ')[0]),
        h('div', {}, card.footer.split(' · ').slice(1).join(' · ')),
      ),
    ),
  );
}

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

let versions: string | undefined;
/** What else decides the pixels besides the layout: the renderers and the font, by version. */
function rendererVersions(): string {
  versions ??= ['satori', '@resvg/resvg-js', '@expo-google-fonts/noto-sans-sc', 'subset-font']
    .map((name) => `${name}@${JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version}`)
    .join(' ');
  return versions;
}

export const cardText = (card: PreviewCard) => card.kicker + card.title + card.summary + card.footer + (card.chips ?? []).map((chip) => `#${chip}`).join('');

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
  // Written aside and renamed: builds sharing a cache never read half an image.
  const partial = `${cached}.${process.pid}.${threadId}`;
  writeFileSync(partial, png);
  renameSync(partial, cached);
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

/** Where the build cache keeps a card's PNG: named by the hash of its layout tree and the renderers' versions. */
export function cachedPreviewPath(card: PreviewCard): string {
  const key = createHash('sha256').update(JSON.stringify(layout(card))).update(rendererVersions()).digest('hex').slice(0, 32);
  return path.join(buildCacheDir(), 'previews', `${key}.png`);
}
