import type { LinkContext, OutgoingLink } from '../markdown/recordings.ts';

export interface LinkIndex {
  /** The notes a note links to, once each, itself left out. */
  linksFrom(slug: string): ReadonlySet<string>;
  /** The notes that link to a note, in the order given, each with the sentences that link. */
  backlinksTo(slug: string): Array<{ slug: string; contexts: LinkContext[] }>;
}

/** Backlinks as the inversion of the links each note recorded as it rendered. */
export function linkIndex(recorded: Iterable<[slug: string, links: OutgoingLink[]]>): LinkIndex {
  const outgoing = new Map<string, Set<string>>();
  const incoming = new Map<string, Map<string, LinkContext[]>>();
  for (const [from, links] of recorded) {
    outgoing.set(from, new Set(links.map((link) => link.slug).filter((slug) => slug !== from)));
    for (const link of links) {
      if (link.slug === from) continue;
      const sources = incoming.get(link.slug) ?? new Map<string, LinkContext[]>();
      incoming.set(link.slug, sources);
      sources.set(from, [...(sources.get(from) ?? []), link.context]);
    }
  }
  const none: ReadonlySet<string> = new Set();
  return {
    linksFrom: (slug) => outgoing.get(slug) ?? none,
    backlinksTo: (slug) => [...(incoming.get(slug) ?? [])].map(([from, contexts]) => ({ slug: from, contexts })),
  };
}
