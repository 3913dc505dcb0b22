/**
 * Who may connect to a relay started with a secret: a standard JWT (HS256, signed and checked by
 * `jose`) that names the user in `sub` and expires. An app's own server mints it with
 * {@link createSignalToken}; the browser sends it in its first frame, never in the URL.
 */
import { SignJWT, jwtVerify } from 'jose';
import { isValidId } from './protocol.js';

/** The close code of a connection refused for its token (or for sending none in time). */
export const AUTH_CLOSE_CODE = 4401;
/** How long a connection may take to send a valid `auth` frame. */
export const AUTH_TIMEOUT_MS = 5000;

/** How long before its token expires a connection is asked for a new one (halfway, if sooner). */
export const RENEW_AHEAD_MS = 60_000;

const key = (secret: string) => new TextEncoder().encode(secret);

/** The secret of `options`, else env `RC_SIGNAL_SECRET`; empty means none. */
export function signalSecret(secret?: string): string | undefined {
  const value = secret ?? process.env.RC_SIGNAL_SECRET;
  return value ? value : undefined;
}

/** Options of {@link createSignalToken}. */
export interface SignalTokenOptions {
  userId: string;
  /** Seconds until it expires. Default 3600. */
  expiresIn?: number;
  /** Default: env `RC_SIGNAL_SECRET`. */
  secret?: string;
}

/** A token for `userId` that a relay with the same secret accepts until it expires. */
export async function createSignalToken(options: SignalTokenOptions): Promise<string> {
  const secret = signalSecret(options.secret);
  if (!secret)
    throw new TypeError('createSignalToken: no secret (pass secret or set RC_SIGNAL_SECRET)');
  if (!isValidId(options.userId))
    throw new TypeError('createSignalToken: userId is not a valid user id');
  const expiresIn = options.expiresIn ?? 3600;
  if (!(expiresIn > 0)) throw new TypeError('createSignalToken: expiresIn must be seconds above 0');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + Math.round(expiresIn))
    .sign(key(secret));
}

/** The outcome of checking a token: its user id and expiry, or why it was refused. */
export type TokenCheck =
  { ok: true; userId: string; expiresAt: number } | { ok: false; reason: string };

/** Checks `token` against `secret`: HS256 only, signature, expiry, and a valid user id in `sub`. */
export async function verifySignalToken(token: unknown, secret: string): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
    return { ok: false, reason: 'no token' };
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
    if (!isValidId(payload.sub)) return { ok: false, reason: 'token names no valid user id' };
    if (typeof payload.exp !== 'number') return { ok: false, reason: 'token does not expire' };
    return { ok: true, userId: payload.sub, expiresAt: payload.exp * 1000 };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'token expired' : 'invalid token' };
  }
}
