import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import type { ArticleRecord, TopicRecord } from '../../src/content/records.ts';
import { readRecords, writeRecords } from '../../src/content/records.ts';
import { cardsFromRecords } from '../../src/integrations/og-images.ts';
import { unpackedByBrowserSource, withNativeGunzip, withPartsLoadedBeside, withSearchOnLoad, withTextSplitOnce } from '../../src/integrations/pagefind-runtime.ts';
import { buildSearchIndex, indexParts, partOf } from '../../src/integrations/search-index.ts';
import { readBuiltPages } from '../../src/integrations/built-pages.ts';
import { deleteInChild, linkKeptPages, moveAside, removeUnwritten } from '../../src/integrations/old-output.ts';

const work = mkdtempSync(path.join(tmpdir(), 'integrations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const record = (id: string, topic: string, extra: Partial<ArticleRecord['data']> = {}): ArticleRecord => ({
  id,
  file: `content/articles/${id}.md`,
  glyphs: '',
  sectionCards: [],
  links: [],
  digest: '',
  data: { title: id.toUpperCase(), summary: `${id} 的摘要。`, topic, tags: ['attention'], draft: false, created: new Date('2026-01-01'), formerSlugs: [], ...extra },
});
const topics: TopicRecord[] = [{ id: 'llm', data: { name: '大语言模型', nameEn: 'LLM', description: '主题。', order: 1 } }];

describe('the content records', () => {
  test('come back as written, dates as dates', () => {
    const cache = path.join(work, 'cache');
    writeRecords(cache, 'articles', { files: ['content/articles/mla.md'], articles: [record('mla', 'llm', { updated: new Date('2026-02-01') })] });
    writeRecords(cache, 'topics', topics);
    const read = readRecords(cache);
    expect(read.files).toEqual(['content/articles/mla.md']);
    expect(read.articles[0].data.created).toEqual(new Date('2026-01-01'));
    expect(read.articles[0].data.updated).toEqual(new Date('2026-02-01'));
    expect(read.topics).toEqual(topics);
  });

  test('missing, say that the collections have not been loaded', () => {
    expect(() => readRecords(path.join(work, 'nothing'))).toThrow(/content records .* are missing: they are written when Astro loads the content collections/);
  });
});

describe('the Open Graph images integration', () => {
  test('draws a card for every published note, topic and tag and the home page, never for a draft', () => {
    const cards = cardsFromRecords({ articles: [record('mla', 'llm'), record('wip', 'llm', { draft: true })], topics });
    expect([...cards.keys()].sort()).toEqual(['articles/mla', 'home', 'tags/attention', 'topics/llm']);
    expect(cards.get('articles/mla')).toMatchObject({ kicker: '大语言模型', title: 'MLA', summary: 'mla 的摘要。' });
    expect(cards.get('topics/llm')?.kicker).toBe('主题 · 1 篇笔记');
  });
});

