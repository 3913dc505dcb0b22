import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { attachRelay, pathOf } from './attach.js';
import { openRelayCheck, resolveRelayOptions, type RelayOptions } from './options.js';
import type { Relay } from './relay.js';
import { createStaticHandler } from './static.js';

/** Answered 200 (`ok` and the open connections) for load balancers' health checks. */
const HEALTH_PATH = '/healthz';

/** Options of {@link createRelayServer}. */
export interface RelayServerOptions extends RelayOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Answers plain HTTP requests; default: 200 on `/healthz`, 426 on the relay path, 404 elsewhere. */
  handler?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** Options of {@link startDevServer}. */
export interface DevServerOptions extends RelayServerOptions {
  /** Package root: `<root>/demo` is served at `/` and `<root>/dist` at `/dist/`. Default: cwd. */
  root?: string;
}

/** A listening HTTP server with a relay attached. */
export interface RelayServer {
  readonly server: Server;
  readonly relay: Relay;
  /** Port actually bound. */
  readonly port: number;
  /** Base URL, e.g. `http://127.0.0.1:8000/`. */
  readonly url: string;
  /** The relay's URL, e.g. `ws://127.0.0.1:8000/signal`. */
  readonly signalUrl: string;
  /** Closes the relay's connections, then the HTTP server and its keep-alive sockets. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server whose only job is the relay (plus `options.handler` for plain requests).
 * Without a secret it rejects a non-loopback `host` (`code` `ERR_RELAY_INSECURE`) unless `insecure`.
 */
export async function createRelayServer(options: RelayServerOptions = {}): Promise<RelayServer> {
  const host = options.host ?? '127.0.0.1';
  const { refusal } = openRelayCheck(host, resolveRelayOptions(options));
  if (refusal) throw Object.assign(new Error(refusal), { code: 'ERR_RELAY_INSECURE' });
  const relayPath = options.path ?? '/signal';
  const handler =
    options.handler ??
    ((request: IncomingMessage, response: ServerResponse) => {
      if (pathOf(request.url) === HEALTH_PATH) {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`ok ${relay.connections}\n`);
        return;
      }
      const upgradeOnly = pathOf(request.url) === relayPath;
      response.writeHead(upgradeOnly ? 426 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(upgradeOnly ? 'WebSocket upgrade required\n' : 'Not found\n');
    });
  const server = createServer(handler);
  const relay = attachRelay(server, options);
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', fail);
        done();
      });
    });
  } catch (error) {
    await relay.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const authority = `${displayHost(host)}:${port}`;
  return {
    server,
    relay,
    port,
    url: `http://${authority}/`,
    signalUrl: `ws://${authority}${relay.path}`,
    async close() {
      await relay.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * The `npm start` server in one process: the demo at `/`, the build at `/dist/` and the relay at
 * `/signal`. Tests and benchmarks start it in-process; `demo/server.mjs` adds HOST/PORT and a banner.
 */
export function startDevServer(options: DevServerOptions = {}): Promise<RelayServer> {
  const root = resolve(options.root ?? process.cwd());
  const serveFiles = createStaticHandler([
    { prefix: '/dist/', dir: join(root, 'dist') },
    { prefix: '/', dir: join(root, 'demo') },
  ]);
  const relayPath = options.path ?? '/signal';
  return createRelayServer({
    ...options,
    handler: (request, response) => {
      if (pathOf(request.url) === relayPath) {
        response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('WebSocket upgrade required\n');
      } else {
        serveFiles(request, response);
      }
    },
  });
}

/** A wildcard address is not something to type into a browser; IPv6 needs brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
