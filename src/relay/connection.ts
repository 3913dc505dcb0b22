import type { RawData, WebSocket } from 'ws';
import type { ServerFrame } from './protocol.js';

/**
 * Counts a connection's frames over a sliding window. Only accepted frames are recorded, so a
 * client that keeps flooding still gets `limit` frames through per window, never more.
 */
export class SlidingWindowLimiter {
  /** Times of the last `limit` accepted frames, a ring once full; grows only as frames come. */
  readonly #times: number[] = [];
  #next = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a frame at `now` and returns true, or returns false when the window is full. */
  take(now: number): boolean {
    if (this.#times.length < this.limit) {
      this.#times.push(now);
      return true;
    }
    // The slot about to be overwritten holds the oldest of the last `limit` accepted frames.
    if (this.limit <= 0 || now - this.#times[this.#next] < this.windowMs) return false;
    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.limit;
    return true;
  }
}

/** One WebSocket of one device of one user, with what the relay remembers about it. */
export class RelayConnection {
  /** Users this connection sent a message to or received one from: told when it leaves. */
  readonly peers = new Set<string>();
  readonly openedAt = Date.now();
  /** Cleared when a ping goes out, set again by the pong. */
  alive = true;
  /** Why the server ended the connection, for the close log line. */
  closeReason: string | undefined;
  /** With Redis, acks wait for who is offline elsewhere: chained, so they keep their order. */
  acks: Promise<void> = Promise.resolve();
  /** The warning and the end of its token's life (a relay with a secret). */
  readonly tokenTimers: NodeJS.Timeout[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    readonly deviceId: string,
    readonly address: string,
    readonly limiter: SlidingWindowLimiter,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Sends an already serialised frame; a closing socket silently drops it. */
  sendRaw(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  send(frame: ServerFrame): void {
    this.sendRaw(JSON.stringify(frame));
  }

  /** Ends the connection at once (no closing handshake), remembering why. */
  terminate(reason: string): void {
    this.closeReason ??= reason;
    this.socket.terminate();
  }
}

/** A frame's text, whatever form `ws` hands it in. */
export function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8');
}
