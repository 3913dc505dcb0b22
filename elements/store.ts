import { ConversationType, RCCallErrorCode, type RCCallMediaType } from '../src/calllib/enums.js';
import type { IEndSummary, IInstallOptions, IUserProfile } from '../src/calllib/types.js';
import type { RCCallClient } from '../src/calllib/client.js';
import type { RCCallSession } from '../src/calllib/session.js';
import { createCallState, type CallState, type ListenerContext } from './call-state.js';
import {
  CallError,
  errorCodeFor,
  toMediaType,
  type CallExtras,
  type MediaTypeInput,
} from './call-errors.js';
import type { CallClientStatus, CallEventDetails, CallEventName } from './events.js';
import { SessionActions } from './actions.js';
import type { CallLang, CallStrings } from './strings.js';
import { sessionListener } from './listener.js';

/**
 * Makes the `RCCallClient` of a `<rc-call-client>` instead of its `backend`: pass the install options
 * on (they carry the store's `onSession`/`onSessionClose`). Useful for tests and custom backends:
 * `el.clientFactory = (options) => net.createClient('alice', options)`.
 */
export type ClientFactory = (options: IInstallOptions) => RCCallClient | Promise<RCCallClient>;

/** A call event before it reaches the DOM: which call and member it concerns decides its target. */
export interface StoreEvent<K extends CallEventName = CallEventName> {
  name: K;
  detail: CallEventDetails[K];
  callId?: string;
  userId?: string;
}

const KEEP_ENDED = 5;

/**
 * The framework-free core of the elements: turns CallLib callbacks into observable per-call state
 * ({@link CallState}) and into call events, and carries out user intent (accept, mute …) through the
 * engine, committing each change only when the engine confirms it. Knows nothing of the DOM.
 */
export class CallStore {
  client: RCCallClient | undefined;
  status: CallClientStatus = 'idle';
  /** Own user id, when known (the element's `user-id`, or learnt from a local track). */
  userId: string | undefined;
  /** Own user info, registered with each new client. */
  profile: IUserProfile = {};
  /** Language and phrase overrides of the client element, for the elements inside it. */
  lang: CallLang | undefined;
  strings: Partial<CallStrings> | undefined;
  /** A remote audio or ring could not start without a user gesture. */
  audioBlocked = false;
  readonly actions = new SessionActions(this);
  readonly #states = new Map<string, CallState>();
  readonly #subscribers = new Set<() => void>();
  readonly #eventListeners = new Set<(event: StoreEvent) => void>();
  readonly #audioRetries = new Set<() => Promise<unknown> | void>();

  /** Install options for a new client: `extra` plus the store's session callbacks. */
  installOptions(extra: Partial<IInstallOptions> = {}): IInstallOptions {
    return {
      ...extra,
      onSession: (session) => this.#onSession(session),
      onSessionClose: (session, summary) => this.closeSession(session, summary),
    };
  }

  attach(client: RCCallClient): void {
    this.client = client;
    if (this.profile.name || this.profile.portraitUri) client.registerUserInfo(this.profile);
    this.notify();
  }

  /** Forgets the client (hanging up its calls) and destroys it. */
  detach(): void {
    const client = this.client;
    this.client = undefined;
    for (const state of this.#states.values()) {
      if (state.phase !== 'ended') state.session.hungup();
    }
    client?.destroy();
    this.notify();
  }

  setProfile(profile: IUserProfile): void {
    this.profile = profile;
    this.client?.registerUserInfo(profile);
  }

  setStatus(status: CallClientStatus, code?: number | string): void {
    if (status === this.status) return;
    this.status = status;
    this.emit({ name: 'statuschange', detail: code === undefined ? { status } : { status, code } });
    this.notify();
  }

