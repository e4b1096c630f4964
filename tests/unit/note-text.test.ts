import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { keepTextAside, notesWithLostText, readNoteText } from '../../src/content/note-text.ts';

type Store = LoaderContext['store'];
type Entry = ReturnType<Store['values']>[number];

/** A collection's store as Astro's behaves where it matters here: an entry with the digest it already has is not replaced. */
function fakeStore(entries: Entry[]): Store {
  const map = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    values: () => [...map.values()],
    delete: (id: string) => void map.delete(id),
    set: (entry: Entry) => {
      if (map.get(entry.id)?.digest === entry.digest) return false;
      map.set(entry.id, entry);
      return true;
    },
  } as unknown as Store;
}

const note = (id: string, digest: string, html = `<p>${id}</p>`): Entry => ({
  id,
  digest,
  data: { title: id },
  body: `${id} 的正文`,
  filePath: `content/articles/${id}.md`,
  rendered: { html, metadata: { headings: [{ depth: 2, slug: 'a', text: 'A' }], frontmatter: { links: [{ slug: 'b' }], markdown: `${id} 的副本` } } },
});

describe('note text kept out of the data store', () => {
  let dir: string;
  beforeEach(() => void (dir = path.join(mkdtempSync(path.join(tmpdir(), 'note-text-')), 'note-text')));
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  test('the store keeps data and headings; the page reads the HTML and Markdown back', () => {
    const store = fakeStore([note('mla', 'd1'), { ...note('mdx-note', 'd2'), rendered: undefined, deferredRender: true }]);
    keepTextAside(store, dir);
    const [mla, mdx] = store.values();
    expect(mla.body).toBeUndefined();
    expect(mla.rendered?.html).toBe('');
    // Its other recordings stay: the site model reads every note's.
    expect(mla.rendered?.metadata?.headings).toHaveLength(1);
    expect(mla.rendered?.metadata?.frontmatter).toEqual({ links: [{ slug: 'b' }] });
    expect(mla.data).toEqual({ title: 'mla' });
    expect(readNoteText(dir, mla)).toEqual({ html: '<p>mla</p>', body: 'mla 的正文', markdown: 'mla 的副本' });
    // An MDX note renders as a component: only its Markdown is kept.
    expect(mdx.deferredRender).toBe(true);
    expect(readNoteText(dir, mdx)).toEqual({ html: '', body: 'mdx-note 的正文', markdown: '' });
  });

  test('a later build keeps what is already aside, replaces a note rendered again and removes what is gone', () => {
    const first = fakeStore([note('a', 'd1'), note('b', 'd1'), note('c', 'd1')]);
    keepTextAside(first, dir);
    const [a, b] = first.values();
    // The next load: `a` unchanged (kept from the store), `b` edited and rendered again, `c` deleted.
    const second = fakeStore([a, note('b', 'd2', '<p>b, edited</p>')]);
    expect(notesWithLostText(second.values(), dir)).toEqual([]);
    keepTextAside(second, dir);
    expect(readNoteText(dir, a).html).toBe('<p>a</p>');
    expect(readNoteText(dir, second.values()[1]).html).toBe('<p>b, edited</p>');
    expect(() => readNoteText(dir, b)).toThrow(/the rendered text of "b" is missing from the build cache/);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  test('a note whose kept text is gone is found, to be rendered again', () => {
    const store = fakeStore([note('a', 'd1'), note('b', 'd1')]);
    keepTextAside(store, dir);
    rmSync(path.join(dir, readdirSync(dir).find((name) => name.startsWith('a.'))!));
    expect(notesWithLostText(store.values(), dir)).toEqual(['a']);
    rmSync(dir, { recursive: true });
    expect(existsSync(dir)).toBe(false);
    expect(notesWithLostText(store.values(), dir)).toEqual(['a', 'b']);
  });

  test('a note just rendered carries its text, so it is never counted as lost', () => {
    expect(notesWithLostText([note('fresh', 'd1')], dir)).toEqual([]);
  });
});
