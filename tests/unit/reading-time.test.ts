import { expect, test } from 'vitest';
import { readingMinutes } from '../../src/site/reading-time.ts';

test('Chinese is counted by characters, English by words, formulas and code by lines', () => {
  expect(readingMinutes('短文')).toBe(1);
  expect(readingMinutes('字'.repeat(2000))).toBe(5);
  expect(readingMinutes('word '.repeat(1000))).toBe(5);
  expect(readingMinutes('字'.repeat(1200) + '\n```python\n' + 'x = 1\n'.repeat(38) + '```\n')).toBe(5);
});
