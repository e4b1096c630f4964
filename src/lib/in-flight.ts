/**
 * Runs `each` over `items` with at most `count` calls under way at once, in the items' order of
 * starting: for the build steps that read or write thousands of files, so the disk works while the
 * last file's bytes are processed, without a promise per file at once.
 */
export async function forEachInFlight<T>(items: readonly T[], count: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await each(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(count, items.length) }, lane));
}
