/**
 * Four changes to Pagefind's browser runtime (`dist/pagefind/pagefind.js`), made at build time because
 * Pagefind has no option for any of them. Each runs on the page's thread before the first results show, in
 * code the page has never run before, so it runs unoptimised:
 *
 * 1. **Unpacking.** Pagefind unpacks every file of the index it fetches (its WebAssembly, metadata,
 *    index chunks, fragments, filters: all gzip) with an inflater written in JavaScript. The browser's
 *    own DecompressionStream does the same in native code: an answer that starts with gzip's magic
 *    bytes is unpacked by the browser, and Pagefind, which looks for its own signature before
 *    inflating, takes the bytes as they are. Browsers without DecompressionStream, failed answers and
 *    answers that are not gzip (a host that unpacked them already) reach Pagefind untouched. Measured
 *    with `npm run bench`'s cold searches, medians of 9 on a 2-core machine: at 1000 notes landing on
 *    /search/?q=… 965 → 874 ms and `/` on an article 609 → 552 ms; at 49 notes landing 971 → 878 ms.
 *    The bytes are streamed to the browser's inflater from a Response, not from a Blob, which Chromium
 *    keeps in its browser process: 16 of the site's fragments and chunks fetched and unpacked in a
 *    fresh page, medians of 20, 78 → 67 ms.
 * 2. **Splitting a page's text once.** For each result Pagefind cuts an excerpt for the page and one
 *    for every section that matched, and each cut splits the page's whole text into words again (about
 *    5,000 words for a note here, and a dozen matched sections is common). The words of the last text
 *    split are kept, and each cut gets its own copy, since it marks matches in it. Measured with the
 *    landing search at 1000 notes, cold, medians of 12 interleaved: 415 → 394 ms.
 * 3. **Searching as soon as the index is loaded.** Pagefind's `init()` returns before its index is
 *    loaded, and a search asked for meanwhile looks every 50 ms whether it is (`getPtr`), so the first
 *    results of a page opened with a query, or of a query typed as search opens, started up to 50 ms
 *    after they could. The loading's promise is kept, and such a search waits for it instead.
 *    Measured with the landing search at the site's 49 notes, medians of 24 interleaved: 369 → 347 ms.
 * 4. **Loading the index's parts beside the first.** A large site's index comes in parts
 *    (src/integrations/search-index.ts), which the search merges (`mergeIndex`). Pagefind has a part
 *    wait for the first part's WebAssembly, looking every 50 ms whether it is there, before it fetches
 *    anything of its own. A part now fetches its entry file and metadata at once, and waits for the
 *    first part's loading (not the next look) only to read its metadata with the WebAssembly; it
 *    fails with the first part's loading.
 *
 * The build fails if any place has moved in a new Pagefind, and says what to change.
 */

/** Plain JavaScript, put in front of Pagefind's module: it is served as is, not bundled. */
export const unpackedByBrowserSource = `const unpackedByBrowser=async(response)=>{
if(!response.ok||typeof DecompressionStream!=="function")return response;
const bytes=new Uint8Array(await response.arrayBuffer());
const gzip=bytes[0]===0x1f&&bytes[1]===0x8b;
return new Response(gzip?new Response(bytes).body.pipeThrough(new DecompressionStream("gzip")):bytes,{status:response.status});
};
`;

/** Also put in front: the words of the last text split, by that text. */
export const wordsOfSource = `let lastWords;
const wordsOf=(content,separator)=>{
if(lastWords?.content!==content)lastWords={content,words:content.split(separator)};
return lastWords.words.slice();
};
`;

/** Where Pagefind 1.6 fetches, in its minified runtime. */
const pagefindFetch = 'async performFetch(queued){try{const response=await fetch(queued.input);';
const unpacking = 'async performFetch(queued){try{const response=await unpackedByBrowser(await fetch(queued.input));';

/** Where Pagefind 1.6 splits a page's text in `build_excerpt`. */
const pagefindSplit = 'let fragment_words=[];if(is_zws_delimited){fragment_words=content.split("\\u200B");}else{fragment_words=content.split(word_separators);}';
const splitOnce = 'let fragment_words=wordsOf(content,is_zws_delimited?"\\u200B":word_separators);';

/** Where Pagefind 1.6 starts loading the index, and where a search looks whether it has. */
const pagefindLoad = 'this.instances=[this.primary];this.init(options2?.language);}';
const loadKept = 'this.instances=[this.primary];this.primary.loading=this.init(options2?.language).catch(()=>{});}';
const pagefindPoll = 'async getPtr(){while(this.raw_ptr===null){if(this.initError){throw this.initError;}await asyncSleep(50);}';
// A failed load leaves initError set, which the loop throws; anything else falls back to looking.
const pollAfterLoad = 'async getPtr(){while(this.raw_ptr===null){if(this.initError){throw this.initError;}await(this.loading??asyncSleep(50));this.loading=undefined;}';

