import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { codeMeta } from '../../src/markdown/code-meta.ts';

export interface Block { article: string; line: number; name: string; code: string }

/** The code blocks marked `run` in the notes of a folder, with the article and line they stand at. */
export function runBlocks(articlesDir: string): Block[] {
  const blocks: Block[] = [];
  for (const name of readdirSync(articlesDir).filter((file) => /\.mdx?$/.test(file)).sort()) {
    const source = readFileSync(path.join(articlesDir, name), 'utf8');
    visit(fromMarkdown(source), 'code', (node: Code) => {
      const meta = codeMeta(node.meta);
      if (!meta.run) return;
      const line = node.position?.start.line ?? 0;
      blocks.push({ article: `${path.basename(articlesDir)}/${name}`, line, name: meta.title ?? 'untitled block', code: node.value });
    });
  }
  return blocks;
}

/**
 * Runs one block as a program of its own, in an empty folder, within the time limit. Resolves to
 * undefined when it exits cleanly, else to a message naming the article, line and block.
 */
export async function runBlock(python: string, block: Block, timeLimitSeconds: number): Promise<string | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-block-'));
  const file = path.join(dir, 'block.py');
  writeFileSync(file, block.code);
  try {
    await promisify(execFile)(python, [file], {
      cwd: dir,
      timeout: timeLimitSeconds * 1000,
      // One BLAS thread a program: the blocks are small, and the tests share the machine.
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
    });
    return undefined;
  } catch (error) {
    const { killed, stderr, code } = error as { killed?: boolean; stderr?: string; code?: number };
    const why = killed ? `did not finish within ${timeLimitSeconds} s` : `exited with status ${code}:\n${stderr}`;
    return `the run block ${block.name} at ${block.article}:${block.line} ${why}\nFix the code in the note, or remove "run" from its fence.`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
