import type { IInstallOptions } from '../src/calllib/types.js';
import { BackendError, connectBackend, type StartedBackend } from './backends.js';
import { connectionKey, sameKey, type ClientConfig } from './client-config.js';
import type { CallErrorCode } from './error-codes.js';
import type { ClientFactory } from './call-options.js';
import type { CallStore } from './store.js';

/** What a connection needs besides the attributes. */
export interface ConnectionInputs {
  config: ClientConfig;
  factory: ClientFactory | undefined;
  /** Install options the element adds (`timeout`, `lang`). */
  install: Partial<IInstallOptions>;
}

/**
 * The connection of a `<rc-call-client>`: starts its backend (or its client factory) and gives the
 * client to the store, tears both down, and knows whether the inputs changed since it connected. A
 * newer `connect()` or a `disconnect()` supersedes one still on its way. No DOM.
 */
export class ClientConnection {
  #key: unknown[] | undefined;
  #generation = 0;
  #backend: StartedBackend | undefined;

  constructor(
    private readonly store: CallStore,
    private readonly onError: (
      code: CallErrorCode,
      message: string,
      recoverable: boolean,
      cause?: unknown,
    ) => void,
    private readonly onTokenExpiring: () => void = () => {},
  ) {}

  /** Whether `inputs` differ from those of the connection made or being made. */
  changed(inputs: ConnectionInputs): boolean {
    return !sameKey(this.#key, this.#keyOf(inputs));
  }

  /** Connects (again). Resolves once connected or failed (failures give `onError`). */
  async connect(inputs: ConnectionInputs): Promise<void> {
    const { config, factory } = inputs;
    const generation = ++this.#generation;
    this.#teardown();
    this.#key = this.#keyOf(inputs);
    this.store.setStatus('connecting');
    const options = this.store.installOptions(inputs.install);
    try {
      const started = factory
        ? { client: await factory(options), stop: () => {} }
        : await connectBackend(config, options, {
            onStatus: (status, error) => {
              this.store.setStatus(status, error?.code);
              if (error) this.onError(error.code, error.message, error.recoverable);
            },
            onTokenExpiring: () => this.onTokenExpiring(),
            onError: (error) => this.onError(error.code, error.message, error.recoverable),
          });
      if (generation !== this.#generation) {
        started.stop();
        void started.client.destroy();
        return;
      }
      this.#backend = started;
      this.store.attach(started.client, started.userId ?? config.userId);
      this.store.setStatus('connected');
    } catch (cause) {
      if (generation !== this.#generation) return;
      const err =
        cause instanceof BackendError
          ? cause
          : new BackendError('backend/failed', String(cause), true, cause);
      this.store.setStatus('error', err.code);
      this.onError(err.code, err.message, err.recoverable, err.cause);
    }
  }

  /**
   * Hands a connected backend the new `signal-token` of `inputs`, without reconnecting (calls go
   * on); false when there is no such connection, and `connect()` is what the change needs.
   */
  renewToken(inputs: ConnectionInputs): boolean {
    const token = inputs.config.signalToken;
    const renew = this.#backend?.renewToken;
    if (!token || !renew || this.store.status !== 'connected') return false;
    renew(token);
    this.#key = this.#keyOf(inputs);
    return true;
  }

  /** Hangs up and destroys the client; a connection still on its way gives up. */
  disconnect(): void {
    this.#generation++;
    this.#key = undefined;
    const had = this.#backend !== undefined || this.store.client !== undefined;
    this.#teardown();
    if (had || this.store.status !== 'idle') this.store.setStatus('disconnected');
  }

  /** The user the backend connected as (RongCloud: from the token). */
  get userId(): string | undefined {
    return this.#backend?.userId;
  }

  #teardown(): void {
    this.#backend?.stop();
    this.#backend = undefined;
    if (this.store.client) this.store.detach();
  }

  #keyOf({ config, factory }: ConnectionInputs): unknown[] {
    return connectionKey(config, [factory, config.backendOptions]);
  }
}
