/**
 * What the map of notes (`/graph/`) draws. A map of every note is readable, and light enough for a
 * phone, up to a few hundred notes (about 0.6 KB of SVG a note with its links: 1.3 MB at 3000). Above
 * `wholeMapLimit` notes, `/graph/` lists the topics and each topic gets a map of its own,
 * `/graph/<topic>/`: the topic's notes (at most `topicMapLimit`, the most linked first) and the links
 * between them, with the links that leave the topic counted by the topic they lead to.
 */

/** The most notes the whole map draws: more, and `/graph/` becomes an index of topic maps. */
export const wholeMapLimit = 200;

/** The most notes a topic's map draws: the most linked ones; the topic's page lists them all. */
export const topicMapLimit = 200;

interface MapNote { id: string; data: { title: string; topic: string } }

/** Every link between two of the notes once, as a sorted pair; links to notes not listed are left out. */
export function linkPairs<T extends MapNote>(notes: T[], linksFrom: (slug: string) => ReadonlySet<string>): Array<[string, string]> {
  const listed = new Set(notes.map((note) => note.id));
  const pairs = new Map<string, [string, string]>();
  for (const note of notes) {
    for (const target of linksFrom(note.id)) {
      if (!listed.has(target) || target === note.id) continue;
      const pair: [string, string] = note.id < target ? [note.id, target] : [target, note.id];
      pairs.set(pair.join(' '), pair);
    }
  }
  return [...pairs.values()];
}

/** Whether the site's map is drawn whole at `/graph/`, or as one map a topic. */
export function mapsByTopic(noteCount: number): boolean {
  return noteCount > wholeMapLimit;
}

export interface LinkMap<T> {
  /** The notes drawn, in the order given (by title). */
  notes: T[];
  /** The links between the notes drawn. */
  links: Array<[string, string]>;
  /** Links of each note drawn, counted over the whole site: a circle's size. */
  degree: Map<string, number>;
  /** Notes of the topic not drawn (only the most linked fit). */
  left: number;
  /** Links from the topic's notes to each other topic, by topic id, most first. */
  toOtherTopics: Array<{ topic: string; links: number }>;
}

/** The whole map: every note and every link between notes. */
export function wholeMap<T extends MapNote>(notes: T[], links: Array<[string, string]>): LinkMap<T> {
  return { notes, links, degree: degreeOf(notes, links), left: 0, toOtherTopics: [] };
}

/**
 * One topic's map: its `limit` most linked notes (links anywhere count; ties by the order given)
 * and the links among them; what leaves the topic is counted by the topic it leads to. `links` are
 * the site's (linkPairs).
 */
export function topicMap<T extends MapNote>(notes: T[], links: Array<[string, string]>, topic: string, limit = topicMapLimit): LinkMap<T> {
  const topicOf = new Map(notes.map((note) => [note.id, note.data.topic]));
  const degree = degreeOf(notes, links);
  const inTopic = notes.filter((note) => note.data.topic === topic);
  const place = new Map(inTopic.map((note, index) => [note.id, index]));
  const kept = new Set([...inTopic].sort((a, b) => degree.get(b.id)! - degree.get(a.id)! || place.get(a.id)! - place.get(b.id)!).slice(0, limit).map((note) => note.id));
  const outgoing = new Map<string, number>();
  const drawn: Array<[string, string]> = [];
  for (const [a, b] of links) {
    const [topicA, topicB] = [topicOf.get(a), topicOf.get(b)];
    if (topicA === topic && topicB === topic) {
      if (kept.has(a) && kept.has(b)) drawn.push([a, b]);
    } else if (topicA === topic || topicB === topic) {
      const other = (topicA === topic ? topicB : topicA)!;
      outgoing.set(other, (outgoing.get(other) ?? 0) + 1);
    }
  }
  return {
    notes: inTopic.filter((note) => kept.has(note.id)),
    links: drawn,
    degree: new Map([...kept].map((id) => [id, degree.get(id)!])),
    left: inTopic.length - kept.size,
    toOtherTopics: [...outgoing].map(([other, count]) => ({ topic: other, links: count })).sort((a, b) => b.links - a.links || a.topic.localeCompare(b.topic)),
  };
}

function degreeOf(notes: MapNote[], links: Array<[string, string]>): Map<string, number> {
  const degree = new Map(notes.map((note) => [note.id, 0]));
  for (const [a, b] of links) {
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  return degree;
}
