import { ConversationType, RCCallErrorCode } from '../src/calllib/enums.js';
import type { RCCallClient } from '../src/calllib/client.js';
import type { RCCallSession } from '../src/calllib/session.js';
import type { IInstallOptions, IUserProfile } from '../src/calllib/types.js';
import { CallModel, type CallStart } from './call-model.js';
import { CallError, errorCodeFor, type CallErrorCode } from './error-codes.js';
import { AutoplayGate } from './autoplay.js';
import { EventRouter } from './event-router.js';
import { forwardListener } from './forward-listener.js';
import { errorDetail, type CallClientStatus, type CallView, type StoreEvent } from './events.js';
import { toMediaType, type CallExtras, type Locale, type MediaTypeInput } from './call-options.js';
import { DeviceChoice, type DeviceKind, type DeviceLists } from './device-choice.js';

const KEEP_ENDED = 5;

/**
 * The client side of the elements, without the DOM: one CallLib client, its connection status and
 * one {@link CallModel} per call, which the elements read; call events are routed to the element that
 * shows them. Every member is read-only from outside: the store changes only through its methods.
 * `<rc-call-client>` owns one; a page can use one headless.
 */
export class CallStore {
  #client: RCCallClient | undefined;
  #status: CallClientStatus = 'idle';
  #userId: string | undefined;
  #profile: IUserProfile = {};
  #locale: Locale = {};
  readonly #calls = new Map<string, CallModel>();
  readonly #router = new EventRouter();
  readonly #subscribers = new Set<() => void>();
  readonly #eventListeners = new Set<(event: StoreEvent) => void>();
  /** Sound waiting for a user gesture: the sessions show "tap to enable sound" meanwhile. */
  readonly autoplay = new AutoplayGate(() => this.#notify());
  readonly #devices = new DeviceChoice();

  get client(): RCCallClient | undefined {
    return this.#client;
  }
  get status(): CallClientStatus {
    return this.#status;
  }
  /** Own user id, when known (the element's `user-id`, the backend's, or a local track's). */
  get userId(): string | undefined {
    return this.#userId;
  }
  get locale(): Locale {
    return this.#locale;
  }

  /** Every call the store knows, oldest first: live ones and the last few ended ones. */
  get calls(): CallModel[] {
    return [...this.#calls.values()];
  }

  get(callId: string | undefined): CallModel | undefined {
    return callId === undefined ? undefined : this.#calls.get(callId);
  }

  /** The call to show: the newest live one, else the one that ended last. */
  get current(): CallModel | undefined {
    const calls = this.calls;
    const live = calls.filter((c) => c.state.status.phase !== 'ended');
    if (live.length) return live[live.length - 1];
    const endedAt = (c: CallModel) =>
      c.state.status.phase === 'ended' ? c.state.status.endedAt : 0;
    return calls.sort((a, b) => endedAt(a) - endedAt(b)).pop();
  }

  /** Calls `fn` when the client, its status, the calls or the locale change; returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** Every call event, before it reaches the DOM; returns the unsubscribe. */
  onEvent(fn: (event: StoreEvent) => void): () => void {
    this.#eventListeners.add(fn);
    return () => this.#eventListeners.delete(fn);
  }

  /** Makes `view` the receiver of events no session or tile shows (the client element). */
  setHost(view: CallView): () => void {
    return this.#router.setHost(view);
  }

  /** Resolves when every event so far has been dispatched. */
  get settled(): Promise<void> {
    return this.#router.settled;
  }

  /** Install options for a new client: `extra` plus the store's session callbacks. */
  installOptions(extra: Partial<IInstallOptions> = {}): IInstallOptions {
    return {
      ...extra,
      onSession: (session) => this.#incoming(session),
      onSessionClose: (session, summary) => {
        this.#calls.get(session.getCallId())?.closed(summary);
        this.#prune();
        this.#notify();
      },
    };
  }

  /** Takes `client` as the store's client; `userId` is who it is connected as, when known. */
  attach(client: RCCallClient, userId?: string): void {
    this.#client = client;
    if (userId) this.#userId = userId;
    if (this.#profile.name || this.#profile.portraitUri) client.registerUserInfo(this.#profile);
    this.#notify();
  }

  /** Forgets the client (hanging up its calls) and destroys it. */
  detach(): void {
    const client = this.#client;
    this.#client = undefined;
    for (const call of this.#calls.values()) void call.hangup();
    void client?.destroy();
    this.#notify();
  }

  setProfile(profile: IUserProfile): void {
    this.#profile = profile;
    this.#client?.registerUserInfo(profile);
  }

  /** The chosen camera, microphone or speaker (remembered for this origin), if any. */
  device(kind: DeviceKind): string | undefined {
    return this.#devices.get(kind);
  }

  /**
   * Chooses a camera, microphone or speaker ('' or undefined: the browser's default). Calls in
   * progress switch to it at once; the next ones open it.
   */
  setDevice(kind: DeviceKind, deviceId: string | undefined): void {
    if (!this.#devices.set(kind, deviceId)) return;
    if (kind !== 'speaker') {
      for (const call of this.#calls.values()) void call.useDevice(kind, deviceId ?? '');
    }
    this.#notify();
  }

  /**
   * A preview's open tracks for the next call or answer, which takes them instead of opening the
   * devices again (`<rc-call-preview>`); `taken` is told when one does. `undefined` withdraws them.
   */
  offerPreview(preview: { tracks: MediaStreamTrack[]; taken(): void } | undefined): void {
    this.#devices.offer(preview);
  }

  /** Tells every element that the devices changed (`devicechange` on the client). */
  reportDevices(detail: DeviceLists): void {
    this.#emit({ name: 'devicechange', detail });
  }

  setLocale(locale: Locale): void {
    this.#locale = locale;
    this.#notify();
  }

  setStatus(status: CallClientStatus, code?: string): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#emit({
      name: 'statuschange',
      detail: code === undefined ? { status } : { status, code },
    });
    this.#notify();
  }

  /** Calls a user; rejects with a {@link CallError} (and dispatches `callerror`) on failure. */
  call(targetId: string, mediaType: MediaTypeInput = 'video', options: CallExtras = {}) {
    return this.#place({ group: false, targetId, userIds: [targetId] }, mediaType, options);
  }

  /** Calls members of a group; rejects like {@link call}. */
  callInGroup(
    groupId: string,
    userIds: string[],
    mediaType: MediaTypeInput = 'video',
    options: CallExtras = {},
  ) {
    return this.#place({ group: true, targetId: groupId, userIds }, mediaType, options);
  }

  /**
   * A media element could not start playing without a user gesture; `retry` runs on the next one.
   * The `callerror` goes to the element of `where` (the tile or session that tried to play).
   */
  reportAutoplayBlocked(
    retry: () => Promise<unknown> | void,
    where: { callId?: string; userId?: string } = {},
  ): void {
    if (!this.autoplay.report(retry)) return;
    const message = 'The browser blocked sound until the page is tapped';
    this.#emit({ name: 'callerror', detail: errorDetail('autoplay/blocked', message), ...where });
  }

  // ---- inside --------------------------------------------------------------------------------

  async #place(
    call: Pick<CallStart, 'group' | 'targetId' | 'userIds'>,
    media: MediaTypeInput,
    options: CallExtras,
  ): Promise<RCCallSession> {
    const mediaType = toMediaType(media);
    const client = this.#client;
    const refuse = (code: CallErrorCode, message: string) => {
      this.#emit({ name: 'callerror', detail: errorDetail(code, message) });
      return new CallError(message, code);
    };
    if (!client)
      throw refuse(
        'call/not-connected',
        'Not connected: wait for status "connected" before calling',
      );
    // Nothing is sent from a page that could not connect the call: the callee would ring for nothing.
    if (client.isSupported?.() === false)
      throw refuse('rtc/unsupported', 'This browser cannot make calls: it has no WebRTC');
    const start: CallStart = { ...call, incoming: false, ...this.#self() };
    const listener = forwardListener((session) => this.#model(session, start).listener);
    const { targetId, userIds } = call;
    const constraints = options.constraints ?? (await this.#devices.prepare(client));
    const request = { ...options, constraints, targetId, mediaType, listener };
    const result = call.group
      ? await client.callInGroup({ ...request, userIds })
      : await client.call(request);
    if (result.code !== RCCallErrorCode.SUCCESS || !result.session) {
      const message = `Call to ${targetId} failed with code ${result.code}`;
      const code = errorCodeFor(result.code, result.cause);
      this.#emit({ name: 'callerror', detail: errorDetail(code, message, true, result.code) });
      throw new CallError(message, result.code);
    }
    const model = this.#model(result.session, start);
    this.#emit({
      name: 'session',
      detail: { session: result.session, incoming: false },
      callId: model.callId,
    });
    return result.session;
  }

  #incoming(session: RCCallSession): void {
    const start: CallStart = {
      incoming: true,
      group: session.getConversationType() === ConversationType.GROUP,
      targetId: session.getTargetId(),
      userIds: [session.getInviterId()],
      ...this.#self(),
    };
    const model = this.#model(session, start);
    session.registerSessionListener(model.listener);
    this.#emit({ name: 'session', detail: { session, incoming: true }, callId: model.callId });
  }

  #self(): Pick<CallStart, 'selfId' | 'profile'> {
    return { selfId: this.#userId ?? '', profile: this.#profile };
  }

  /** The model of `session`, made on first sight. */
  #model(session: RCCallSession, start: CallStart): CallModel {
    const callId = session.getCallId();
    let model = this.#calls.get(callId);
    if (model) return model;
    model = new CallModel(session, start, {
      emit: (event) => this.#emit(event),
      learnSelfId: (id) => (this.#userId ??= id),
      constraints: () => this.#devices.prepare(this.#client),
    });
    this.#calls.set(callId, model);
    this.#notify();
    return model;
  }

  #prune(): void {
    const ended = this.calls.filter((c) => c.state.status.phase === 'ended');
    for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED)))
      this.#calls.delete(old.callId);
  }

  #emit(event: StoreEvent): void {
    for (const fn of [...this.#eventListeners]) fn(event);
    this.#router.route(event, this.get(event.callId));
  }

  #notify(): void {
    for (const fn of [...this.#subscribers]) fn();
  }
}
