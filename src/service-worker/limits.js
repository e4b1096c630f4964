// How much the offline worker (sw.js) keeps of what the reader opened, and how long it waits for the
// network. In a module of its own so the tests read the same numbers the worker is built with.

/**
 * A page comes from the network when it answers within this time, else as the reader last saw it (it is
 * still downloaded and kept for next time). A note's page is 220 KB at the median, 66 KB compressed at
 * the largest: well under a second on a working connection, 3G included; beyond three seconds a reader on a
 * dead-slow one is better served by the copy than by a blank screen.
 */
export const networkTimeoutSeconds = 3;

/** The pages the reader opened. */
export const visitedPages = 'visited-pages';
/**
 * The latest hundred pages (twice every note on the site today): 27 MB at the mean page of 270 KB, as
 * stored, uncompressed; with no bound the cache grew with every page ever read. Ninety days, a term of
 * study: a note left that long is reread online, where it may have changed. When the browser runs out
 * of room, these caches go first rather than the worker failing.
 */
export const visitedPagesExpiration = { maxEntries: 100, maxAgeSeconds: 90 * 24 * 60 * 60, purgeOnQuotaError: true };

/**
 * What those pages load beyond the bundles of the current version: hover previews (1–15 KB) and the
 * bundles of earlier versions, which pages kept from those versions still load.
 */
export const visitedFiles = 'visited-files';
/** Two hundred files: a version's 30 bundles for a few versions, and the previews of the kept pages. */
export const visitedFilesExpiration = { maxEntries: 200, maxAgeSeconds: 90 * 24 * 60 * 60, purgeOnQuotaError: true };
