import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { resolveRelayOptions, type RelayOptions } from './options.js';
import { isOriginAllowed } from './origin.js';
import { RelayHub, type Relay } from './relay.js';

/**
 * Serves the relay on `server`: WebSocket upgrades to `options.path` (default `/signal`) from the
 * same origin, a listed origin, or a non-browser client become relay connections. An upgrade to
 * another path is answered 404 unless another `upgrade` listener is there to take it.
 */
export function attachRelay(server: Server, options: RelayOptions = {}): Relay {
  const resolved = resolveRelayOptions(options);
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(request.url) !== resolved.path) {
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404);
      return;
    }
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, request.headers.host, resolved.origins)) {
      hub.log(`refused ${request.socket.remoteAddress ?? 'unknown'}: origin ${origin} (403)`);
      refuseUpgrade(socket, 403, `origin ${origin} may not use this relay`);
      return;
    }
    hub.handleUpgrade(request, socket, head);
  };
  const hub = new RelayHub(resolved, () => server.off('upgrade', onUpgrade));
  server.on('upgrade', onUpgrade);
  return hub;
}

/** The path of a request target, without query; undefined when it is not origin-form. */
export function pathOf(target: string | undefined): string | undefined {
  if (!target?.startsWith('/')) return undefined;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

function refuseUpgrade(socket: Duplex, status: number, message = STATUS_CODES[status] ?? ''): void {
  socket.on('error', () => {}); // the peer may already be gone; nothing to report
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
