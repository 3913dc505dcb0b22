/**
 * Who may connect to a relay started with a secret: a connection's first frame must carry a valid
 * token, which names its user; before the token expires the connection is asked for a new one,
 * and without one it ends. Every refusal closes with 4401 and a reason. (See token.ts.)
 */
import type { WebSocket } from 'ws';
import { rawText, type RelayConnection } from './connection.js';
import { isValidId } from './protocol.js';
import {
  AUTH_CLOSE_CODE,
  AUTH_TIMEOUT_MS,
  RENEW_AHEAD_MS,
  verifySignalToken,
  type TokenCheck,
} from './token.js';

/** The longest delay `setTimeout` keeps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class TokenGate {
  readonly #secret: string;
  readonly #log: (line: string) => void;

  constructor(secret: string, log: (line: string) => void) {
    this.#secret = secret;
    this.#log = log;
  }

  /**
   * Waits for the connection's first frame, `{"type":"auth","token":"…"}`: resolves the token's
   * user id and expiry, or closes with 4401 (a bad, expired or missing token, another user id in
   * the query, or nothing valid within 5 s) and resolves nothing.
   */
  async admit(
    ws: WebSocket,
    queryUser: string | null,
    deviceId: string | null,
    address: string,
  ): Promise<Extract<TokenCheck, { ok: true }> | undefined> {
    const refuse = (reason: string) => {
      this.#log(`refused ${address}: ${reason}`);
      if (ws.readyState === ws.OPEN) ws.close(AUTH_CLOSE_CODE, reason);
      return undefined;
    };
    const frame = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), AUTH_TIMEOUT_MS);
      ws.once('message', (data, isBinary) => {
        clearTimeout(timer);
        resolve(isBinary ? '' : rawText(data));
      });
      ws.once('close', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    if (frame === undefined) return refuse('no auth frame within 5 s');
    let token: unknown;
    try {
      const value = JSON.parse(frame) as { type?: unknown; token?: unknown };
      if (value?.type === 'auth') token = value.token;
    } catch {
      // not JSON: no token
    }
    const check = await verifySignalToken(token, this.#secret);
    if (!check.ok) return refuse(check.reason);
    if (queryUser !== null && queryUser !== check.userId)
      return refuse('user id in the query is not the token’s');
    if (!isValidId(deviceId)) return refuse('invalid device id');
    if (ws.readyState !== ws.OPEN) return undefined;
    return check;
  }

  /**
   * Asks for a new token a minute before this one expires (halfway, for shorter lives) and closes
   * with 4401 `token expired` when none came.
   */
  watch(conn: RelayConnection, expiresAt: number): void {
    for (const timer of conn.tokenTimers.splice(0)) clearTimeout(timer);
    const left = Math.max(0, expiresAt - Date.now());
    if (left > MAX_TIMER_MS) {
      // Timers fire at once past 2^31 ms (24.8 days): look again then.
      conn.tokenTimers.push(setTimeout(() => this.watch(conn, expiresAt), MAX_TIMER_MS));
      return;
    }
    const warn = setTimeout(
      () => conn.send({ type: 'token-expiring', expiresAt }),
      left - Math.min(RENEW_AHEAD_MS, left / 2),
    );
    const end = setTimeout(() => {
      conn.closeReason ??= 'token expired';
      conn.socket.close(AUTH_CLOSE_CODE, 'token expired');
    }, left);
    conn.tokenTimers.push(warn, end);
  }

  /** A fresh token on an open connection: the same user's, or the connection ends with 4401. */
  async renew(conn: RelayConnection, token: string): Promise<void> {
    const check = await verifySignalToken(token, this.#secret);
    const reason = !check.ok
      ? check.reason
      : check.userId !== conn.userId
        ? 'a renewal names another user'
        : undefined;
    if (reason || !check.ok) {
      this.#log(`refused renewal ${conn.userId}/${conn.deviceId}: ${reason}`);
      conn.closeReason ??= `renewal refused: ${reason}`;
      conn.socket.close(AUTH_CLOSE_CODE, reason);
      return;
    }
    if (!conn.isOpen) return;
    this.watch(conn, check.expiresAt);
    conn.send({ type: 'renewed', expiresAt: check.expiresAt });
  }
}
