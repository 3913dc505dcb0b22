import { css, html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { RCCallClient } from '../src/calllib/client.js';
import type { RCCallSession } from '../src/calllib/session.js';
import {
  BackendError,
  startBackend,
  type BackendFailure,
  type StartedBackend,
} from './backends.js';
import { callStoreContext } from './context.js';
import { createCallEvent, type CallClientStatus } from './events.js';
import { setRouterHost } from './router.js';
import {
  CallError,
  CallStore,
  type CallExtras,
  type ClientFactory,
  type MediaTypeInput,
} from './store.js';
import { parseLang, type CallStrings } from './strings.js';
import { IssueTracker } from './validation.js';
import {
  connectionKey,
  isReady,
  readClientConfig,
  sameKey,
  type ClientConfig,
} from './client-config.js';

/**
 * Owns one CallLib client: connects it from its attributes, and gives it to the `<rc-call-session>`
 * and `<rc-video-tile>` elements inside it.
 *
 * @summary Connects a CallLib client (local WebRTC or RongCloud) and hosts the call elements.
 *
 * @attr backend - `local` or `rongcloud`; default `rongcloud` when `appkey` is set, else `local`.
 * @attr appkey - RongCloud app key.
 * @attr token - RongCloud user token.
 * @attr navigators - RongCloud private-cloud navigation URLs, space- or comma-separated.
 * @attr user-id - The local backend's user id (RongCloud: reflects the connected user).
 * @attr signal-url - Local backend relay (`ws://` or `wss://`); absent: BroadcastChannel between tabs.
 * @attr name - Own display name, sent with every call message.
 * @attr portrait - Own avatar URL (http, https or data:image), sent with every call message.
 * @attr lang - `zh` or `en`; default from `navigator.language`.
 * @attr timeout - No-answer timeout in seconds (default 60).
 * @attr status - Reflected, read-only: `idle`, `connecting`, `connected`, `disconnected`, `error`.
 *
 * @fires statuschange - The connection status changed: `{status, code?}`.
 * @fires callerror - Something failed: `{code, message, recoverable, cause?}`; a bad attribute gives one with a `config/…` code.
 * @fires session - A call started; dispatched here when no `<rc-call-session>` shows it.
 * @fires ringing - See `<rc-call-session>`; here when no session element shows the call.
 * @fires accept - See `<rc-call-session>`.
 * @fires hungup - See `<rc-call-session>`.
 * @fires trackready - See `<rc-video-tile>`.
 * @fires membermodify - See `<rc-call-session>`.
 * @fires mediamodify - See `<rc-call-session>`.
 * @fires mutechange - See `<rc-video-tile>`.
 * @fires sessionclose - See `<rc-call-session>`.
 *
 * @slot - Page content, typically an `<rc-call-session>`.
 */
export class RcCallClient extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `;

  // Static properties rather than decorators: the same reactive properties without the decorator
  // code in the bundle.
  static override properties: PropertyDeclarations = {
    backend: {},
    appkey: {},
    token: {},
    navigators: {},
    userId: { attribute: 'user-id' },
    signalUrl: { attribute: 'signal-url' },
    name: {},
    portrait: {},
    lang: {},
    timeout: {},
    status: { reflect: true },
    clientFactory: { attribute: false },
    backendOptions: { attribute: false },
    strings: { attribute: false },
  };

  backend: string | undefined;
  appkey: string | undefined;
  token: string | undefined;
  navigators: string | undefined;
  userId: string | undefined;
  signalUrl: string | undefined;
  name: string | undefined;
  portrait: string | undefined;
  override lang = '';
  timeout: string | undefined;
  status: CallClientStatus = 'idle';
  /** Makes the client instead of `backend` (tests, custom backends); see {@link ClientFactory}. */
  clientFactory: ClientFactory | undefined;
  /** Passed through to the backend: `rtcConfiguration` (TURN servers), `channelName`, `deviceId` … */
  backendOptions: Record<string, unknown> | undefined;
  /** Replaces some or all of the built-in phrases of every element inside. */
  strings: Partial<CallStrings> | undefined;

  /** The long-lived store the elements inside read (also usable headless). */
  readonly store = new CallStore();

  readonly #issues = new IssueTracker((code, message) => this.#error(code, message, true));
  #config: ClientConfig | undefined;
  #connectedKey: unknown[] | undefined;
  #generation = 0;
  #backend: StartedBackend | undefined;
  #auto = false;

  constructor() {
    super();
    new ContextProvider(this, { context: callStoreContext, initialValue: this.store });
    // Events of calls no session element shows are dispatched here.
    setRouterHost(this.store, this);
    this.store.onEvent((e) => {
      if (e.name === 'statuschange') this.status = this.store.status;
    });
  }

  /** The CallLib client, once connected. */
  get client(): RCCallClient | undefined {
    return this.store.client;
  }
  /** The sessions that have not ended. */
  get sessions(): RCCallSession[] {
    return this.store.calls.filter((c) => c.phase !== 'ended').map((c) => c.session);
  }
  /** The current session (the newest that has not ended). */
  get session(): RCCallSession | undefined {
    const current = this.store.current;
    return current?.phase === 'ended' ? undefined : current?.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#auto = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.disconnect();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.#config = this.#readConfig();
    if (changed.has('lang') || changed.has('strings')) {
      this.store.lang = parseLang(this.lang);
      this.store.strings = this.strings;
      this.store.notify();
    }
    if (changed.has('name') || changed.has('portrait')) {
      this.store.setProfile({ name: this.#config.name, portraitUri: this.#config.portraitUri });
    }
  }

  override updated(): void {
    // Connecting changes `status`: do it after this update, not inside it.
    if (this.#wantsConnect()) queueMicrotask(() => this.#wantsConnect() && void this.connect());
  }

  #wantsConnect(): boolean {
    const c = this.#config;
    if (!this.#auto || !this.isConnected || !c || !isReady(c, !!this.clientFactory)) return false;
    return !sameKey(this.#connectedKey, this.#key(c));
  }

  /** Connects (again) with the current attributes. Resolves once connected; failures give `callerror`. */
  async connect(): Promise<void> {
    this.#auto = true;
    const config = (this.#config = this.#readConfig());
    const generation = ++this.#generation;
    this.#teardown();
    this.#connectedKey = this.#key(config);
    this.store.userId = config.userId;
    this.store.setStatus('connecting');
    const options = this.store.installOptions({
      timeout: config.timeoutMs,
      lang: parseLang(this.lang) ?? 'zh',
    });
    try {
      let started: StartedBackend;
      if (this.clientFactory) {
        started = { client: await this.clientFactory(options), stop: () => {} };
      } else {
        started = await startBackend(config, options, (s, e) => this.#backendStatus(s, e));
      }
      if (generation !== this.#generation) {
        started.stop();
        void started.client.destroy();
        return;
      }
      this.#backend = started;
      if (config.backend === 'rongcloud' && started.userId) {
        this.setAttribute('user-id', started.userId);
      }
      this.store.userId = started.userId ?? config.userId;
      this.store.attach(started.client);
      this.store.setStatus('connected');
    } catch (cause) {
      if (generation !== this.#generation) return;
      const err =
        cause instanceof BackendError
          ? cause
          : new BackendError('backend/failed', String(cause), true, cause);
      this.store.setStatus('error', err.code);
      this.#error(err.code, err.message, err.recoverable, err.cause);
    }
  }

  /** Hangs up, destroys the client and stops reconnecting by itself (until `connect()` or re-insertion). */
  async disconnect(): Promise<void> {
    this.#auto = this.isConnected ? false : this.#auto;
    this.#generation++;
    this.#connectedKey = undefined;
    const had = this.#backend !== undefined || this.store.client !== undefined;
    this.#teardown();
    if (had || this.store.status !== 'idle') this.store.setStatus('disconnected');
  }

  /** Calls a user. Rejects with a {@link CallError} carrying the CallLib `code` on failure. */
  call(targetId: string, mediaType: MediaTypeInput = 'video', options?: CallExtras) {
    return this.store.call(targetId, mediaType, options);
  }

  /** Calls members of a group. Rejects with a {@link CallError} on failure. */
  callInGroup(
    groupId: string,
    userIds: string[],
    mediaType: MediaTypeInput = 'video',
    options?: CallExtras,
  ) {
    return this.store.callInGroup(groupId, userIds, mediaType, options);
  }

  #backendStatus(status: CallClientStatus, error?: BackendFailure): void {
    this.store.setStatus(status, error?.code);
    if (error) this.#error(error.code, error.message, error.recoverable);
  }

  #teardown(): void {
    this.#backend?.stop();
    this.#backend = undefined;
    if (this.store.client) this.store.detach();
  }

  #readConfig(): ClientConfig {
    const config = readClientConfig(this, this.#issues, !!this.clientFactory);
    return { ...config, backendOptions: this.backendOptions };
  }

  #key(c: ClientConfig): unknown[] {
    return connectionKey(c, [this.clientFactory, this.backendOptions]);
  }

  #error(code: string, message: string, recoverable: boolean, cause?: unknown): void {
    const detail =
      cause === undefined ? { code, message, recoverable } : { code, message, recoverable, cause };
    this.dispatchEvent(createCallEvent('callerror', detail));
  }

  override render() {
    return html`<slot></slot>`;
  }
}

export { CallError };
