/**
 * Several relays as one service: frames for a user are published on that user's Redis channel,
 * which every relay holding a connection of the user subscribes to; who is connected anywhere is
 * a sorted set per user (relay instance → expiry), refreshed by each relay's heartbeat, so a relay
 * that dies stops counting within three heartbeats. (`RC_SIGNAL_REDIS`; `ioredis` is loaded only
 * then.)
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const PREFIX = 'rc-call:';
const channelOf = (userId: string) => `${PREFIX}u:${userId}`;
const presenceOf = (userId: string) => `${PREFIX}p:${userId}`;

/** What travels on a user's channel: the relay it came from, the sender (for messages), the frame. */
interface BusEnvelope {
  relay: string;
  from?: string;
  frame: string;
}

/** The relays' shared channel; see {@link RedisBus}. */
export interface RelayBus {
  /** This relay's id in the presence sets and envelopes. */
  readonly id: string;
  /**
   * A connection of `userId` here: receive the user's frames, count them present. Resolves once
   * that holds (or Redis failed): the first join of a user subscribes, the others share it.
   */
  join(userId: string): Promise<void>;
  /** The last one left. */
  leave(userId: string): void;
  /** Hands `frame` to the connections of `userIds` on the other relays (`from`: its sender). */
  publish(userIds: Iterable<string>, frame: string, from?: string): void;
  /** Those of `userIds` with a connection on no relay. */
  offline(userIds: string[]): Promise<string[]>;
  close(): Promise<void>;
}

export type BusDelivery = (userId: string, frame: string, from: string | undefined) => void;

export class RedisBus implements RelayBus {
  readonly id = randomBytes(6).toString('hex');
  /** The users with a connection here, each with its subscription under way or done. */
  readonly #users = new Map<string, Promise<void>>();
  readonly #ready: Promise<{ pub: Redis; sub: Redis }>;
  readonly #refresh: NodeJS.Timeout;
  readonly #ttlMs: number;
  /** Joins and leaves, one after the other: a quick leave must not overtake its join. */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  /**
   * @param url `redis://…` (or `rediss://`).
   * @param heartbeatMs presence is refreshed this often and expires after three times as long.
   */
  constructor(url: string, heartbeatMs: number, deliver: BusDelivery, log: (line: string) => void) {
    this.#ttlMs = heartbeatMs * 3;
    this.#ready = this.#connect(url, deliver, log);
    // Not awaited by every caller: failures are logged where they happen.
    this.#ready.catch((error: Error) => log(`relay redis: ${error.message}`));
    this.#refresh = setInterval(() => void this.#refreshPresence(), heartbeatMs);
    this.#refresh.unref();
  }

  async #connect(url: string, deliver: BusDelivery, log: (line: string) => void) {
    const { Redis } = await import('ioredis');
    let lastError = '';
    const onError = (error: Error) => {
      // ioredis reconnects by itself; say so once per distinct failure.
      if (error.message !== lastError) log(`relay redis: ${(lastError = error.message)}`);
    };
    // Commands wait in ioredis's queue while it (re)connects, and fail after one more attempt:
    // an ack then says nobody is offline rather than waiting.
    // Auto-pipelining: the commands of one event-loop turn go to Redis in one write (frames come
    // in bursts: with 1,000 clients that is most of them).
    const pub = new Redis(url, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
    const sub = pub.duplicate();
    pub.on('error', onError);
    sub.on('error', onError);
    pub.on('ready', () => (lastError = ''));
    sub.on('message', (channel: string, text: string) => {
      const userId = channel.slice(channelOf('').length);
      let envelope: BusEnvelope;
      try {
        envelope = JSON.parse(text) as BusEnvelope;
      } catch {
        return;
      }
      if (envelope.relay === this.id || typeof envelope.frame !== 'string') return;
      deliver(
        userId,
        envelope.frame,
        typeof envelope.from === 'string' ? envelope.from : undefined,
      );
    });
    // After a reconnection ioredis subscribes again by itself; presence is marked again here.
    pub.on('ready', () => void this.#refreshPresence());
    return { pub, sub };
  }

  join(userId: string): Promise<void> {
    let joined = this.#users.get(userId);
    if (!joined) {
      joined = this.#serially(async ({ pub, sub }) => {
        await sub.subscribe(channelOf(userId));
        await this.#mark(pub, [userId]);
      });
      this.#users.set(userId, joined);
    }
    return joined;
  }

  leave(userId: string): void {
    if (!this.#users.delete(userId)) return;
    this.#serially(async ({ pub, sub }) => {
      await sub.unsubscribe(channelOf(userId));
      await pub.zrem(presenceOf(userId), this.id);
    });
  }

  #serially(task: (clients: { pub: Redis; sub: Redis }) => Promise<unknown>): Promise<void> {
    const done = this.#queue
      .then(() => this.#ready)
      .then(task)
      .then(
        () => undefined,
        () => undefined,
      );
    this.#queue = done;
    return done;
  }

  publish(userIds: Iterable<string>, frame: string, from?: string): void {
    const envelope = JSON.stringify({ relay: this.id, from, frame } satisfies BusEnvelope);
    const users = [...userIds];
    void this.#ready
      .then(({ pub }) =>
        Promise.all(users.map((userId) => pub.publish(channelOf(userId), envelope))),
      )
      .catch(() => undefined);
  }

  async offline(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const { pub } = await this.#ready;
    const now = Date.now();
    const batch = pub.pipeline();
    for (const userId of userIds) batch.zcount(presenceOf(userId), now, '+inf');
    const counts = (await batch.exec()) ?? [];
    // A failed count is taken as present: better a ring that finds nobody than a call refused.
    return userIds.filter((_, i) => counts[i]?.[0] === null && counts[i]?.[1] === 0);
  }

  async #mark(pub: Redis, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const expiry = Date.now() + this.#ttlMs;
    const batch = pub.pipeline();
    for (const userId of userIds) {
      batch.zadd(presenceOf(userId), expiry, this.id);
      // Relays that died left their entries: drop the expired ones, and the set when all are.
      batch.zremrangebyscore(presenceOf(userId), '-inf', Date.now());
      batch.pexpire(presenceOf(userId), this.#ttlMs);
    }
    await batch.exec();
  }

  async #refreshPresence(): Promise<void> {
    if (this.#closed) return;
    const { pub } = await this.#ready;
    await this.#mark(pub, [...this.#users.keys()]).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#refresh);
    const clients = await this.#ready.catch(() => undefined);
    if (!clients) return;
    const { pub, sub } = clients;
    const users = [...this.#users.keys()];
    this.#users.clear();
    sub.disconnect();
    if (pub.status === 'ready' && users.length > 0) {
      const batch = pub.pipeline();
      for (const userId of users) batch.zrem(presenceOf(userId), this.id);
      await batch.exec().catch(() => undefined);
    }
    pub.disconnect();
  }
}
