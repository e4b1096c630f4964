import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { takeHandedFiles } from '../lib/handed-files.ts';

/** Writes the files routes handed over instead of listing them as paths (see src/lib/handed-files.ts). */
export function handedFiles(): AstroIntegration {
  return {
    name: 'handed-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = path.resolve(fileURLToPath(dir));
        for (const [what, files] of takeHandedFiles()) {
          const started = performance.now();
          const queue = files.values();
          // A few writes in flight keep the disk busy without a promise per file at once.
          const writer = async () => {
            for (const [relative, body] of queue) {
              const file = path.resolve(outDir, relative);
              if (!file.startsWith(outDir + path.sep)) throw new Error(`a route handed over "${relative}", which is outside the build output`);
              await mkdir(path.dirname(file), { recursive: true });
              await writeFile(file, body);
            }
          };
          await Promise.all(Array.from({ length: 8 }, writer));
          logger.info(`${files.length} ${what} in ${Math.round(performance.now() - started)} ms`);
        }
      },
    },
  };
}
