import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { openRelayCheck, resolveRelayOptions, type RelayOptions } from './options.js';
import { isOriginAllowed } from './origin.js';
import { RelayHub, type Relay } from './relay.js';

/**
 * Serves the relay on `server`: WebSocket upgrades to `options.path` (default `/signal`) from the
 * same origin, a listed origin, or a non-browser client become relay connections. An upgrade to
 * another path is answered 404 unless another `upgrade` listener is there to take it.
 *
 * Without a secret, a server listening on a non-loopback address gets 503 for every upgrade (and
 * one log line saying why), unless `insecure` (`RC_SIGNAL_INSECURE=1`) says to serve anyway.
 */
export function attachRelay(server: Server, options: RelayOptions = {}): Relay {
  const resolved = resolveRelayOptions(options);
  let refusal: string | undefined;
  const checkAddress = () => {
    const address = server.address() as AddressInfo | string | null;
    if (!address || typeof address === 'string') return; // a pipe: local by nature
    const check = openRelayCheck(address.address, resolved);
    refusal = check.refusal;
    const line = check.refusal ? `relay REFUSING: ${check.refusal}` : check.warning;
    if (line) resolved.log(line);
  };
  if (server.listening) checkAddress();
  server.on('listening', checkAddress);
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (pathOf(request.url) !== resolved.path) {
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404);
      return;
    }
    if (refusal) {
      refuseUpgrade(socket, 503, refusal);
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
  const hub = new RelayHub(resolved, () => {
    server.off('upgrade', onUpgrade);
    server.off('listening', checkAddress);
  });
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
