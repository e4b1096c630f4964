import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedJson } from '../../src/lib/build-cache.ts';

describe('cachedJson', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'build-cache-'));
    vi.stubEnv('CACHE_DIR', dir);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

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
