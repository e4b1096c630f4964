/** What a link preview shows: served as `/<slug>/preview.json`, fetched when a reader points at a link. */
export interface HoverPreview {
  title: string;
  summary: string;
  /** The note's opening paragraphs as HTML, math already rendered, links turned into plain text. */
  html: string;
}
