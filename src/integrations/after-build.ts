import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * A build step that reads or adds to the written site once every page is out: it gets the output
 * folder and returns one line on what it did, which is logged with its time (`npm run bench` reads
 * the times). A step that finds a problem throws, and the build fails with its message.
 */
export function afterBuild(name: string, step: (outDir: string) => string | Promise<string>): AstroIntegration {
  return {
    name,
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const summary = await step(fileURLToPath(dir));
        logger.info(`${summary} (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
