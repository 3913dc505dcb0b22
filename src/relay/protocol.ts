// The relay's wire format. Kept free of Node imports so browser code may `import type` from here.

/** User ids and device ids: 1–64 characters of `[A-Za-z0-9_.@:-]`. */
export const ID_PATTERN = /^[A-Za-z0-9_.@:-]{1,64}$/;

/** True when `value` is a valid user id or device id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Codes of the `error` frame. */
export type RelayErrorCode = 'bad-request' | 'rate-limited';

/** Client → server: deliver `data` to every connection of each user in `to`. */
export interface SendFrame {
  type: 'send';
  seq: number;
  to: string[];
  data: unknown;
}

/** Client → server: the connection's token (its first frame), or a fresh one before it expires. */
export interface AuthFrame {
  type: 'auth';
  token: string;
}

/** Server → client frames. */
export type ServerFrame =
  | {
      type: 'welcome';
      userId: string;
      deviceId: string;
      time: number;
      /** Short-lived TURN credentials, when the relay has a TURN server (`RC_TURN_URLS`). */
      iceServers?: { urls: string[]; username: string; credential: string }[];
    }
  /** The token expires at `expiresAt` (ms): send a new one in an `auth` frame before then. */
  | { type: 'token-expiring'; expiresAt: number }
  /** A new token was accepted; it expires at `expiresAt`. */
  | { type: 'renewed'; expiresAt: number }
  | {
      type: 'message';
      from: string;
      fromDevice: string;
      time: number;
      id: string;
      data: unknown;
    }
  | {
      type: 'ack';
      seq: number;
      time: number;
      id: string;
      /** How many connections the message reached (recipients' and the sender's other devices). */
      delivered: number;
      /** Users of `to` that had no connection, so received nothing. */
      offline: string[];
    }
  | { type: 'error'; seq?: number; code: RelayErrorCode; message: string }
  | {
      type: 'leave';
      userId: string;
      deviceId: string;
      time: number;
      /** Not closed by the client (no close frame, or the heartbeat gave up): it may come back. */
      lost?: true;
    };

/** Outcome of reading one client frame. */
export type ParsedFrame =
  | { ok: true; frame: SendFrame | AuthFrame }
  | { ok: false; seq: number | undefined; message: string };

/**
 * Reads one text frame from a client. Never throws: anything but a well-formed `send` or `auth` comes back
 * as `ok: false` with the `seq` when one could be read, so the error can be matched to a request.
 */
export function parseClientFrame(text: string, maxRecipients: number): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, seq: undefined, message: 'frame is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, seq: undefined, message: 'frame is not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const seq =
    typeof record.seq === 'number' && Number.isFinite(record.seq) ? record.seq : undefined;
  if (record.type === 'auth') {
    return typeof record.token === 'string'
      ? { ok: true, frame: { type: 'auth', token: record.token } }
      : { ok: false, seq, message: 'auth needs a token' };
  }
  if (record.type !== 'send') {
    return { ok: false, seq, message: `unknown frame type ${JSON.stringify(record.type)}` };
  }
  if (seq === undefined) return { ok: false, seq, message: 'seq must be a number' };
  const to = record.to;
  if (!Array.isArray(to) || to.length > maxRecipients || !to.every(isValidId)) {
    return {
      ok: false,
      seq,
      message: `to must be an array of at most ${maxRecipients} valid user ids`,
    };
  }
  return { ok: true, frame: { type: 'send', seq, to, data: record.data ?? null } };
}
