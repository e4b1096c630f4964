import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedJson, keptResults } from '../../src/lib/build-cache.ts';
import { readNoteIndex } from '../../src/content/note-index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'build-cache-'));
  vi.stubEnv('CACHE_DIR', dir);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('cachedJson', () => {

  it('computes once for the same inputs and again when they change', () => {
    const compute = vi.fn((n: number) => ({ doubled: n * 2 }));
    expect(cachedJson('double', [1], () => compute(1))).toEqual({ doubled: 2 });
    expect(cachedJson('double', [1], () => compute(1))).toEqual({ doubled: 2 });
    expect(compute).toHaveBeenCalledTimes(1);
    expect(cachedJson('double', [2], () => compute(2))).toEqual({ doubled: 4 });
    expect(compute).toHaveBeenCalledTimes(2);
    // One entry per kind: going back to the first inputs computes again.
    expect(cachedJson('double', [1], () => compute(1))).toEqual({ doubled: 2 });
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('keeps kinds apart', () => {
    expect(cachedJson('a', 'same', () => 'from a')).toBe('from a');
    expect(cachedJson('b', 'same', () => 'from b')).toBe('from b');
    expect(cachedJson('a', 'same', () => 'again')).toBe('from a');
  });
});

describe('keptResults', () => {
  it('computes each text once across builds, and keeps only the last build\'s texts', () => {
    const compute = vi.fn((text: string) => ({ length: text.length }));
    const first = keptResults('lengths', compute);
    expect([first.of('一'), first.of('二三'), first.of('一')]).toEqual([{ length: 1 }, { length: 2 }, { length: 1 }]);
    first.keep();
    expect(compute).toHaveBeenCalledTimes(2);
    // The next build: the texts it has seen are read back; a new one is computed.
    const second = keptResults('lengths', compute);
    expect([second.of('二三'), second.of('四五六')]).toEqual([{ length: 2 }, { length: 3 }]);
    second.keep();
    expect(compute).toHaveBeenCalledTimes(3);
    // '一' was not used by the second build: it is gone, so it is computed again.
    keptResults('lengths', compute).of('一');
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('a throw is not kept: the text is computed again next time', () => {
    const compute = vi.fn((text: string) => {
      if (text === 'bad') throw new Error('unreadable');
      return text;
    });
    expect(() => keptResults('checked', compute).of('bad')).toThrow('unreadable');
    expect(() => keptResults('checked', compute).of('bad')).toThrow('unreadable');
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('the note index', () => {
  it('reads a note whose frontmatter changed as it now is, and the others from the kept parse', () => {
    const content = path.join(dir, 'content');
    mkdirSync(path.join(content, 'articles'), { recursive: true });
    writeFileSync(path.join(content, 'topics.yaml'), 'llm:\n  name: 大语言模型\n');
    const note = (title: string) => `---\ntitle: ${title}\naliases: [多头潜在注意力]\n---\n正文。\n`;
    writeFileSync(path.join(content, 'articles', 'mla.md'), note('MLA'));
    expect(readNoteIndex(content).notes[0].frontmatter).toEqual({ title: 'MLA', aliases: ['多头潜在注意力'] });
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'computed', 'frontmatter.json'), 'utf8')))).toHaveLength(1);
    writeFileSync(path.join(content, 'articles', 'mla.md'), note('Multi-head Latent Attention'));
    expect(readNoteIndex(content).notes[0].title).toBe('Multi-head Latent Attention');
    expect(readNoteIndex(content).notes[0].aliases).toEqual(['多头潜在注意力']);
  });
});
