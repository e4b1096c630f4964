import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { preview } from 'astro';
import { productionEnv } from './production-env.ts';
import { chromiumPath } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/** Builds the real site once (as `npm run build` does) and serves it for every end-to-end test file. */
export default async function setup(project: TestProject) {
  // Debian updates its Chromium under the tests; a failure report should say which one ran.
  console.log(`e2e: ${execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim()} at ${chromiumPath}`);
  if (process.env.E2E_REUSE_BUILD && existsSync(path.join(root, 'dist/pagefind/pagefind.js'))) {
    console.log('e2e: reusing the existing dist/ (E2E_REUSE_BUILD is set)');
  } else {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...productionEnv(), OUT_DIR: undefined, CONTENT_DIR: undefined } });
  }
  const port = 4500 + Math.floor(Math.random() * 400);
  const server = await preview({ root, logLevel: 'warn', server: { host: '127.0.0.1', port } });
  project.provide('baseUrl', `http://127.0.0.1:${server.port}`);
  return async () => {
    await server.stop();
  };
}
