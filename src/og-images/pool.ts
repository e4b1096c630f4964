import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cachedPreviewPath, type PreviewCard } from './card.ts';

/**
 * Preview images drawn in worker threads (worker.ts). A cold build draws a thousand of them
 * at tens of milliseconds each; in workers they use the cores Astro leaves idle while it renders
 * notes on one thread. Every PNG lands in the build cache, and the pool answers with its path, not
 * its bytes: thousands of images held until the pages are done weighed 150 MB at 3000 notes.
 */
export interface PreviewPool {
  /** Where the card's PNG is in the build cache once drawn; drawn once however often it is asked for. */
  render(card: PreviewCard, allText: string): Promise<string>;
  close(): Promise<void>;
}

export function startPreviewPool(size = availableParallelism()): PreviewPool {
  // One card at a time per worker, the rest queued here: a thousand cards sent at once would all be
  // laid out and rasterised side by side, gigabytes of pixels.
  type Job = { card: PreviewCard; allText: string; file: string; resolve: (file: string) => void; reject: (error: Error) => void };
  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  // Every card of a build shares one text (for the font subset), hundreds of KB at thousands of
  // notes: a worker is sent it when it changes, not with each card.
  const textSent = new Map<Worker, string>();
  // Started with the first card not in the cache: a warm build finds every card there, and workers
  // loading their fonts and renderer would take the cores Astro starts up on.
  let started: Worker[] | undefined;
  const workers = () => {
    if (started) return started;
    // sharp's install notes: on glibc Linux the main thread must load it before worker threads that
    // use it are created, so its shared libraries stay loaded until every worker has ended.
    createRequire(import.meta.url)('sharp');
    started = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url));
      // A build that fails must not be kept alive by its image workers.
      worker.unref();
      worker.on('message', ({ error }: { error?: string }) => {
        const job = busy.get(worker)!;
        busy.delete(worker);
        if (error !== undefined) job.reject(new Error(error));
        else job.resolve(job.file);
        dispatch();
      });
      // A worker that cannot run fails the card it holds, and all of them once none is left, rather than leaving the build waiting.
      worker.on('error', (error) => {
        busy.get(worker)?.reject(error);
        busy.delete(worker);
        started!.splice(started!.indexOf(worker), 1);
        if (started!.length === 0) for (const job of queue.splice(0)) job.reject(error);
      });
      return worker;
    });
    return started;
  };
  const dispatch = () => {
    for (const worker of workers()) {
      if (busy.has(worker) || queue.length === 0) continue;
      const job = queue.shift()!;
      busy.set(worker, job);
      const allText = textSent.get(worker) === job.allText ? undefined : job.allText;
      textSent.set(worker, job.allText);
      worker.postMessage({ card: job.card, allText });
    }
  };
  const byPath = new Map<string, Promise<string>>();
  return {
    render(card, allText) {
      const file = cachedPreviewPath(card);
      let drawn = byPath.get(file);
      if (!drawn) {
        if (existsSync(file)) drawn = Promise.resolve(file);
        else if (workers().length === 0) drawn = Promise.reject(new Error('the preview image workers could not start'));
        else {
          drawn = new Promise<string>((resolve, reject) => queue.push({ card, allText, file, resolve, reject }));
          dispatch();
        }
        byPath.set(file, drawn);
      }
      return drawn;
    },
    async close() {
      await Promise.all((started ?? []).map((worker) => worker.terminate()));
    },
  };
}
