import { expect, test } from 'vitest';
import { mayKeepSearchIndex } from '../../src/client/offline.ts';

test.each([
  ['a browser that says nothing of its connection', undefined, true],
  ['Wi-Fi or a cable', { type: 'wifi', effectiveType: '4g', saveData: false }, true],
  ['a desktop Chromium (no type)', { effectiveType: '4g', saveData: false }, true],
  ['a reader who asked the browser to save data', { effectiveType: '4g', saveData: true }, false],
  ['a mobile network', { type: 'cellular', effectiveType: '4g', saveData: false }, false],
  ['a connection as slow as 2G', { effectiveType: '2g' }, false],
  ['slower still', { effectiveType: 'slow-2g' }, false],
])('whether the search index is kept for offline search on %s', (_, connection, expected) => {
  expect(mayKeepSearchIndex(connection)).toBe(expected);
});
