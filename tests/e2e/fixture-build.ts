import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { productionEnv } from './production-env.ts';

export const root = path.resolve(import.meta.dirname, '../..');

export const fixtureTopics = 'llm:\n  name: 大语言模型\n  nameEn: LLM\n  description: 测试主题。\n  order: 1\n';

/** Frontmatter of a valid test note, with `extra` YAML lines added. */
export const frontmatter = (extra = '', title = '测试') => `---\ntitle: ${title}\nsummary: 一句足够长的测试摘要，用来通过校验。\ntopic: llm\ncreated: 2026-11-22\n${extra}---\n`;

/**
 * Real Astro builds of small content folders, each with its own output and cache, in a temporary
 * folder removed after the test file.
 */
export function useFixtureBuilds() {
  const work = mkdtempSync(path.join(tmpdir(), 'notes-build-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  return function build(name: string, files: Record<string, string | Uint8Array>, extraEnv: NodeJS.ProcessEnv = {}) {
    const dir = path.join(work, name);
    for (const [file, text] of Object.entries({ 'topics.yaml': fixtureTopics, ...files })) {
      mkdirSync(path.dirname(path.join(dir, 'content', file)), { recursive: true });
      writeFileSync(path.join(dir, 'content', file), text);
    }
    const result = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], {
      cwd: root,
      encoding: 'utf8',
      // Astro logs a line per page written: over the default 1 MB at a few thousand notes, which would stop the build.
      maxBuffer: 256 * 1024 * 1024,
      env: { ...productionEnv(), CONTENT_DIR: path.join(dir, 'content'), OUT_DIR: path.join(dir, 'dist'), CACHE_DIR: path.join(dir, 'cache'), FORCE_COLOR: '0', ...extraEnv },
    });
    return { ok: result.status === 0, output: `${result.stdout}\n${result.stderr}`, dist: path.join(dir, 'dist') };
  };
}
