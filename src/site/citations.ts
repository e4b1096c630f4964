/**
 * How to cite a note's paper and the note itself: BibTeX entries and plain citations, as text the
 * page shows and copies. Pure: the page passes in the frontmatter's facts and the note's address.
 */

/** The paper of a note's frontmatter (`paper:`), as the schema checks it. */
export interface PaperFacts {
  title: string;
  /** As the paper lists them; a team or company when that is its author line. */
  authors: string[];
  url: string;
  arxiv?: string;
  venue?: string;
  /** The first public version's year. */
  year: number;
}

/** A note as a thing to cite: its title, the site's name, its absolute address and its last revision. */
export interface NoteFacts {
  slug: string;
  title: string;
  siteName: string;
  /** Absolute, from the URL module: `https://…/flash-attention/`. */
  url: string;
  /** When the note was last revised (its `updated`, else `created`). */
  date: Date;
}

/**
 * An author that is a team or a company rather than a person: a name with no space (`DeepSeek-AI`)
 * or ending in "Team" (`Kimi Team`). BibTeX keeps such a name whole instead of splitting it into
 * given and family names.
 */
export function isOrganisation(name: string): boolean {
  return !/\s/.test(name.trim()) || /\bTeam$/.test(name.trim());
}

/** The family name of a person as the paper prints them (given names first): the last word, with a particle such as "van der". */
export function familyName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (isOrganisation(name) || words.length === 1) return name.trim();
  // "Laurens van der Maaten": the family name starts at the first lower-case particle after the given name.
  const particle = words.findIndex((word, index) => index > 0 && index < words.length - 1 && /^(?:van|von|der|den|de|del|della|di|da|du|la|le)$/.test(word));
  return words.slice(particle === -1 ? -1 : particle).join(' ');
}

/** Lower-case ASCII letters and digits only: accents dropped (`Rozière` → `roziere`), everything else removed. */
function asciiWord(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Words a citation key skips at the start of a title, as Google Scholar's keys do (`An Image is Worth…` → `image`). */
const leadingStopWords = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'via', 'with', 'is', 'are', 'do', 'does', 'how', 'what', 'why', 'when']);

/**
 * A BibTeX key: the first author's family name, the year and the title's first word, lower-case
 * ASCII (`dao2022flashattention`). For a team, its whole name (`deepseekai2024deepseekv3`).
 */
export function citationKey(authors: string[], year: number, title: string): string {
  const first = authors[0] ?? '';
  const words = title.split(/\s+/).map(asciiWord).filter(Boolean);
  const word = words.find((candidate) => !leadingStopWords.has(candidate)) ?? words[0] ?? '';
  return `${asciiWord(familyName(first)) || 'anon'}${year}${word}`;
}

/** Text in a BibTeX field, its LaTeX special characters escaped: `&`, `%`, `$`, `#`, `_`, braces, `~`, `^`, `\`. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_~^]/g, (character) => ({
    '\\': '\\textbackslash{}',
    '~': '\\textasciitilde{}',
    '^': '\\textasciicircum{}',
  })[character] ?? `\\${character}`);
}

/** An address in a BibTeX `url` field, which is read verbatim: only what would unbalance the entry is percent-encoded. */
function bibtexUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (character) => encodeURIComponent(character));
}

/** One author in a BibTeX `author` list: a team kept whole in braces, as is a name that contains the word "and". */
function bibtexAuthor(name: string): string {
  const escaped = bibtexEscape(name.trim());
  return isOrganisation(name) || /\band\b/i.test(name) ? `{${escaped}}` : escaped;
}

/** What a `venue:` says, read for BibTeX. */
export interface Venue {
  kind: 'conference' | 'journal';
  /** The venue as written, the first of `A / B` when it was published twice (`ECCV 2014 / TPAMI 2015`). */
  written: string;
  /** Without its year and volume: a journal's name (`Nature Communications`, `The Annals of Mathematical Statistics`). */
  name: string;
  year?: number;
  volume?: string;
  number?: string;
}

const journalWords = /\b(?:journal|transactions|annals|letters|review|nature|science|machine learning|jmlr|tmlr|t?pami|ijcv|tacl)\b/i;
const conferenceWords = /\b(?:conference|proceedings|workshop|symposium)\b/i;

/**
 * A venue as the notes write it (`NeurIPS 2022`, `Nature 2025`, `The Annals of Mathematical
 * Statistics 22(3)`): a journal when it is named like one (journal, transactions, annals, Nature…),
 * a conference otherwise; its year and its volume(number) when written.
 */
