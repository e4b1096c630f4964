import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesOf } from '../lib/file-bundle.ts';
import { forEachInFlight } from '../lib/in-flight.ts';

/** Where the route src/pages/emitted-files/ puts each emitter's files, in the output folder. */
export const bundleFolder = 'emitted-files';

/** Writes each file into `outDir`, refusing a path outside it; returns how many. */
export async function writeEmitted(outDir: string, files: Array<[path: string, body: string | Buffer]>): Promise<number> {
  await forEachInFlight(files, 8, async ([relative, body]) => {
    const file = path.resolve(outDir, relative);
    if (!file.startsWith(outDir + path.sep)) throw new Error(`an emitter made "${relative}", which is outside the build output`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
  });
  return files.length;
}

/**
 * Writes the files of the site's emitters (src/site/emitters.ts) into the build output, from the one
 * response per emitter the build rendered, and removes those responses.
 */
export function emittedFiles(): AstroIntegration {
  return {
    name: 'emitted-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = path.resolve(fileURLToPath(dir));
        const bundles = path.join(outDir, bundleFolder);
        for (const bundle of (await readdir(bundles)).sort()) {
          const started = performance.now();
          const count = await writeEmitted(outDir, filesOf(await readFile(path.join(bundles, bundle))));
          logger.info(`${count} ${bundle.replace(/\.bin$/, '').replace('-', ' ')} in ${Math.round(performance.now() - started)} ms`);
        }
        await rm(bundles, { recursive: true });
      },
    },
  };
}
