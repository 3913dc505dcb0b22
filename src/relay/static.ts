import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathOf } from './attach.js';

/** URL prefix (starting and ending with `/`) served from a directory. */
export interface StaticRoute {
  prefix: string;
  dir: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** The Content-Type for a file name, `application/octet-stream` when unknown. */
export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * A request handler serving files below the routes' directories, `index.html` for a directory.
 * Any `..` segment (plain or percent-encoded) is refused with 403 before the file system is asked.
 */
export function createStaticHandler(
  routes: readonly StaticRoute[],
): (request: IncomingMessage, response: ServerResponse) => void {
  // Longest prefix first, so `/dist/` wins over `/`.
  const table = routes
    .map((r) => ({ prefix: r.prefix, dir: resolve(r.dir) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (request, response) => {
    serve(table, request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, 'Internal server error');
      else response.destroy();
    });
  };
}

async function serve(
  table: readonly StaticRoute[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return reply(response, 405, 'Method not allowed');
  }
  const rawPath = pathOf(request.url);
  let path: string;
  try {
    path = decodeURIComponent(rawPath ?? '');
  } catch {
    return reply(response, 400, 'Bad request');
  }
  if (!path.startsWith('/') || path.includes('\0')) return reply(response, 400, 'Bad request');
  if (path.split(/[/\\]/).includes('..')) return reply(response, 403, 'Forbidden');
  const route = table.find((r) => path.startsWith(r.prefix));
  if (!route) return reply(response, 404, 'Not found');
  let file = join(route.dir, path.slice(route.prefix.length));
  if (file !== route.dir && !file.startsWith(route.dir + sep)) {
    return reply(response, 403, 'Forbidden');
  }
  let info = await statOrNull(file);
  if (info?.isDirectory()) {
    if (!path.endsWith('/')) {
      response.setHeader('Location', `${rawPath}/`);
      return reply(response, 301, 'Moved permanently');
    }
    file = join(file, 'index.html');
    info = await statOrNull(file);
  }
  if (!info?.isFile()) return reply(response, 404, 'Not found');
  response.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

function reply(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text) + 1,
  });
  response.end(`${text}\n`);
}
