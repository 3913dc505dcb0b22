/**
 * One IM connection of `startRongCloud`: follows IMLib's connection events after the start and
 * tears the connection down (calls, listeners, IM) exactly once.
 */
import type { RCCallClient } from '../calllib/client.js';
import { connectionErrorCode, type RongCloudErrorCode } from './codes.js';
import type { IMLib } from './page-sdk.js';

/** What a connection uses of IMLib (a fake in tests). */
export type IMEvents = Pick<
  IMLib,
  'Events' | 'addEventListener' | 'removeEventListener' | 'disconnect'
>;

/** `statuschange` values. */
export type RongCloudStatus = 'connecting' | 'connected' | 'disconnected' | 'error';

export interface RongCloudStartError {
  code: RongCloudErrorCode;
  message: string;
  /** Whether the same start may work later (network) or needs other input (token, appkey). */
  recoverable: boolean;
  /** The IM error code behind it, when there is one. */
  imCode?: number;
}

/** The page's current connection: only it may disconnect IM. */
export interface ConnectionSlot {
  current?: Connection;
}

/** One IM connection: its listeners, its client, its teardown. */
export class Connection {
  client?: RCCallClient;
  connected = false;
  #ended?: Promise<void>;

  constructor(
    private readonly im: IMEvents,
    private readonly report: (status: RongCloudStatus, error?: RongCloudStartError) => void,
    private readonly slot: ConnectionSlot,
  ) {
    slot.current = this;
  }

  readonly #onConnecting = () => {
    if (this.connected) this.report('connecting');
  };
  readonly #onConnected = () => {
    if (this.connected) this.report('connected');
  };
  readonly #onSuspend = () => {
    if (this.connected) this.report('connecting');
  };
  readonly #onDisconnect = (imCode: number) => {
    if (!this.connected || this.#ended) return;
    const { code, recoverable } = connectionErrorCode(imCode);
    const error = startError(
      code,
      `disconnected by the server (IM code ${imCode})`,
      recoverable,
      imCode,
    );
    void this.teardown().then(() => this.report('error', error));
  };

  listen(): void {
    const { Events } = this.im;
    this.im.addEventListener(Events.CONNECTING, this.#onConnecting);
    this.im.addEventListener(Events.CONNECTED, this.#onConnected);
    this.im.addEventListener(Events.SUSPEND, this.#onSuspend);
    this.im.addEventListener(Events.DISCONNECT, this.#onDisconnect);
  }

  /** Ends calls, stops listening, disconnects IM. Safe to call any number of times. */
  teardown(): Promise<void> {
    this.#ended ??= this.#teardown();
    return this.#ended;
  }

  get ended(): boolean {
    return this.#ended !== undefined;
  }

  async disconnect(): Promise<void> {
    const wasConnected = this.connected && !this.#ended;
    await this.teardown();
    if (wasConnected) this.report('disconnected');
  }

  async #teardown(): Promise<void> {
    this.connected = false;
    // A newer start owns IM now: leave its connection alone.
    const ownsIM = this.slot.current === this;
    if (ownsIM) this.slot.current = undefined;
    const { Events } = this.im;
    await quietly(() => this.client?.destroy());
    await quietly(() => {
      this.im.removeEventListener(Events.CONNECTING, this.#onConnecting);
      this.im.removeEventListener(Events.CONNECTED, this.#onConnected);
      this.im.removeEventListener(Events.SUSPEND, this.#onSuspend);
      this.im.removeEventListener(Events.DISCONNECT, this.#onDisconnect);
    });
    // No `destroy()`: see page-sdk.ts. The next start connects this same IMLib again.
    if (ownsIM) await quietly(() => this.im.disconnect());
  }
}

async function quietly(step: () => unknown): Promise<void> {
  try {
    await step();
  } catch {
    // teardown goes on: each step is independent
  }
}

export function startError(
  code: RongCloudErrorCode,
  message: string,
  recoverable = code === 'network/offline' || code === 'connection/failed',
  imCode?: number,
): RongCloudStartError {
  const error: RongCloudStartError = { code, message, recoverable };
  if (imCode !== undefined) error.imCode = imCode;
  return error;
}

export function isStartError(value: unknown): value is RongCloudStartError {
  return typeof value === 'object' && value !== null && 'code' in value && 'recoverable' in value;
}