describe('the search index integration', () => {
  const indexOf = async (dist: string, cache?: Parameters<typeof buildSearchIndex>[2]) => buildSearchIndex(dist, await readBuiltPages(dist), cache);

  test('indexes the article pages of a built site, and only them', async () => {
    const dist = path.join(work, 'dist');
    const page = (body: string) => `<!doctype html><html lang="zh-CN"><head><title>t</title></head><body>${body}</body></html>`;
    for (const [file, html] of Object.entries({
      'mla/index.html': page('<main><article data-pagefind-body><h1>多头潜在注意力</h1><p>把 KV 压成低秩潜向量。</p></article></main>'),
      'dpo/index.html': page('<main><article data-pagefind-body><h1>直接偏好优化</h1><p>不用奖励模型。</p></article></main>'),
      'topics/llm/index.html': page('<main><h1>大语言模型</h1></main>'),
    })) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    }
    expect(await indexOf(dist)).toBe('2 articles indexed into pagefind/');
    const entry = JSON.parse(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.keys(entry.languages)).toEqual(['zh-cn']);
    // The runtime pages load lets the browser unpack what it fetches (src/integrations/pagefind-runtime.ts).
    const runtime = readFileSync(path.join(dist, 'pagefind/pagefind.js'), 'utf8');
    expect(runtime.match(/unpackedByBrowser\(await fetch\(/g)).toHaveLength(1);
    // and splits a page's text once for the excerpts of all its sections,
    expect(runtime.match(/fragment_words=wordsOf\(content,/g)).toHaveLength(1);
    // and a search waits for the index to load, not for the next look.
    expect(runtime.match(/await\(this\.loading\?\?asyncSleep\(50\)\)/g)).toHaveLength(1);
  }, 60_000);

  test('keeps the last index, and uses it only while no article page and no code changed', async () => {
    const dist = path.join(work, 'kept-dist');
    const cache = { dir: path.join(work, 'kept-cache', 'search-index'), code: 'pagefind 1.6.0' };
    const page = (body: string, css = '') => `<!doctype html><html lang="zh-CN"><head><title>t</title><style>${css}</style></head><body><main><article data-pagefind-body>${body}</article></main></body></html>`;
    const write = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), html);
    };
    write('mla/index.html', page('<h1>多头潜在注意力</h1><p>把 KV 压成低秩潜向量。</p>'));
    write('dpo/index.html', page('<h1>直接偏好优化</h1><p>不用奖励模型。</p>'));
    const kept = / \(the last build's index: no article page changed\)$/;
    expect(await indexOf(dist, cache)).not.toMatch(kept);
    const entry = readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8');
    // A new stylesheet is not given to Pagefind: the same index.
    write('mla/index.html', page('<h1>多头潜在注意力</h1><p>把 KV 压成低秩潜向量。</p>', ':root{--bg:#000}'));
    rmSync(path.join(dist, 'pagefind'), { recursive: true });
    expect(await indexOf(dist, cache)).toMatch(kept);
    expect(readFileSync(path.join(dist, 'pagefind/pagefind-entry.json'), 'utf8')).toBe(entry);
    const runtime = readFileSync(path.join(dist, 'pagefind/pagefind.js'), 'utf8');
    expect(runtime.match(/unpackedByBrowser\(await fetch\(/g)).toHaveLength(1);
    // and splits a page's text once for the excerpts of all its sections.
    expect(runtime.match(/fragment_words=wordsOf\(content,/g)).toHaveLength(1);
    // A changed sentence, a new page or other code (the site's or Pagefind's): a new index.
    write('dpo/index.html', page('<h1>直接偏好优化</h1><p>不用奖励模型，也不用强化学习。</p>'));
    expect(await indexOf(dist, cache)).not.toMatch(kept);
    expect(await indexOf(dist, cache)).toMatch(kept);
    write('clip/index.html', page('<h1>CLIP</h1><p>对比学习。</p>'));
    expect(await indexOf(dist, cache)).toBe('3 articles indexed into pagefind/');
    expect(await indexOf(dist, { ...cache, code: 'pagefind 1.7.0' })).not.toMatch(kept);
  }, 60_000);
});

/** How many pages the index written in `folder` holds, by its entry file. */
const pagesIndexed = (folder: string) =>
  Object.values((JSON.parse(readFileSync(path.join(folder, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }).languages).reduce((sum, language) => sum + language.page_count, 0);

describe('the search index in parts', () => {
  test.each([
    [49, 1], [499, 1], [500, 2], [1000, 4], [3000, 8], [10_000, 8],
  ])('%i article pages are indexed in %i part(s)', (pages, parts) => {
    expect(indexParts(pages)).toBe(parts);
  });

  test('a note keeps its part while others come and go, and the parts share the notes about evenly', () => {
    const slugs = Array.from({ length: 1000 }, (_, index) => `note-${index}`);
    expect(slugs.map((slug) => partOf(slug, 4))).toEqual(slugs.map((slug) => partOf(slug, 4)));
    const sizes = [0, 1, 2, 3].map((part) => slugs.filter((slug) => partOf(slug, 4) === part).length);
    for (const size of sizes) expect(size).toBeGreaterThan(200);
    expect(partOf('mla', 1)).toBe(0);
  });

  test('writes each part, and after an edit makes only the edited note\'s part again', async () => {
    const dist = path.join(work, 'parts-dist');
    const cache = { dir: path.join(work, 'parts-cache', 'search-index'), code: 'pagefind 1.6.0' };
    const page = (body: string) => `<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><main><article data-pagefind-body>${body}</article></main></body></html>`;
    const slugs = ['mla', 'dpo', 'clip', 'vit', 'moe', 'gqa'];
    const write = (slug: string, text: string) => {
      mkdirSync(path.join(dist, slug), { recursive: true });
      writeFileSync(path.join(dist, slug, 'index.html'), page(`<h1>${slug}</h1><p>${text}</p>`));
    };
    for (const slug of slugs) write(slug, '注意力与训练。');
    const indexed = async () => buildSearchIndex(dist, await readBuiltPages(dist), cache, undefined, 2);
    expect(await indexed()).toBe('6 articles indexed into pagefind/ in 2 parts');
    expect(JSON.parse(readFileSync(path.join(dist, 'pagefind/parts.json'), 'utf8'))).toEqual(['pagefind/part-1/']);
    const second = slugs.filter((slug) => partOf(slug, 2) === 1).length;
    expect(pagesIndexed(path.join(dist, 'pagefind/part-1'))).toBe(second);
    expect(pagesIndexed(path.join(dist, 'pagefind'))).toBe(slugs.length - second);
    expect(readdirSync(path.join(dist, 'pagefind/part-1')).filter((file) => file.endsWith('.js'))).toEqual([]);
    expect(await indexed()).toBe('6 articles indexed into pagefind/ in 2 parts (the last build\'s index: no article page changed)');
    write('mla', '注意力与训练，以及低秩压缩。');
    expect(await indexed()).toBe('6 articles indexed into pagefind/ in 2 parts (1 of the 2 parts the last build\'s: none of their pages changed)');
    expect(pagesIndexed(path.join(dist, 'pagefind/part-1'))).toBe(second);
  }, 60_000);
});

describe('the last build\'s output', () => {
  test('is moved aside whole for deletion, leaving the output folder empty but for .git, as Astro would', () => {
    const out = path.join(work, 'old-output', 'dist');
    mkdirSync(path.join(out, 'mla'), { recursive: true });
    mkdirSync(path.join(out, '.git'));
    writeFileSync(path.join(out, 'mla/index.html'), 'old');
    writeFileSync(path.join(out, '.git/HEAD'), 'ref: refs/heads/pages');
    const aside = moveAside(out)!;
    expect(path.dirname(aside)).toBe(path.dirname(out));
    expect(readFileSync(path.join(aside, 'mla/index.html'), 'utf8')).toBe('old');
    expect(readdirSync(out)).toEqual(['.git']);
    expect(readFileSync(path.join(out, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/pages');
    expect(moveAside(path.join(work, 'old-output', 'nothing'))).toBeUndefined();
  });

  test('is deleted in another process, with any a stopped build left beside it', async () => {
    const folders = ['dist.old-1', 'dist.old-2'].map((name) => path.join(work, 'old-output', name));
    for (const folder of folders) {
      mkdirSync(path.join(folder, 'mla'), { recursive: true });
      writeFileSync(path.join(folder, 'mla/index.html'), 'old');
    }
    await deleteInChild(folders);
    for (const folder of folders) expect(existsSync(folder)).toBe(false);
  });
});

describe('the pages Astro may keep', () => {
  test('are linked back from the old output, and those the build did not write are removed with their empty folders', async () => {
    const root = path.join(work, 'kept-pages');
    const put = (file: string, body: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), body);
    };
    // Astro's copies of the pages it may keep; the old output has two of them, and a file Astro does not keep.
    for (const page of ['mla/index.html', 'clip/index.html', 'new-note/index.html']) put(`cache/dist/${page}`, 'cached');
    put('old/mla/index.html', 'old mla');
    put('old/clip/index.html', 'old clip');
    put('old/mla/sections/a/index.html', 'an emitted page');
    const out = path.join(root, 'dist');
    mkdirSync(out);

    const linked = await linkKeptPages(path.join(root, 'old'), out, path.join(root, 'cache/dist'));
    expect(linked.map((file) => path.relative(out, file)).sort()).toEqual(['clip/index.html', 'mla/index.html']);
    expect(readFileSync(path.join(out, 'mla/index.html'), 'utf8')).toBe('old mla');
    expect(statSync(path.join(out, 'mla/index.html')).ino).toBe(statSync(path.join(root, 'old/mla/index.html')).ino);
    expect(existsSync(path.join(out, 'mla/sections'))).toBe(false);
    // No link reaches into the cache: writing a page anew leaves Astro's copy as it was.
    writeFileSync(path.join(out, 'mla/index.html'), 'new mla');
    expect(readFileSync(path.join(root, 'cache/dist/mla/index.html'), 'utf8')).toBe('cached');

    // The build wrote or kept mla; clip's note was deleted.
    await removeUnwritten(out, linked, new Set([path.join(out, 'mla/index.html')]));
    expect(readdirSync(out)).toEqual(['mla']);
    expect(readFileSync(path.join(out, 'mla/index.html'), 'utf8')).toBe('new mla');
    expect(await linkKeptPages(path.join(root, 'old'), out, path.join(root, 'no-cache'))).toEqual([]);
  });
});

describe("Pagefind's runtime, unpacked by the browser", () => {
  const unpack = new Function(`${unpackedByBrowserSource} return unpackedByBrowser;`)() as (response: Response) => Promise<Response>;
  const text = async (response: Response) => new TextDecoder().decode(await response.arrayBuffer());

  test('a gzip answer reaches Pagefind unpacked, with its signature first', async () => {
    const packed = gzipSync(Buffer.from('pagefind_dcd{"page":1}'));
    expect(await text(await unpack(new Response(packed)))).toBe('pagefind_dcd{"page":1}');
  });

  test('an answer already unpacked (a host did it) and a failed one pass untouched', async () => {
    expect(await text(await unpack(new Response('pagefind_dcd{}')))).toBe('pagefind_dcd{}');
    const missing = await unpack(new Response('not found', { status: 404 }));
    expect([missing.status, await missing.text()]).toEqual([404, 'not found']);
  });

  test('a runtime that no longer fetches where expected fails the build and says what to change', () => {
    expect(() => withNativeGunzip('const x=await fetch(url);', 'dist/pagefind/pagefind.js')).toThrow(/dist\/pagefind\/pagefind\.js: Pagefind's runtime no longer fetches[\s\S]*src\/integrations\/pagefind-runtime\.ts/);
    expect(() => withTextSplitOnce('let words=content.split(" ");', 'dist/pagefind/pagefind.js')).toThrow(/dist\/pagefind\/pagefind\.js: Pagefind's runtime no longer splits a page’s text[\s\S]*withTextSplitOnce/);
    expect(() => withSearchOnLoad('this.init();', 'dist/pagefind/pagefind.js')).toThrow(/dist\/pagefind\/pagefind\.js: Pagefind's runtime no longer loads its index and waits for it[\s\S]*withSearchOnLoad/);
  });
});

// Pagefind 1.6's start, wait and merge as far as they go, around the exact text the changes replace;
// the first part's WebAssembly loads when `loaded` is called, or fails; `fetched` lists the parts
// whose entry file was asked for, in order.
const pagefindWith = (runtime: (source: string) => string = (source) => source) => {
  const source = `var asyncSleep=(ms)=>new Promise((resolve)=>setTimeout(resolve,ms));
class PagefindInstance{constructor(opts={}){this.raw_ptr=null;this.initError=null;this.wasm=null;this.basePath=opts.basePath||"/pagefind/";}
async loadEntry(){fetched.push(this.basePath);}findIndex(){return{hash:"zh-cn_1"};}async loadMeta(){}async loadWasm(){await wasm;this.wasm={};}
async init(language,opts){try{await this.loadEntry();let index=this.findIndex(language);let lang_wasm=index.wasm?index.wasm:"unknown";this.loadedLanguage=language;let resources=[this.loadMeta(index.hash)];if(opts.load_wasm===true){resources.push(this.loadWasm(lang_wasm));}await Promise.all(resources);this.raw_ptr=1;}catch(e){this.initError=e;throw e;}}
async getPtr(){while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}return this.raw_ptr;}}
class Pagefind{constructor(options2={}){this.primaryLanguage="zh-cn";this.primary=new PagefindInstance();this.instances=[this.primary];this.init(options2?.language);}async init(){await this.primary.init(this.primaryLanguage,{load_wasm:true});}
async mergeIndex(indexPath,options2={}){let newInstance=new PagefindInstance({primary:false,basePath:indexPath,...options2});this.instances.push(newInstance);while(this.primary.wasm===null){await asyncSleep(50);}await newInstance.init(options2.language||this.primaryLanguage,{load_wasm:false});}}
return Pagefind;`;
  let loaded!: () => void;
  let failed!: (error: Error) => void;
  const wasm = new Promise<void>((resolve, reject) => ((loaded = resolve), (failed = reject)));
  wasm.catch(() => {});
  const fetched: string[] = [];
  const Pagefind = new Function('wasm', 'fetched', runtime(source))(wasm, fetched) as new () => { primary: { getPtr(): Promise<number> }; instances: unknown[]; mergeIndex(path: string): Promise<void> };
  return { pagefind: new Pagefind(), loaded, failed, fetched };
};
const settledAfter = async (start: () => void, wait: Promise<unknown>) => {
  const begun = performance.now();
  start();
  await wait;
  return performance.now() - begun;
};

describe("Pagefind's runtime, searching as soon as its index is loaded", () => {
  test('a search asked for while the index loads starts when it has loaded, not at the next look 50 ms on', async () => {
    // The runtime as Pagefind ships it, to show what the change is for.
    const shipped = pagefindWith();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await settledAfter(shipped.loaded, shipped.pagefind.primary.getPtr())).toBeGreaterThan(30);
    const changed = pagefindWith(withSearchOnLoad);
    const ready = changed.pagefind.primary.getPtr();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await settledAfter(changed.loaded, ready)).toBeLessThan(20);
    // Once loaded, a search does not wait at all.
    expect(await changed.pagefind.primary.getPtr()).toBe(1);
  });

  test('an index that fails to load fails the waiting search with its error', async () => {
    const { pagefind, failed } = pagefindWith(withSearchOnLoad);
    const ready = pagefind.primary.getPtr();
    failed(new Error('offline'));
    await expect(ready).rejects.toThrow('offline');
  });
});

describe("Pagefind's runtime, merging the index's parts", () => {
  const changed = (source: string) => withPartsLoadedBeside(withSearchOnLoad(source));

  test('a part fetches its own files while the first part loads, and is merged as soon as the first has loaded', async () => {
    // As Pagefind ships it: the part asks for nothing until the first part is in, then looks every 50 ms.
    const shipped = pagefindWith();
    const shippedMerge = shipped.pagefind.mergeIndex('/pagefind/part-1/');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(shipped.fetched).toEqual(['/pagefind/']);
    expect(await settledAfter(shipped.loaded, shippedMerge)).toBeGreaterThan(30);
    const { pagefind, loaded, fetched } = pagefindWith(changed);
    const merged = pagefind.mergeIndex('/pagefind/part-1/');
    // Searched from the moment it is asked for (a search waits for it), and its files asked for at once.
    expect(pagefind.instances).toHaveLength(2);
    expect(fetched).toEqual(['/pagefind/', '/pagefind/part-1/']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await settledAfter(loaded, merged)).toBeLessThan(20);
  });

  test('a first part that fails to load fails the merge with its error', async () => {
    const { pagefind, failed } = pagefindWith(changed);
    const merged = pagefind.mergeIndex('/pagefind/part-1/');
    failed(new Error('offline'));
    await expect(merged).rejects.toThrow('offline');
  });

  test('a runtime that no longer merges where expected fails the build and says what to change', () => {
    expect(() => withPartsLoadedBeside('async mergeIndex(){}', 'dist/pagefind/pagefind.js')).toThrow(/dist\/pagefind\/pagefind\.js: Pagefind's runtime no longer merges an index[\s\S]*withPartsLoadedBeside/);
  });
});

describe("Pagefind's runtime, splitting a page's text once", () => {
  // Pagefind 1.6's excerpt cutter as far as the split goes, around the exact text the change replaces;
  // the separator counts its splits.
  const excerptCutter = (splits: { count: number }) => {
    const runtime = `var word_separators={[Symbol.split]:(text)=>{splits.count++;return text.split(/\\s+/);}};
var build_excerpt=(content,mark)=>{let is_zws_delimited=content.includes("\\u200B");let fragment_words=[];if(is_zws_delimited){fragment_words=content.split("\\u200B");}else{fragment_words=content.split(word_separators);}fragment_words[mark]=\`<mark>\${fragment_words[mark]}</mark>\`;return fragment_words.join(" ");};
return build_excerpt;`;
    return new Function('splits', withTextSplitOnce(runtime))(splits) as (content: string, mark: number) => string;
  };

  test('cuts the same excerpts, splitting each text once while it is the one being cut', () => {
    const splits = { count: 0 };
    const cut = excerptCutter(splits);
    expect(cut('flash attention tiles softmax', 0)).toBe('<mark>flash</mark> attention tiles softmax');
    // A section's excerpt after the page's: its marks are its own, not the page's.
    expect(cut('flash attention tiles softmax', 3)).toBe('flash attention tiles <mark>softmax</mark>');
    expect(splits.count).toBe(1);
    expect(cut('multi head latent attention', 1)).toBe('multi <mark>head</mark> latent attention');
    expect(splits.count).toBe(2);
    // Chinese text that Pagefind delimited with zero-width spaces is split on them, as before.
    expect(cut('多头\u200B潜在\u200B注意力', 2)).toBe('多头 潜在 <mark>注意力</mark>');
    expect(splits.count).toBe(2);
  });
});
