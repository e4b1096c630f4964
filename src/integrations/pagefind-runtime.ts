/**
 * Pagefind's browser runtime (`dist/pagefind/pagefind.js`) unpacks every file of the index it fetches
 * (its WebAssembly, metadata, index chunks, fragments, filters: all gzip) with an inflater written in
 * JavaScript, on the page's thread, in code the page has never run before, so it runs unoptimised. The
 * browser's own DecompressionStream does the same in native code. Pagefind has no option for it, so its
 * runtime gets one change where it fetches: an answer that starts with gzip's magic bytes is unpacked by
 * the browser, and Pagefind, which looks for its own signature before inflating, takes the bytes as they
 * are. Browsers without DecompressionStream, failed answers and answers that are not gzip (a host that
 * unpacked them already) reach Pagefind untouched.
 *
 * Measured with `npm run bench`'s landing and `/` searches, cold, medians of 9 on a 2-core machine: at
 * 1000 notes landing on /search/?q=… took 965 → 874 ms and `/` on an article 609 → 552 ms; at 49 notes
 * landing took 971 → 878 ms.
 */

/** Where Pagefind 1.6 fetches, in its minified runtime. */
const pagefindFetch = 'async performFetch(queued){try{const response=await fetch(queued.input);';
const unpacking = 'async performFetch(queued){try{const response=await unpackedByBrowser(await fetch(queued.input));';

/** Plain JavaScript, put in front of Pagefind's module: it is served as is, not bundled. */
export const unpackedByBrowserSource = `const unpackedByBrowser=async(response)=>{
if(!response.ok||typeof DecompressionStream!=="function")return response;
const bytes=new Uint8Array(await response.arrayBuffer());
const gzip=bytes[0]===0x1f&&bytes[1]===0x8b;
return new Response(gzip?new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")):bytes,{status:response.status});
};
`;

/** Pagefind's runtime with the browser unpacking what it fetches; fails when Pagefind's fetch is not where it was. */
export function withNativeGunzip(runtime: string, file = 'pagefind/pagefind.js'): string {
  const at = runtime.indexOf(pagefindFetch);
  if (at === -1 || runtime.indexOf(pagefindFetch, at + 1) !== -1) {
    throw new Error(
      `${file}: Pagefind's runtime no longer fetches as src/integrations/pagefind-runtime.ts expects (\`${pagefindFetch}\` once).` +
        ' Update that file to the new runtime, or drop withNativeGunzip from src/integrations/search-index.ts: search works without it, about 10% slower to its first results.',
    );
  }
  return unpackedByBrowserSource + runtime.replace(pagefindFetch, unpacking);
}
