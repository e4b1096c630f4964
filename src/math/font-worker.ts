/** Cuts KaTeX's fonts (font-cut.ts) off the build's main thread and answers with their folder. */
import { parentPort, workerData } from 'node:worker_threads';
import { cutKatexFonts } from './font-cut.ts';

const { characters, cacheDir } = workerData as { characters: string; cacheDir: string };
parentPort!.postMessage(await cutKatexFonts(characters, cacheDir));
