import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RelayConnection, SlidingWindowLimiter, rawText } from './connection.js';
import { RedisBus, type RelayBus } from './redis-bus.js';
import { turnCredentials } from './turn.js';
import type { ResolvedRelayOptions } from './options.js';
import { isValidId, parseClientFrame, type RelayErrorCode } from './protocol.js';
import { TokenGate } from './token-gate.js';

/** A running relay: see {@link attachRelay}. */
export interface Relay {
  /** The URL path it upgrades, `/signal` by default. */
  readonly path: string;
  /** Open connections (devices) right now. */
  readonly connections: number;
  /** Distinct users with at least one open connection. */
  readonly users: number;
  /** Messages relayed since start (one per accepted `send`). */
  readonly messages: number;
  /** Device ids of a user's open connections, in connection order. */
  devicesOf(userId: string): string[];
  /** Stops accepting, closes every connection with 1001 and resolves when they are gone. */
  close(): Promise<void>;
}

/** How long `close()` lets sockets finish their closing handshake before it cuts them. */
const CLOSE_GRACE_MS = 1000;
/** How long a welcome waits for Redis to subscribe the user (see `#open`). */
const BUS_JOIN_WAIT_MS = 3000;

/** `promise`, or nothing after `ms`; the timer goes with it (one per connection otherwise). */
function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms).unref()));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Routes frames between connections; the HTTP side (paths, origins) lives in `attachRelay`. */
export class RelayHub implements Relay {
  readonly #options: ResolvedRelayOptions;
  readonly #byUser = new Map<string, Set<RelayConnection>>();
  readonly #wss: WebSocketServer;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #idPrefix = randomBytes(4).toString('hex');
  readonly #onClosed: () => void;
  /** Several relays as one, through Redis (`redis` option): none when this one is all there is. */
  readonly #bus: RelayBus | undefined;
  /** Who may connect, with a secret: none when ids in the query are believed. */
  readonly #gate: TokenGate | undefined;
  #count = 0;
  #messages = 0;
  #closing: Promise<void> | undefined;
  #drained: (() => void) | undefined;

