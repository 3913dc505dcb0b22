import {
  MAX_FRAME_BYTES,
  frameBytes,
  type LocalTransportStatus,
  type Transport,
  type TransportEvents,
  type TransportSendResult,
} from './transport.js';

/** The relay's close code for a refused token (`src/relay/token.ts`). */
const AUTH_CLOSE_CODE = 4401;
/** Reconnect delays: 250 ms doubling up to 8 s, with jitter so a restarted relay is not stormed. */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 8000;
/** A send that is not acknowledged within this time fails. */
const ACK_TIMEOUT_MS = 10_000;

/** The relay token of a {@link WsTransport}, and what the relay says about it. */
export interface RelayAuth {
  /** Sent as the first frame, `{"type":"auth","token"}`, when the relay needs one. */
  token?: string;
  /** The relay asks for a new token before this one expires: answer with `setToken`. */
  onExpiring?(): void;
  /** The relay refused the token of a connection that was open (expired, or a bad renewal). */
  onRefused?(error: Error & { code: 'auth/token-invalid' }): void;
}

interface Pending {
  resolve(result: TransportSendResult): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Validates and normalises a relay URL: ws:// or wss:// only. */
export function relayUrl(signal: string, userId: string, deviceId: string): URL {
  let url: URL;
  try {
    url = new URL(signal);
  } catch {
    throw new TypeError(`signal must be a ws:// or wss:// URL, got ${JSON.stringify(signal)}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`signal must be a ws:// or wss:// URL, got ${JSON.stringify(signal)}`);
  }
  url.searchParams.set('user', userId);
  url.searchParams.set('device', deviceId);
  return url;
}

/**
 * Client of the relay (`src/relay`): one WebSocket, reconnected with exponential backoff. Sends
 * are acknowledged by the relay with the server time and message id.
 */
export class WsTransport implements Transport {
  status: LocalTransportStatus = 'connecting';
  private socket?: WebSocket;
  private events?: TransportEvents;
  private offset = 0;
  private seq = 0;
  private attempt = 0;
  private closed = false;
  private retry?: ReturnType<typeof setTimeout>;
  private readonly pending = new Map<number, Pending>();
  private readonly url: URL;
  private token: string | undefined;
  /** From the latest welcome: short-lived TURN credentials for new peer connections. */
  iceServers: RTCIceServer[] = [];

  constructor(
    signal: string,
    readonly userId: string,
    readonly deviceId: string,
    private readonly auth: RelayAuth = {},
  ) {
    this.url = relayUrl(signal, userId, deviceId);
    this.token = auth.token;
  }

  /** A new token: sent to the relay now when connected, and used for every reconnection. */
  setToken(token: string): void {
    this.token = token;
    if (this.status === 'connected') this.socket?.send(JSON.stringify({ type: 'auth', token }));
  }

  serverTime(): number {
    return Date.now() + this.offset;
  }

  connect(events: TransportEvents): Promise<void> {
    this.events = events;
    return new Promise((resolve, reject) => this.open(resolve, reject));
  }

  send(to: string[], data: unknown): Promise<TransportSendResult> {
    const seq = ++this.seq;
    const frame = JSON.stringify({ type: 'send', seq, to, data });
    const failed = (error: string): Promise<TransportSendResult> =>
      Promise.resolve({ ok: false, time: this.serverTime(), id: '', error });
    if (frameBytes(frame) > MAX_FRAME_BYTES) return failed('too-large');
    const socket = this.socket;
    if (this.status !== 'connected' || !socket) return failed('not-connected');
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.settle(seq, { ok: false, time: 0, id: '', error: 'timeout' }),
        ACK_TIMEOUT_MS,
      );
      this.pending.set(seq, { resolve, timer });
      socket.send(frame);
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket?.close(1000);
    this.socket = undefined;
    this.failPending();
    this.setStatus('disconnected');
    this.events = undefined;
  }

  private open(resolve?: () => void, reject?: (error: Error) => void): void {
    if (this.closed) return;
    this.setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.token) socket.send(JSON.stringify({ type: 'auth', token: this.token }));
    };
    socket.onmessage = (e) => {
      const frame = parse(e.data);
      if (frame?.type === 'welcome') {
        this.attempt = 0;
        this.syncClock(frame.time);
        this.iceServers = iceServersOf(frame.iceServers);
        this.setStatus('connected');
        resolve?.();
        resolve = reject = undefined;
      } else if (frame) {
        this.receive(frame);
      }
    };
    socket.onclose = (e) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending();
      if (e.code === AUTH_CLOSE_CODE) {
        // The relay refused the token: another try would be refused the same way.
        const error = Object.assign(new Error(`The relay refused the token: ${e.reason}`), {
          code: 'auth/token-invalid' as const,
        });
        const refusedOpen = !reject && !this.closed;
        reject?.(error);
        this.close();
        // After the `disconnected` of close(): the refusal is the last word.
        if (refusedOpen) this.auth.onRefused?.(error);
        return;
      }
      if (reject) {
        reject(new Error(`Cannot connect to the relay at ${this.url.origin}${this.url.pathname}`));
        this.close();
        return;
      }
      if (this.closed) return;
      this.setStatus('disconnected');
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt++);
      this.retry = setTimeout(() => this.open(), delay * (0.75 + Math.random() / 2));
    };
  }

  private receive(frame: Record<string, unknown>): void {
    switch (frame.type) {
      case 'message':
        if (typeof frame.from !== 'string' || typeof frame.fromDevice !== 'string') return;
        this.events?.onMessage({
          from: frame.from,
          fromDevice: frame.fromDevice,
          time: typeof frame.time === 'number' ? frame.time : this.serverTime(),
          id: String(frame.id ?? ''),
          data: frame.data,
        });
        break;
      case 'ack':
        this.syncClock(frame.time);
        this.settle(Number(frame.seq), {
          ok: true,
          time: typeof frame.time === 'number' ? frame.time : this.serverTime(),
          id: String(frame.id ?? ''),
        });
        break;
      case 'error':
        if (typeof frame.seq === 'number') {
          this.settle(frame.seq, {
            ok: false,
            time: this.serverTime(),
            id: '',
            error: String(frame.code),
          });
        }
        break;
      case 'token-expiring':
        this.auth.onExpiring?.();
        break;
      case 'leave':
        if (typeof frame.userId === 'string' && typeof frame.deviceId === 'string') {
          this.events?.onLeave(frame.userId, frame.deviceId, frame.lost === true);
        }
        break;
    }
  }

  private syncClock(time: unknown): void {
    if (typeof time === 'number') this.offset = time - Date.now();
  }

  private settle(seq: number, result: TransportSendResult): void {
    const pending = this.pending.get(seq);
    if (!pending) return;
    this.pending.delete(seq);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  private failPending(): void {
    for (const seq of [...this.pending.keys()]) {
      this.settle(seq, { ok: false, time: this.serverTime(), id: '', error: 'not-connected' });
    }
  }

  private setStatus(status: LocalTransportStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.events?.onStatus(status);
  }
}

/** The relay's `iceServers`, kept only where each entry is a well-formed TURN or STUN server. */
function iceServersOf(value: unknown): RTCIceServer[] {
  if (!Array.isArray(value)) return [];
  const isUrl = (u: unknown) => typeof u === 'string' && /^(turns?|stuns?):\S+$/.test(u);
  return value.flatMap((entry: Record<string, unknown>) => {
    const urls = Array.isArray(entry?.urls) ? entry.urls : [entry?.urls];
    const { username, credential } = entry ?? {};
    if (!urls.length || !urls.every(isUrl)) return [];
    if (typeof username !== 'string' || typeof credential !== 'string') return [];
    return [{ urls: urls as string[], username, credential }];
  });
}

function parse(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
