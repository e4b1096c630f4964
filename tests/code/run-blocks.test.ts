import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { numpyPython } from '../../scripts/python.ts';
import { runBlock, runBlocks } from './run-blocks.ts';

/**
 * Every code block marked `run` (```` ```python run ````) is executed as it stands in the note. The
 * page shows such a block as verified, so one that fails fails the tests, named by article and line.
 */
const root = path.resolve(import.meta.dirname, '../..');
const blocks = runBlocks(path.join(process.env.CONTENT_DIR ?? path.join(root, 'content'), 'articles'));
const python = numpyPython();
const timeLimitSeconds = 60;

describe('code blocks marked run in the notes', () => {
  test('exist, and a Python with NumPy is there to run them', () => {
    expect(blocks.length).toBeGreaterThan(10);
    expect(python, 'no Python with NumPy: run `node scripts/ensure-python.ts` (npm test does) or set PYTHON').toBeDefined();
  });

  // The page calls such a block verified: it must check the claim the text makes, not only print it.
  test('each asserts what it shows', () => {
    const silent = blocks.filter((block) => !/^\s*assert\b/m.test(block.code)).map((block) => `${block.article}:${block.line} ${block.name}`);
    expect(silent, 'these run blocks print without asserting; add an assert for the claim the text around them makes').toEqual([]);
  });

  test.concurrent.each(blocks.map((block) => [`${block.article}:${block.line} ${block.name}`, block] as const))(
    '%s runs without error',
    async (_label, block) => {
      const problem = await runBlock(python!, block, timeLimitSeconds);
      if (problem) expect.fail(problem);
    },
    (timeLimitSeconds + 10) * 1000,
  );
});

describe('the runner', () => {
  const fixtures = runBlocks(path.join(import.meta.dirname, 'fixtures/articles'));
  const byName = (name: string) => fixtures.find((block) => block.name === name)!;

  test('takes only the blocks marked run, with their article and line', () => {
    expect(fixtures.map((block) => `${block.article}:${block.line} ${block.name}`)).toEqual([
      'articles/blocks.md:7 ok.py',
      'articles/blocks.md:12 raises.py',
      'articles/blocks.md:16 forever.py',
    ]);
  });

  test('passes a block that runs, with NumPy', async () => {
    expect(await runBlock(python!, byName('ok.py'), 30)).toBeUndefined();
  });

  test('reports a block that raises, naming the article, line and error', async () => {
    const problem = await runBlock(python!, byName('raises.py'), 30);
    expect(problem).toContain('the run block raises.py at articles/blocks.md:12 exited with status 1');
    expect(problem).toContain('ZeroDivisionError');
  });

  test('stops a block that runs past the time limit', async () => {
    expect(await runBlock(python!, byName('forever.py'), 1)).toContain('forever.py at articles/blocks.md:16 did not finish within 1 s');
  });
});