/**
 * Also put in front: a promise of the first part's WebAssembly, which fails with its loading. Not
 * left to fail unheard when the part's own loading fails first.
 */
export const primaryLoadedSource = `const primaryLoaded=(primary)=>{
const loaded=(async()=>{while(primary.wasm===null){if(primary.initError){throw primary.initError;}await(primary.loading??asyncSleep(50));}})();
loaded.catch(()=>{});
return loaded;
};
`;

/** Where Pagefind 1.6 has a merged part wait for the first part's WebAssembly before loading anything of its own. */
const mergePoll = 'this.instances.push(newInstance);while(this.primary.wasm===null){await asyncSleep(50);}await newInstance.init(options2.language||this.primaryLanguage,{load_wasm:false});';
const mergeBeside = 'this.instances.push(newInstance);await newInstance.init(options2.language||this.primaryLanguage,{load_wasm:false,wasm_loaded:primaryLoaded(this.primary)});';
/** Where Pagefind 1.6 waits for an index's metadata (and WebAssembly) before reading the metadata with it. */
const initWait = 'if(opts.load_wasm===true){resources.push(this.loadWasm(lang_wasm));}await Promise.all(resources);';
const initWaitForFirst = 'if(opts.load_wasm===true){resources.push(this.loadWasm(lang_wasm));}if(opts.wasm_loaded){resources.push(opts.wasm_loaded);}await Promise.all(resources);';

function replaceOnce(runtime: string, find: string, replacement: string, file: string, what: string, without: string): string {
  const at = runtime.indexOf(find);
  if (at === -1 || runtime.indexOf(find, at + 1) !== -1) {
    throw new Error(
      `${file}: Pagefind's runtime no longer ${what} as src/integrations/pagefind-runtime.ts expects (\`${find}\` once).` +
        ` Update that file to the new runtime, or drop ${without} there: search works without it, a little slower to its first results.`,
    );
  }
  return runtime.slice(0, at) + replacement + runtime.slice(at + find.length);
}

/** Pagefind's runtime with the browser unpacking what it fetches; fails when Pagefind's fetch is not where it was. */
export function withNativeGunzip(runtime: string, file = 'pagefind/pagefind.js'): string {
  return unpackedByBrowserSource + replaceOnce(runtime, pagefindFetch, unpacking, file, 'fetches', 'withNativeGunzip');
}

/** Pagefind's runtime splitting a page's text once for all its excerpts; fails when that split is not where it was. */
export function withTextSplitOnce(runtime: string, file = 'pagefind/pagefind.js'): string {
  return wordsOfSource + replaceOnce(runtime, pagefindSplit, splitOnce, file, 'splits a page’s text for excerpts', 'withTextSplitOnce');
}

/** Pagefind's runtime searching as soon as its index is loaded; fails when its loading or its wait is not where it was. */
export function withSearchOnLoad(runtime: string, file = 'pagefind/pagefind.js'): string {
  const what = 'loads its index and waits for it';
  return replaceOnce(replaceOnce(runtime, pagefindLoad, loadKept, file, what, 'withSearchOnLoad'), pagefindPoll, pollAfterLoad, file, what, 'withSearchOnLoad');
}

/** Pagefind's runtime loading each part of the index beside the first; fails when a merge or an index's wait is not where it was. */
export function withPartsLoadedBeside(runtime: string, file = 'pagefind/pagefind.js'): string {
  const what = 'merges an index';
  return primaryLoadedSource + replaceOnce(replaceOnce(runtime, mergePoll, mergeBeside, file, what, 'withPartsLoadedBeside'), initWait, initWaitForFirst, file, what, 'withPartsLoadedBeside');
}

/** The four changes: what `dist/pagefind/pagefind.js` becomes. */
export function changedRuntime(runtime: string, file = 'pagefind/pagefind.js'): string {
  return [withNativeGunzip, withTextSplitOnce, withSearchOnLoad, withPartsLoadedBeside].reduce((changed, change) => change(changed, file), runtime);
}

/** What the changes depend on, for the key of a kept index. */
export const runtimeChanges = unpackedByBrowserSource + wordsOfSource + unpacking + splitOnce + loadKept + pollAfterLoad + primaryLoadedSource + mergeBeside + initWaitForFirst;
