/**
 * The message transport under the local backend: a relay over WebSocket, or BroadcastChannel
 * between the tabs of one browser. Both give the same semantics, the relay's: messages are
 * addressed to user ids, reach every endpoint (tab, connection) of those users and the sender's
 * other endpoints, are stamped by the "server" with sender, time and id, and an endpoint that
 * goes away is reported as a `leave`.
 */

/** Connection state of a transport, as shown to the app (`onStatusChange`). */
export type LocalTransportStatus = 'connecting' | 'connected' | 'disconnected';

/** A message as the transport delivers it. */
export interface TransportMessage {
  /** Sender user id, stamped by the server (or the emulating tab) from the connection. */
  from: string;
  /** Sender endpoint id. */
  fromDevice: string;
  /** Server time (ms) of acceptance. */
  time: number;
  /** Unique message id. */
  id: string;
  data: unknown;
}

export interface TransportEvents {
  onMessage(message: TransportMessage): void;
  /**
   * An endpoint we exchanged messages with went away: closed (`lost` false), or silent, crashed
   * or off the network (`lost` true: it may come back).
   */
  onLeave(userId: string, deviceId: string, lost: boolean): void;
  onStatus(status: LocalTransportStatus): void;
}

export interface TransportSendResult {
  ok: boolean;
  time: number;
  id: string;
  /** Why it failed: `not-connected`, `bad-request`, `rate-limited`, `too-large`, `timeout`. */
  error?: string;
}

export interface Transport {
  readonly userId: string;
  /** This endpoint's id (one per tab / connection). */
  readonly deviceId: string;
  readonly status: LocalTransportStatus;
  /** ICE servers the relay handed out with its welcome (TURN credentials), if any. */
  readonly iceServers?: RTCIceServer[];
  /** Local clock corrected by the server's offset. */
  serverTime(): number;
  /** Resolves once connected for the first time; rejects if that first attempt fails. */
  connect(events: TransportEvents): Promise<void>;
  send(to: string[], data: unknown): Promise<TransportSendResult>;
  close(): void;
}

/** A short random id (not security relevant). */
export function randomId(length = 12): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Frames larger than this are refused, as the relay does. */
export const MAX_FRAME_BYTES = 64 * 1024;

/** Size in bytes of a frame once encoded as UTF-8 (what the relay measures). */
export function frameBytes(frame: string): number {
  return new TextEncoder().encode(frame).length;
}
