import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';

/**
 * A build step that reads or adds to the written site once every page is out: it gets the output
 * folder and returns one line on what it did, which is logged with its time (`npm run bench` reads
 * the times). A step that finds a problem throws, and the build fails with its message. `start`, if
 * given, runs as the build starts (after the notes are loaded), for work the step can begin early.
 */
export function afterBuild(name: string, step: (outDir: string, config: AstroConfig) => string | Promise<string>, start?: (outDir: string, config: AstroConfig) => void): AstroIntegration {
  let config: AstroConfig | undefined;
  return {
    name,
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:start': () => {
        start?.(fileURLToPath(config!.outDir), config!);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const summary = await step(fileURLToPath(dir), config!);
        logger.info(`${summary} (${Math.round(performance.now() - started)} ms)`);
      },
    },
  };
}
