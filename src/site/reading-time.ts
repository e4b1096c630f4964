/**
 * Minutes to read a note: Chinese is read by characters (about 400 a minute), English by words
 * (about 200 a minute); a display formula or code block costs time too, so count its lines.
 */
export function readingMinutes(markdown: string): number {
  const body = markdown.replace(/^---[\s\S]*?---/, '');
  const blocks = [...body.matchAll(/```[\s\S]*?```|\$\$[\s\S]*?\$\$/g)];
  const blockLines = blocks.reduce((sum, match) => sum + match[0].split('\n').length, 0);
  const prose = body.replace(/```[\s\S]*?```|\$\$[\s\S]*?\$\$/g, ' ');
  const han = (prose.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (prose.replace(/\p{Script=Han}/gu, ' ').match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? []).length;
  const minutes = han / 400 + words / 200 + blockLines / 20;
  return Math.max(1, Math.round(minutes));
}

/** Whether a note has a fenced code block (its page then loads the copy buttons' script). */
export function hasCodeBlock(markdown: string): boolean {
  return /^\s*(```|~~~)/m.test(markdown);
}
