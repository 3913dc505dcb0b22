import { parseOrigins, type AllowedOrigins } from './origin.js';
import { signalSecret } from './token.js';
import { resolveTurn, type ResolvedTurn, type TurnOptions } from './turn.js';

/** Options of {@link attachRelay} and {@link createRelayServer}. */
export interface RelayOptions {
  /** URL path that upgrades to the relay. Default `/signal`. */
  path?: string;
  /**
   * Origins allowed besides the same origin, e.g. `['https://app.example']`, or one
   * comma-separated string; `*` allows any. Default: env `RC_SIGNAL_ORIGINS`.
   */
  origins?: string | readonly string[];
  /** Milliseconds between heartbeat pings; a socket that missed the previous ping is dropped. Default 10 000. */
  heartbeatMs?: number;
  /** Largest accepted frame in bytes; ws closes the socket with 1009 above it. Default 64 KiB. */
  maxPayload?: number;
  /** Frames one connection may send per `rateWindowMs`; more are refused with `rate-limited`. Default 200. */
  rateLimit?: number;
  /** Length of the rate-limit window in milliseconds. Default 10 000. */
  rateWindowMs?: number;
  /** Most users one `send` may address. Default 100. */
  maxRecipients?: number;
  /** A receiver whose unsent backlog exceeds this many bytes is dropped as too slow. Default 4 MiB. */
  maxBufferedBytes?: number;
  /**
   * With a secret, a connection must send a valid token (see `createSignalToken`) in its first
   * frame, and its user id is the token's. Default: env `RC_SIGNAL_SECRET`; none: ids are believed.
   */
  secret?: string;
  /**
   * Without a secret, serve on a non-loopback address anyway (a LAN you trust), with one loud log
   * line; otherwise the relay refuses to. Default: env `RC_SIGNAL_INSECURE=1`.
   */
  insecure?: boolean;
  /**
   * A TURN server sharing a secret with the relay: every client gets short-lived credentials for
   * it in its `welcome` (`iceServers`). Default: env `RC_TURN_URLS` and `RC_TURN_SECRET`.
   */
  turn?: TurnOptions;
  /**
   * `redis://…`: run several relays as one (behind a load balancer), fanning frames out through
   * Redis pub/sub, with who is connected kept in Redis. Default: env `RC_SIGNAL_REDIS`.
   */
  redis?: string;
  /** Where the per-connection log lines go; `false` silences them. Default `console.log`. */
  log?: ((line: string) => void) | false;
}

export interface ResolvedRelayOptions {
  path: string;
  origins: AllowedOrigins;
  heartbeatMs: number;
  maxPayload: number;
  rateLimit: number;
  rateWindowMs: number;
  maxRecipients: number;
  maxBufferedBytes: number;
  secret: string | undefined;
  insecure: boolean;
  turn: ResolvedTurn | undefined;
  redis: string | undefined;
  log: (line: string) => void;
}

const positive = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;

export function resolveRelayOptions(options: RelayOptions = {}): ResolvedRelayOptions {
  const log = options.log;
  return {
    path: options.path ?? '/signal',
    origins: parseOrigins(options.origins ?? process.env.RC_SIGNAL_ORIGINS),
    heartbeatMs: positive(options.heartbeatMs, 10_000),
    maxPayload: positive(options.maxPayload, 64 * 1024),
    rateLimit: Math.floor(positive(options.rateLimit, 200)),
    rateWindowMs: positive(options.rateWindowMs, 10_000),
    maxRecipients: Math.floor(positive(options.maxRecipients, 100)),
    maxBufferedBytes: positive(options.maxBufferedBytes, 4 * 1024 * 1024),
    secret: signalSecret(options.secret),
    insecure: options.insecure ?? process.env.RC_SIGNAL_INSECURE === '1',
    turn: resolveTurn(options.turn),
    redis: options.redis || process.env.RC_SIGNAL_REDIS || undefined,
    log: log === false ? () => {} : (log ?? ((line) => console.log(line))),
  };
}

/** `127.0.0.0/8`, `::1` and `localhost` (also as IPv4-mapped IPv6): nobody else can reach them. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Whether a relay without a secret may serve on `host`: on a loopback address, yes; elsewhere only
 * when `insecure`, with a loud `warning` to log; otherwise a `refusal` saying why not.
 */
export function openRelayCheck(
  host: string,
  o: Pick<ResolvedRelayOptions, 'secret' | 'insecure'>,
): { refusal?: string; warning?: string } {
  if (o.secret || isLoopback(host)) return {};
  if (o.insecure) {
    return {
      warning:
        `relay WARNING: no secret on ${host} (RC_SIGNAL_INSECURE=1): anyone who can reach this ` +
        "port can connect as any user id, receive that user's calls and ring anyone. Only on a " +
        'network you trust; on the internet set RC_SIGNAL_SECRET.',
    };
  }
  return {
    refusal:
      `the relay will not serve on ${host} without a secret: anyone who reaches it could connect ` +
      'as any user. Set RC_SIGNAL_SECRET (and give clients tokens), or RC_SIGNAL_INSECURE=1 on ' +
      'a network you trust.',
  };
}
