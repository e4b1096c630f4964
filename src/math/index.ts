/**
 * Math, owned here: formulas are rendered at build time through rehype-katex, once per distinct
 * formula (render.ts); a rendered note keeps a placeholder per formula, expanded when a page is
 * written (placeholders.ts); sentences quoted elsewhere render their `$…$` the same way (text.ts);
 * where text leaves the page (search excerpts, previews, share pages) a formula reads as Unicode
 * text, `cₜᴷⱽ = Wᴰᴷⱽhₜ` (reading.ts);
 * the characters formulas draw are recorded, KaTeX's fonts are cut to them and the written pages are
 * checked against the cut (fonts.ts, font-cut.ts).
 *
 * The Markdown plugin (src/markdown/rehype-math.ts), the font integration
 * (src/integrations/katex-fonts.ts), the pages and the content loader use only what is exported here.
 */
export { formulaGlyphs, formulaHtml } from './render.ts';
export { expandFormulas, formulaPlaceholder } from './placeholders.ts';
export { mathTextHtml } from './text.ts';
export { formulaReading, mathmlReading, withAsciiScripts } from './reading.ts';
export { assertGlyphsCovered, cutInWorker, drawnParts, glyphsDrawn, glyphsOfPages, glyphsOfRecords, katexStylesheet } from './fonts.ts';
export { cutKatexFonts, katexFontsDir } from './font-cut.ts';
