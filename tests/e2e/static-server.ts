import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.wasm': 'application/wasm', '.xml': 'application/xml',
};

/**
 * Serves a built folder as a static host would (no headers beyond the type), for fixture builds;
 * under `base` (e.g. `/sub/`) like a GitHub project page, with nothing outside it. With `gzip`, text
 * is compressed as every real host does (the benchmark's page-speed figures depend on it). With
 * `latency`, each answer waits that many milliseconds first, as on a dead-slow connection. With
 * `htmlPieces`, a page arrives in the pieces it returns, `pieceGap` milliseconds apart, as on a
 * connection slow enough that the browser paints a page it has only half read.
 */
export async function serveStatic(
  dir: string,
  base = '/',
  { gzip = false, latency = () => 0, htmlPieces, pieceGap = 50 }: { gzip?: boolean; latency?: (pathname: string) => number; htmlPieces?: (html: string) => string[]; pieceGap?: number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const waiting = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const wait = latency(pathname);
    if (wait <= 0) {
      answer(pathname, request, response);
      return;
    }
    const timer = setTimeout(() => {
      waiting.delete(timer);
      answer(pathname, request, response);
    }, wait);
    waiting.add(timer);
  });
  function answer(pathname: string, request: IncomingMessage, response: ServerResponse) {
    let file = pathname.startsWith(base) ? path.join(dir, pathname.slice(base.length - 1)) : '';
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404, { 'content-type': types['.html'] });
      createReadStream(path.join(dir, '404.html')).pipe(response);
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    if (htmlPieces && type === types['.html']) {
      response.writeHead(200, { 'content-type': type });
      sendInPieces(response, htmlPieces(readFileSync(file, 'utf8')));
      return;
    }
    if (gzip && /^(text|application\/(json|xml|javascript)|image\/svg)/.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      createReadStream(file).pipe(createGzip()).pipe(response);
      return;
    }
    response.writeHead(200, { 'content-type': type });
    createReadStream(file).pipe(response);
  }
  function sendInPieces(response: ServerResponse, pieces: string[]) {
    const [piece, ...rest] = pieces;
    if (rest.length === 0) {
      response.end(piece);
      return;
    }
    response.write(piece);
    const timer = setTimeout(() => {
      waiting.delete(timer);
      sendInPieces(response, rest);
    }, pieceGap);
    waiting.add(timer);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Answers still waiting would hold the server open until their latency is over.
    close: () => new Promise((resolve) => {
      for (const timer of waiting) clearTimeout(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