  /** Every call the store knows, oldest first: live ones and the last few ended ones. */
  get calls(): CallState[] {
    return [...this.#states.values()];
  }

  get(callId: string | undefined): CallState | undefined {
    return callId === undefined ? undefined : this.#states.get(callId);
  }

  /** The call to show: the newest live one, else the one that ended last. */
  get current(): CallState | undefined {
    const calls = this.calls;
    const live = calls.filter((c) => c.phase !== 'ended');
    if (live.length) return live[live.length - 1];
    return calls.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0)).pop();
  }

  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  onEvent(fn: (event: StoreEvent) => void): () => void {
    this.#eventListeners.add(fn);
    return () => this.#eventListeners.delete(fn);
  }

  notify(state?: CallState): void {
    if (state) state.version++;
    for (const fn of [...this.#subscribers]) fn();
  }

  emit<K extends CallEventName>(event: StoreEvent<K>): void {
    for (const fn of [...this.#eventListeners]) fn(event as StoreEvent);
  }

  error(code: string, message: string, recoverable = true, cause?: unknown, callId?: string): void {
    const detail =
      cause === undefined ? { code, message, recoverable } : { code, message, recoverable, cause };
    this.emit({ name: 'callerror', detail, callId });
  }

  async call(
    targetId: string,
    mediaType: MediaTypeInput = 'video',
    options: CallExtras = {},
  ): Promise<RCCallSession> {
    return this.#start(
      { incoming: false, group: false, targetId, userIds: [targetId] },
      mediaType,
      options,
    );
  }

  async callInGroup(
    groupId: string,
    userIds: string[],
    mediaType: MediaTypeInput = 'video',
    options: CallExtras = {},
  ): Promise<RCCallSession> {
    return this.#start(
      { incoming: false, group: true, targetId: groupId, userIds },
      mediaType,
      options,
    );
  }

  async #start(
    ctx: ListenerContext,
    media: MediaTypeInput,
    options: CallExtras,
  ): Promise<RCCallSession> {
    const mediaType = toMediaType(media);
    const client = this.client;
    if (!client) {
      const err = new CallError(
        'Not connected: wait for status "connected" before calling',
        'call/not-connected',
      );
      this.error(String(err.code), err.message);
      throw err;
    }
    const listener = sessionListener(this, ctx, mediaType);
    const result = ctx.group
      ? await client.callInGroup({
          ...options,
          targetId: ctx.targetId,
          userIds: ctx.userIds,
          mediaType,
          listener,
        })
      : await client.call({ ...options, targetId: ctx.targetId, mediaType, listener });
    if (result.code !== RCCallErrorCode.SUCCESS || !result.session) {
      const err = new CallError(
        `Call to ${ctx.targetId} failed with code ${result.code}`,
        result.code,
      );
      this.error(errorCodeFor(result.code, result.cause), err.message, true, result.code);
      throw err;
    }
    const state = this.ensure(result.session, ctx, mediaType);
    this.emit({
      name: 'session',
      detail: { session: result.session, incoming: false },
      callId: state.callId,
    });
    return result.session;
  }

  #onSession(session: RCCallSession): void {
    const inviter = session.getInviterId();
    const ctx: ListenerContext = {
      incoming: true,
      group: session.getConversationType() === ConversationType.GROUP,
      targetId: session.getTargetId(),
      userIds: [inviter],
    };
    session.registerSessionListener(sessionListener(this, ctx, session.getMediaType()));
    const state = this.ensure(session, ctx, session.getMediaType());
    this.emit({ name: 'session', detail: { session, incoming: true }, callId: state.callId });
  }

  /** The state of `session`, created on first sight (callbacks may precede `call()` resolving). */
  ensure(session: RCCallSession, ctx: ListenerContext, mediaType: RCCallMediaType): CallState {
    const callId = session.getCallId();
    let state = this.#states.get(callId);
    if (state) return state;
    state = createCallState(session, ctx, mediaType, this.userId ?? '', this.profile);
    this.#states.set(callId, state);
    this.notify(state);
    return state;
  }

  closeSession(session: RCCallSession, summary: IEndSummary): void {
    const state = this.#states.get(session.getCallId());
    if (state) {
      state.phase = 'ended';
      state.endReason = summary.endReason;
      state.summary = summary;
      state.endedAt = Date.now();
      for (const m of state.members.values()) {
        m.audio = undefined;
        m.video = undefined;
      }
      this.#prune();
      this.notify(state);
    }
    this.emit({ name: 'sessionclose', detail: { session, summary }, callId: session.getCallId() });
  }

  #prune(): void {
    const ended = this.calls.filter((c) => c.phase === 'ended');
    for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED)))
      this.#states.delete(old.callId);
  }

  /** A media element could not start playing without a user gesture; `retry` runs on the next one. */
  reportAutoplayBlocked(
    retry: () => Promise<unknown> | void,
    callId?: string,
    userId?: string,
  ): void {
    this.#audioRetries.add(retry);
    if (this.audioBlocked) return;
    this.audioBlocked = true;
    this.emit({
      name: 'callerror',
      detail: {
        code: 'autoplay/blocked',
        message: 'The browser blocked sound until the page is tapped',
        recoverable: true,
      },
      callId,
      userId,
    });
    this.notify();
  }

  /** Call from a user gesture (the "tap to enable sound" button). */
  async unblockAudio(): Promise<void> {
    const retries = [...this.#audioRetries];
    this.#audioRetries.clear();
    this.audioBlocked = false;
    this.notify();
    await Promise.allSettled(retries.map((r) => r()));
  }
}

export { CallError, toMediaType, type CallExtras, type MediaTypeInput };
