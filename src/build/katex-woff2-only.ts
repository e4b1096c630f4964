import type { Plugin } from 'vite';

/**
 * KaTeX's stylesheet lists each font as WOFF2, WOFF and TTF, and the build would publish all three
 * (60 files). Every browser that runs this site reads WOFF2, so the other two are dropped from the
 * stylesheet before Vite collects its assets.
 */
export function katexWoff2Only(): Plugin {
  return {
    name: 'katex-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css$/.test(id)) return;
      return code.replace(/,\s*url\([^)]+\.woff\)\s*format\("woff"\)\s*,\s*url\([^)]+\.ttf\)\s*format\("truetype"\)/g, '');
    },
  };
}
