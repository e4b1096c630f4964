import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cachedPreviewPath, type PreviewCard } from './preview-image.ts';

/**
 * Preview images drawn in worker threads (preview-worker.ts). A cold build draws a thousand of them
 * at tens of milliseconds each; in workers they use the cores Astro leaves idle while it renders
 * notes on one thread. Cards already in the build cache are read, not sent.
 */
export interface PreviewPool {
  /** The card's PNG, drawn once however often it is asked for. */
  render(card: PreviewCard, allText: string): Promise<Buffer>;
  close(): Promise<void>;
}

export function startPreviewPool(size = availableParallelism()): PreviewPool {
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./preview-worker.ts', import.meta.url));
    // A build that fails must not be kept alive by its image workers.
    worker.unref();
    return worker;
  });
  // One card at a time per worker, the rest queued here: a thousand cards sent at once would all be
  // laid out and rasterised side by side, gigabytes of pixels.
  type Job = { card: PreviewCard; allText: string; resolve: (png: Buffer) => void; reject: (error: Error) => void };
  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  const dispatch = () => {
    for (const worker of workers) {
      if (busy.has(worker) || queue.length === 0) continue;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ card: job.card, allText: job.allText });
    }
  };
  for (const worker of workers) {
    worker.on('message', ({ png, error }: { png?: Uint8Array; error?: string }) => {
      const job = busy.get(worker)!;
      busy.delete(worker);
      if (error !== undefined) job.reject(new Error(error));
      else job.resolve(Buffer.from(png!));
      dispatch();
    });
    // A worker that cannot run fails the card it holds, and all of them once none is left, rather than leaving the build waiting.
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      workers.splice(workers.indexOf(worker), 1);
      if (workers.length === 0) for (const job of queue.splice(0)) job.reject(error);
    });
  }
  const byPath = new Map<string, Promise<Buffer>>();
  return {
    render(card, allText) {
      const file = cachedPreviewPath(card);
      let png = byPath.get(file);
      if (!png) {
        if (existsSync(file)) png = Promise.resolve(readFileSync(file));
        else if (workers.length === 0) png = Promise.reject(new Error('the preview image workers could not start'));
        else png = new Promise<Buffer>((resolve, reject) => queue.push({ card, allText, resolve, reject }));
        byPath.set(file, png);
        dispatch();
      }
      return png;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
