/**
 * Files a route makes by the thousand. Astro spends about a millisecond of the build on every path it
 * generates, whatever the page: at 1000 notes the 5000 section pages took 3.3 s of a 16.4 s warm
 * build, and writing them as text takes half a second. So under `astro build` such a route hands its
 * files over here and lists no paths, and src/integrations/handed-files.ts writes them into the output when
 * the pages are done; `astro dev` serves them through the route as usual.
 *
 * On globalThis: the routes run in the build's module instance, the integration in the config's.
 */
export type HandedFile = [path: string, body: string];

const storeKey = Symbol.for('ml-notes:handed-files');

function store(): Map<string, HandedFile[]> {
  const holder = globalThis as { [storeKey]?: Map<string, HandedFile[]> };
  return (holder[storeKey] ??= new Map());
}

/** Hands over what a route makes, by a name for the build's log; `path` is relative to the output folder. */
export function handOver(what: string, files: HandedFile[]): void {
  store().set(what, files);
}

/** Everything handed over since the last call, emptied so a second build in this process starts afresh. */
export function takeHandedFiles(): Array<[what: string, files: HandedFile[]]> {
  const taken = [...store()];
  store().clear();
  return taken;
}
