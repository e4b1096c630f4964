import { describe, expect, test } from 'vitest';
import { forEachInFlight } from '../../src/lib/in-flight.ts';

describe('forEachInFlight', () => {
  test('calls once for every item, never more than the given number at once, starting them in order', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    await forEachInFlight([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      started.push(item);
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, (item % 3) * 5));
      running--;
    });
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  test('passes on the first failure, and does nothing for no items', async () => {
    await expect(forEachInFlight([1, 2, 3], 2, async (item) => { if (item === 2) throw new Error('item 2'); })).rejects.toThrow('item 2');
    await expect(forEachInFlight([], 8, async () => { throw new Error('never called'); })).resolves.toBeUndefined();
  });
});
