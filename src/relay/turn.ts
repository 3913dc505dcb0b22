/**
 * Short-lived TURN credentials for the clients of a relay: the TURN REST scheme that coturn
 * implements with `use-auth-secret` and `static-auth-secret`. The username is `expiry:userId`
 * (expiry in Unix seconds), the credential the base64 HMAC-SHA1 of the username under the secret
 * the TURN server shares with the relay; the TURN server checks both, and the expiry.
 */
import { createHmac } from 'node:crypto';

/** Where a relay's clients find TURN, and the secret it shares with that TURN server. */
export interface TurnOptions {
  /** `turn:`/`turns:` URLs, e.g. `['turn:turn.example:3478', 'turns:turn.example:443?transport=tcp']`. */
  urls: string | readonly string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** Seconds the credentials are good for. Default 86 400 (a day: longer than any call). */
  ttl?: number;
}

export interface ResolvedTurn {
  urls: string[];
  secret: string;
  ttl: number;
}

/** What a client puts in its `RTCConfiguration.iceServers`. */
export interface TurnServer {
  urls: string[];
  username: string;
  credential: string;
}

const DEFAULT_TTL_S = 86_400;

/**
 * `options`, else env `RC_TURN_URLS` (comma-separated) with `RC_TURN_SECRET` (and `RC_TURN_TTL`);
 * undefined when either part is missing. URLs other than `turn:`/`turns:`/`stun:` are refused.
 */
export function resolveTurn(options?: TurnOptions): ResolvedTurn | undefined {
  const env = process.env;
  const rawUrls = options?.urls ?? env.RC_TURN_URLS;
  const secret = options?.secret ?? env.RC_TURN_SECRET;
  const urls = (typeof rawUrls === 'string' ? rawUrls.split(',') : [...(rawUrls ?? [])])
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0 || !secret) return undefined;
  for (const url of urls) {
    if (!/^(turns?|stuns?):[^\s]+$/.test(url))
      throw new TypeError(
        `TURN url must start with turn:, turns: or stun:, got ${JSON.stringify(url)}`,
      );
  }
  const ttl = options?.ttl ?? Number(env.RC_TURN_TTL || DEFAULT_TTL_S);
  if (!(ttl > 0)) throw new TypeError('TURN ttl must be seconds above 0');
  return { urls, secret, ttl };
}

/** Credentials for `userId`, good for `turn.ttl` seconds from `now` (ms). */
export function turnCredentials(userId: string, turn: ResolvedTurn, now = Date.now()): TurnServer {
  const username = `${Math.floor(now / 1000) + Math.round(turn.ttl)}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential };
}
