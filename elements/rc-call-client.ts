import { css, html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { RCCallClient } from '../src/calllib/client.js';
import type { RCCallSession } from '../src/calllib/session.js';
import { isReady, readClientConfig, type ClientConfig } from './client-config.js';
import { ClientConnection, type ConnectionInputs } from './client-connection.js';
import { callStoreContext } from './context.js';
import type { CallErrorCode } from './error-codes.js';
import { createCallEvent, errorDetail, type CallClientStatus } from './events.js';
import type { CallExtras, ClientFactory, MediaTypeInput } from './call-options.js';
import { CallError } from './error-codes.js';
import { CallStore } from './store.js';
import type { DeviceLists } from './device-choice.js';
import { parseLang, type CallStrings } from './strings.js';
import { IssueTracker } from './validation.js';

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
 * @attr signal-token - The relay's token for this user, when the relay has a secret (`createSignalToken`); a new one set while connected renews it and keeps the calls.
 * @attr name - Own display name, sent with every call message.
 * @attr portrait - Own avatar URL (http, https or data:image), sent with every call message.
 * @attr lang - `zh` or `en`; default from `navigator.language`.
 * @attr timeout - No-answer timeout in seconds (default 60).
 * @attr reconnect-timeout - Seconds a lost connection may take to come back before the call ends with the network reason (default 30).
 * @attr status - Reflected, read-only: `idle`, `connecting`, `connected`, `disconnected`, `error`.
 * @attr camera - Device id of the camera to use (remembered for this origin); set mid-call, it switches.
 * @attr microphone - Device id of the microphone to use (remembered); set mid-call, it switches.
 * @attr speaker - Device id of the speaker remote sound plays on, where the browser can choose (not Safari).
 *
 * @fires {CustomEvent<StatusChangeEventDetail>} statuschange - The connection status changed: `{status, code?}`.
 * @fires {CustomEvent<CallErrorEventDetail>} callerror - Something failed: `{code, message, recoverable, cause?}`; a bad attribute gives one with a `config/…` code.
 * @fires {CustomEvent<DeviceChangeEventDetail>} devicechange - Cameras, microphones or speakers were plugged in or out: `{cameras, microphones, speakers, needsPermission}`.
 * @fires {CustomEvent<ScreenShareEventDetail>} screenshare - See `<rc-call-session>`.
 * @fires {CustomEvent<ConnectionStateEventDetail>} connectionstate - See `<rc-video-tile>`.
 * @fires {CustomEvent<NetworkQualityEventDetail>} networkquality - See `<rc-video-tile>`.
 * @fires {CustomEvent<TokenExpiredEventDetail>} tokenexpired - The relay's token runs out within a minute: set a new `signal-token` and every call carries on; none, and the connection ends with `callerror` `auth/token-invalid`. `{userId}`.
 * @fires {CustomEvent<SessionEventDetail>} session - A call started; dispatched here when no `<rc-call-session>` shows it.
 * @fires {CustomEvent<SenderEventDetail>} ringing - See `<rc-call-session>`; here when no session element shows the call.
 * @fires {CustomEvent<SenderEventDetail>} accept - See `<rc-call-session>`.
 * @fires {CustomEvent<HungupEventDetail>} hungup - See `<rc-call-session>`.
 * @fires {CustomEvent<TrackReadyEventDetail>} trackready - See `<rc-video-tile>`.
 * @fires {CustomEvent<MemberModifyEventDetail>} membermodify - See `<rc-call-session>`.
 * @fires {CustomEvent<MediaModifyEventDetail>} mediamodify - See `<rc-call-session>`.
 * @fires {CustomEvent<MuteChangeEventDetail>} mutechange - See `<rc-video-tile>`.
 * @fires {CustomEvent<SessionCloseEventDetail>} sessionclose - See `<rc-call-session>`.
 * @fires {CustomEvent<BeforeCallEventDetail>} beforecall - See `<rc-call-session>`.
 * @fires {CustomEvent<BeforeAcceptEventDetail>} beforeaccept - See `<rc-call-session>`.
 * @fires {CustomEvent<BeforeHangupEventDetail>} beforehangup - See `<rc-call-session>`.
 * @fires {CustomEvent<BeforeMuteEventDetail>} beforemute - See `<rc-call-session>`.
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

  static override properties: PropertyDeclarations = {
    backend: {},
    appkey: {},
    token: {},
    navigators: {},
    userId: { attribute: 'user-id', reflect: true },
    signalUrl: { attribute: 'signal-url' },
    signalToken: { attribute: 'signal-token' },
    name: {},
    portrait: {},
    lang: {},
    timeout: {},
    reconnectTimeout: { attribute: 'reconnect-timeout' },
    status: { reflect: true },
    camera: {},
    microphone: {},
    speaker: {},
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
  signalToken: string | undefined;
  name: string | undefined;
  portrait: string | undefined;
  override lang = '';
  timeout: string | number | undefined;
  reconnectTimeout: string | number | undefined;
  status: CallClientStatus = 'idle';
  /** Makes the client instead of `backend` (tests, custom backends); see {@link ClientFactory}. */
  clientFactory: ClientFactory | undefined;
  /** Passed through to the backend: `rtcConfiguration` (TURN servers), `channelName`, `deviceId` … */
  backendOptions: Record<string, unknown> | undefined;
  /** Replaces some or all of the built-in phrases of every element inside. */
  strings: Partial<CallStrings> | undefined;

  /** The long-lived store the elements inside read (also usable headless). */
  // Device choices read and write the store's (remembered) ones; see the accessors below.
  readonly store = new CallStore();

  readonly #connection = new ClientConnection(
    this.store,
    (code, message, recoverable, cause) => this.#error(code, message, recoverable, cause),
    () => this.dispatchEvent(createCallEvent('tokenexpired', { userId: this.userId! })),
  );
  readonly #issues = new IssueTracker((code, message) => this.#error(code, message, true));
  #config: ClientConfig | undefined;
  /** Connect by itself when the inputs allow (off after `disconnect()` until re-inserted). */
  #auto = false;

  constructor() {
    super();
    new ContextProvider(this, { context: callStoreContext, initialValue: this.store });
    // Events of calls no session element shows are dispatched here.
    this.store.setHost({
      isActive: () => this.isConnected,
      ready: () => this.updateComplete,
      dispatch: (e) => this.dispatchEvent(createCallEvent(e.name, e.detail)),
    });
    this.store.subscribe(() => {
      this.status = this.store.status;
      // RongCloud: the user id comes from the token; the attribute shows who is connected.
      const connectedAs = this.#connection.userId;
      if (this.#config?.backend === 'rongcloud' && connectedAs) this.userId = connectedAs;
    });
  }

  /** The CallLib client, once connected. */
  get client(): RCCallClient | undefined {
    return this.store.client;
  }
  /** The sessions that have not ended. */
  get sessions(): RCCallSession[] {
    return this.store.calls
      .filter((c) => c.state.status.phase !== 'ended')
      .map((c) => c.state.session);
  }
  /** The current session (the newest that has not ended). */
  get session(): RCCallSession | undefined {
    const current = this.store.current?.state;
    return current?.status.phase === 'ended' ? undefined : current?.session;
  }

  /** The camera's device id; `undefined`: the browser's default. Setting it mid-call switches. */
  get camera(): string | undefined {
    return this.store.device('camera');
  }
  set camera(id: string | undefined) {
    this.#setDevice('camera', id);
  }
  /** The microphone's device id; setting it mid-call switches. */
  get microphone(): string | undefined {
    return this.store.device('microphone');
  }
  set microphone(id: string | undefined) {
    this.#setDevice('microphone', id);
  }
  /** The speaker's device id (`setSinkId`), where the browser can choose one. */
  get speaker(): string | undefined {
    return this.store.device('speaker');
  }
  set speaker(id: string | undefined) {
    this.#setDevice('speaker', id);
  }

  #setDevice(kind: 'camera' | 'microphone' | 'speaker', id: string | undefined): void {
    const old = this.store.device(kind);
    this.store.setDevice(kind, id ?? undefined);
    this.requestUpdate(kind, old);
  }

  /** The cameras, microphones and speakers; labels are empty until the page may use them. */
  async listDevices(): Promise<DeviceLists> {
    const { listDevices } = await import('./device-lists.js');
    return listDevices();
  }

  /** Shares a screen in the current call (video calls). Resolves whether it started. */
  startScreenShare(): Promise<boolean> {
    const call = this.store.current;
    if (!call || call.state.screenShare.on) return Promise.resolve(!!call);
    return call.toggleScreenShare();
  }

  /** Stops sharing the screen. */
  async stopScreenShare(): Promise<boolean> {
    const call = this.store.current;
    return !!call && call.state.screenShare.on && call.toggleScreenShare();
  }

  /** Shows the remote video in a picture-in-picture window, or closes it; resolves whether open. */
  async togglePictureInPicture(): Promise<boolean> {
    const { togglePictureInPicture } = await import('./picture-in-picture.js');
    return togglePictureInPicture(this);
  }

  readonly #onDeviceChange = () => {
    this.listDevices().then(
      (lists) => this.store.reportDevices(lists),
      () => undefined,
    );
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#definePreview();
    this.#auto = true;
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    void this.disconnect();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    this.#config = readClientConfig(this, this.#issues, !!this.clientFactory);
    if (changed.has('signalToken')) this.#connection.renewToken(this.#inputs());
    if (changed.has('lang') || changed.has('strings'))
      this.store.setLocale({ lang: parseLang(this.lang), strings: this.strings });
    if (changed.has('name') || changed.has('portrait'))
      this.store.setProfile({ name: this.#config.name, portraitUri: this.#config.portraitUri });
  }

  override updated(): void {
    // Connecting changes `status`: do it after this update, not inside it.
    if (this.#wantsConnect()) queueMicrotask(() => this.#wantsConnect() && void this.connect());
  }

  #inputs(): ConnectionInputs {
    const config = { ...this.#config!, backendOptions: this.backendOptions };
    const install = {
      timeout: config.timeoutMs,
      reconnectTimeout: config.reconnectTimeoutMs,
      lang: parseLang(this.lang) ?? 'zh',
    };
    return { config, factory: this.clientFactory, install };
  }

  #wantsConnect(): boolean {
    const c = this.#config;
    if (!this.#auto || !this.isConnected || !c || !isReady(c, !!this.clientFactory)) return false;
    return this.#connection.changed(this.#inputs());
  }

  /** Connects (again) with the current attributes. Resolves once connected; failures give `callerror`. */
  async connect(): Promise<void> {
    this.#auto = true;
    this.#config = readClientConfig(this, this.#issues, !!this.clientFactory);
    await this.#connection.connect(this.#inputs());
  }

  /** Hangs up, destroys the client and stops reconnecting by itself (until `connect()` or re-insertion). */
  async disconnect(): Promise<void> {
    if (this.isConnected) this.#auto = false;
    this.#connection.disconnect();
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

  #error(code: CallErrorCode, message: string, recoverable: boolean, cause?: unknown): void {
    this.dispatchEvent(
      createCallEvent('callerror', errorDetail(code, message, recoverable, cause)),
    );
  }

  /** `<rc-call-preview>` is defined when a client first finds one inside it. */
  #definePreview(): void {
    if (this.querySelector('rc-call-preview')) void import('./rc-call-preview.js');
  }

  override render() {
    return html`<slot @slotchange=${this.#definePreview}></slot>`;
  }
}

export { CallError };