export function readVenue(venue: string): Venue {
  const written = venue.split(' / ')[0].trim();
  const year = /\b(19\d\d|20\d\d)\b/.exec(written)?.[1];
  const issue = /\s(\d+)\((\d+)\)$/.exec(written);
  const name = written.replace(/\s\d+\(\d+\)$/, '').replace(/\s*\b(19\d\d|20\d\d)\b\s*/, ' ').trim();
  const kind = journalWords.test(written) && !conferenceWords.test(written) ? 'journal' : 'conference';
  return { kind, written, name, year: year ? Number(year) : undefined, volume: issue?.[1], number: issue?.[2] };
}

function bibtexEntry(type: string, key: string, fields: Array<[string, string | undefined]>): string {
  const lines = fields.filter((field): field is [string, string] => field[1] !== undefined).map(([name, value]) => `  ${name} = {${value}},`);
  return `@${type}{${key},\n${lines.join('\n')}\n}`;
}

/**
 * The paper's BibTeX: `@inproceedings` with `booktitle` when a conference venue is given,
 * `@article` with `journal` for a journal, `@article` as an `arXiv preprint arXiv:<id>` when there is
 * no venue, and `@misc` for anything else (a blog post). The year is the venue's when it names one
 * (the published version's), else the paper's. The title is braced once more, so styles keep its
 * capitals (FlashAttention, LLaMA) as the paper prints them.
 */
export function paperBibtex(paper: PaperFacts): string {
  const venue = paper.venue ? readVenue(paper.venue) : undefined;
  const year = venue?.year ?? paper.year;
  const key = citationKey(paper.authors, year, paper.title);
  const common: Array<[string, string | undefined]> = [
    ['title', `{${bibtexEscape(paper.title)}}`],
    ['author', paper.authors.map(bibtexAuthor).join(' and ')],
  ];
  const tail: Array<[string, string | undefined]> = [
    ['year', String(year)],
    ['url', bibtexUrl(paper.url)],
    ...(paper.arxiv ? [['eprint', paper.arxiv], ['archivePrefix', 'arXiv']] as Array<[string, string]> : []),
  ];
  if (venue?.kind === 'conference') return bibtexEntry('inproceedings', key, [...common, ['booktitle', bibtexEscape(venue.written)], ...tail]);
  if (venue) return bibtexEntry('article', key, [...common, ['journal', bibtexEscape(venue.name)], ['volume', venue.volume], ['number', venue.number], ...tail]);
  if (paper.arxiv) return bibtexEntry('article', key, [...common, ['journal', `arXiv preprint arXiv:${paper.arxiv}`], ['year', String(year)], ['url', bibtexUrl(paper.url)]]);
  return bibtexEntry('misc', key, [...common, ...tail]);
}

/** Authors in running text: `A`, `A and B`, `A, B, and C`, and past three `A, B, C, et al.` */
export function authorList(authors: string[]): string {
  if (authors.length <= 1) return authors[0] ?? '';
  if (authors.length === 2) return `${authors[0]} and ${authors[1]}`;
  if (authors.length === 3) return `${authors[0]}, ${authors[1]}, and ${authors[2]}`;
  return `${authors.slice(0, 3).join(', ')}, et al.`;
}

/** A sentence of a citation: ends with a full stop unless it already ends with one (or `?`, `!`). */
const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

/**
 * The paper as one line of text: `Authors. Title. Venue, Year. arXiv:<id>.` A conference is named as
 * written (`NeurIPS 2022`), a journal with its volume and year (`Nature, 2025`); a paper without an
 * arXiv id ends with its address.
 */
export function paperCitation(paper: PaperFacts): string {
  const venue = paper.venue ? readVenue(paper.venue) : undefined;
  let where = String(paper.year);
  if (venue?.kind === 'conference') where = venue.year ? paper.venue! : `${paper.venue}, ${paper.year}`;
  else if (venue) where = `${venue.name}${venue.volume ? ` ${venue.volume}(${venue.number})` : ''}, ${venue.year ?? paper.year}`;
  const source = paper.arxiv ? `arXiv:${paper.arxiv}.` : paper.url;
  return [sentence(authorList(paper.authors)), sentence(paper.title), sentence(where), source].join(' ');
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The note as one line of text: `Title. Site name, YYYY-MM-DD. https://…/slug/` (the date of its last revision). */
export function noteCitation(note: NoteFacts): string {
  return `${sentence(note.title)} ${note.siteName}, ${day(note.date)}. ${note.url}`;
}

/** The note's BibTeX: `@misc`, the site as its author (kept whole), with its address and the date of its last revision. */
export function noteBibtex(note: NoteFacts): string {
  return bibtexEntry('misc', `${note.slug}-${note.date.getUTCFullYear()}`, [
    ['title', `{${bibtexEscape(note.title)}}`],
    ['author', `{${bibtexEscape(note.siteName)}}`],
    ['year', String(note.date.getUTCFullYear())],
    ['date', day(note.date)],
    ['url', bibtexUrl(note.url)],
  ]);
}
