/**
 * A build time beside its ratio to the floor measured in the same run (the bare Astro site in this
 * folder, on the same notes): machines of the same kind differ in speed by a third, so the ratio,
 * not the seconds, is what compares across runs.
 */

/** How many floors a build took, to two decimals. */
export function ratioToFloor(seconds: number, floorSeconds: number): number {
  return Number((seconds / floorSeconds).toFixed(2));
}

/** `55.2 s (2.91× floor 19.0 s)`. */
export function againstFloor(seconds: number, floorSeconds: number): string {
  return `${seconds.toFixed(1)} s (${ratioToFloor(seconds, floorSeconds).toFixed(2)}× floor ${floorSeconds.toFixed(1)} s)`;
}