  constructor(options: ResolvedRelayOptions, onClosed: () => void = () => {}) {
    this.#options = options;
    this.#onClosed = onClosed;
    this.#wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxPayload,
      perMessageDeflate: false,
    });
    this.#gate = options.secret
      ? new TokenGate(options.secret, (line) => this.log(line))
      : undefined;
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#heartbeat.unref();
    this.#bus = options.redis
      ? new RedisBus(
          options.redis,
          options.heartbeatMs,
          (userId, frame, from) => this.#fromBus(userId, frame, from),
          options.log,
        )
      : undefined;
  }

  get path(): string {
    return this.#options.path;
  }

  get connections(): number {
    return this.#count;
  }

  get users(): number {
    return this.#byUser.size;
  }

  get messages(): number {
    return this.#messages;
  }

  devicesOf(userId: string): string[] {
    return [...(this.#byUser.get(userId) ?? [])].map((c) => c.deviceId);
  }

  /** Writes a short log line; the HTTP side uses it for refused upgrades. */
  log(line: string): void {
    this.#options.log(`relay ${line}`);
  }

  /** Completes the WebSocket handshake of an upgrade already checked for path and origin. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#admit(ws, request));
  }

  #admit(ws: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    const userId = url.searchParams.get('user');
    const deviceId = url.searchParams.get('device');
    const address = request.socket.remoteAddress ?? 'unknown';
    const gate = this.#gate;
    if (gate && !this.#closing) {
      void gate.admit(ws, userId, deviceId, address).then((token) => {
        if (!token || this.#closing) return;
        const conn = this.#open(ws, token.userId, deviceId, address);
        if (conn) gate.watch(conn, token.expiresAt);
      });
      return;
    }
    this.#open(ws, userId, deviceId, address);
  }

  #open(
    ws: WebSocket,
    userId: string | null,
    deviceId: string | null,
    address: string,
  ): RelayConnection | undefined {
    // Refusing after the handshake, not with an HTTP status, lets a browser read the reason.
    if (this.#closing) {
      ws.close(1001, 'server closing');
      return undefined;
    }
    if (!isValidId(userId) || !isValidId(deviceId)) {
      const reason = isValidId(userId) ? 'invalid device id' : 'invalid user id';
      this.log(`refused ${address}: ${reason}`);
      ws.close(1008, reason);
      return undefined;
    }
    const limiter = new SlidingWindowLimiter(this.#options.rateLimit, this.#options.rateWindowMs);
    const conn = new RelayConnection(ws, userId, deviceId, address, limiter);
    let devices = this.#byUser.get(userId);
    if (!devices) this.#byUser.set(userId, (devices = new Set()));
    devices.add(conn);
    const joined = this.#bus?.join(userId);
    this.#count++;
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data, isBinary) => this.#onFrame(conn, data, isBinary));
    ws.on('error', (error) => (conn.closeReason ??= error.message));
    ws.on('close', (code, reason) => this.#onClose(conn, code, reason.toString()));
    const turn = this.#options.turn;
    const welcome = () => {
      if (!conn.isOpen) return;
      conn.send({
        type: 'welcome',
        userId,
        deviceId,
        time: Date.now(),
        ...(turn && { iceServers: [turnCredentials(userId, turn)] }),
      });
      this.log(`open ${userId}/${deviceId} from ${address} (${this.#count} open)`);
    };
    // With other relays, welcome once they can reach this user: a frame published before the
    // subscription would be lost (an invitation to a user who had just connected). A Redis that
    // does not answer delays it at most BUS_JOIN_WAIT_MS; then only this relay reaches the user.
    if (joined) void within(joined, BUS_JOIN_WAIT_MS).then(welcome);
    else welcome();
    return conn;
  }

  #onFrame(conn: RelayConnection, data: RawData, isBinary: boolean): void {
    const time = Date.now();
    const parsed = isBinary
      ? { ok: false as const, seq: undefined, message: 'binary frames are not supported' }
      : parseClientFrame(rawText(data), this.#options.maxRecipients);
    if (!conn.limiter.take(time)) {
      const seq = !parsed.ok
        ? parsed.seq
        : parsed.frame.type === 'send'
          ? parsed.frame.seq
          : undefined;
      this.#refuse(conn, seq, 'rate-limited', 'too many messages; this one was dropped');
      return;
    }
    if (!parsed.ok) {
      this.#refuse(conn, parsed.seq, 'bad-request', parsed.message);
      return;
    }
    if (parsed.frame.type === 'auth') {
      // Without a secret the relay believes ids; a token changes nothing.
      if (this.#gate) void this.#gate.renew(conn, parsed.frame.token);
      return;
    }
    const { seq, to, data: payload } = parsed.frame;
    const id = `${this.#idPrefix}-${(++this.#messages).toString(36)}`;
    const message = JSON.stringify({
      type: 'message',
      from: conn.userId,
      fromDevice: conn.deviceId,
      time,
      id,
      data: payload,
    });
    const targets = new Set<RelayConnection>();
    const offline: string[] = [];
    const recipients = new Set([...to, conn.userId]);
    for (const userId of recipients) {
      const devices = this.#byUser.get(userId);
      if (!devices) offline.push(userId);
      for (const device of devices ?? []) if (device !== conn) targets.add(device);
    }
    for (const target of targets) {
      this.#deliver(target, message);
      target.peers.add(conn.userId);
      conn.peers.add(target.userId);
    }
    const bus = this.#bus;
    if (!bus) {
      conn.send({ type: 'ack', seq, time, id, delivered: targets.size, offline });
      return;
    }
    // The other relays deliver to their connections of these users (the sender's other devices
    // too); `delivered` counts this relay's, `offline` those connected to none.
    bus.publish(recipients, message, conn.userId);
    for (const userId of to) conn.peers.add(userId);
    conn.acks = conn.acks
      .then(() => bus.offline(offline))
      .catch(() => [])
      .then((nowhere) => {
        conn.send({ type: 'ack', seq, time, id, delivered: targets.size, offline: nowhere });
      });
  }

  /** A frame another relay published for `userId`: to this relay's connections of that user. */
  #fromBus(userId: string, frame: string, from: string | undefined): void {
    for (const device of this.#byUser.get(userId) ?? []) {
      this.#deliver(device, frame);
      if (from) device.peers.add(from);
    }
  }

  #refuse(conn: RelayConnection, seq: number | undefined, code: RelayErrorCode, message: string) {
    conn.send(
      seq === undefined ? { type: 'error', code, message } : { type: 'error', seq, code, message },
    );
  }

  #deliver(target: RelayConnection, text: string): void {
    // A receiver that reads slower than others write would grow our memory without bound.
    if (target.socket.bufferedAmount > this.#options.maxBufferedBytes) {
      target.terminate('receiver too slow');
    } else {
      target.sendRaw(text);
    }
  }

  #onClose(conn: RelayConnection, code: number, reason: string): void {
    for (const timer of conn.tokenTimers.splice(0)) clearTimeout(timer);
    const devices = this.#byUser.get(conn.userId);
    devices?.delete(conn);
    if (devices?.size === 0) {
      this.#byUser.delete(conn.userId);
      this.#bus?.leave(conn.userId);
    }
    this.#count--;
    // 1000 and 1001 are a client that closed (disconnect, a page going away); anything else, a
    // connection that broke.
    const lost = code !== 1000 && code !== 1001;
    const leave = JSON.stringify({
      type: 'leave',
      userId: conn.userId,
      deviceId: conn.deviceId,
      time: Date.now(),
      ...(lost && { lost: true }),
    });
    for (const peer of conn.peers) {
      for (const device of this.#byUser.get(peer) ?? []) device.sendRaw(leave);
    }
    if (conn.peers.size > 0) this.#bus?.publish(conn.peers, leave);
    const seconds = ((Date.now() - conn.openedAt) / 1000).toFixed(1);
    const why = conn.closeReason ?? (reason || 'no reason');
    this.log(
      `close ${conn.userId}/${conn.deviceId} from ${conn.address} after ${seconds} s: ` +
        `${code} ${why} (${this.#count} open)`,
    );
    if (this.#closing && this.#count === 0) this.#drained?.();
  }

  #beat(): void {
    for (const devices of this.#byUser.values()) {
      for (const conn of devices) {
        if (!conn.alive) {
          conn.terminate('heartbeat: no pong');
        } else if (conn.isOpen) {
          conn.alive = false;
          conn.socket.ping();
        }
      }
    }
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#onClosed();
    const all = [...this.#byUser.values()].flatMap((devices) => [...devices]);
    if (all.length > 0) {
      const drained = new Promise<void>((resolve) => (this.#drained = resolve));
      for (const conn of all) {
        conn.closeReason ??= 'server closing';
        conn.socket.close(1001, 'server closing');
      }
      const grace = setTimeout(
        () => all.forEach((c) => c.terminate('server closing')),
        CLOSE_GRACE_MS,
      );
      await drained;
      clearTimeout(grace);
    }
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await this.#bus?.close();
  }
}
