import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCacheDir } from '../lib/build-cache.ts';

// A card's layout and where its PNG is kept, apart from the drawing (draw.ts): the build's main
// thread and every page need only these, and draw.ts loads satori, resvg, sharp and subset-font
// (about 0.3 s of every build's start, and of the pages' bundle, before any card is drawn).

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

export const fontFamily = 'Noto Sans SC';

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

/** The card as satori's element tree: what is drawn, and what its cache key hashes. */
export function layout(card: PreviewCard): Node {
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

let versions: string | undefined;
/** What else decides the pixels besides the layout: the renderers and the font, by version. */
function rendererVersions(): string {
  versions ??= ['satori', '@resvg/resvg-js', '@expo-google-fonts/noto-sans-sc', 'subset-font']
    .map((name) => `${name}@${JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version}`)
    .join(' ');
  return versions;
}

/** Every character a card shows, for the font subset. */
export const cardText = (card: PreviewCard) => card.kicker + card.title + card.summary + card.footer + (card.chips ?? []).map((chip) => `#${chip}`).join('');

/** Where the build cache keeps a card's PNG: named by the hash of its layout tree and the renderers' versions. */
export function cachedPreviewPath(card: PreviewCard): string {
  const key = createHash('sha256').update(JSON.stringify(layout(card))).update(rendererVersions()).digest('hex').slice(0, 32);
  return path.join(buildCacheDir(), 'previews', `${key}.png`);
}
