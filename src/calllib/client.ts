/**
 * The CallLib client: holds the sessions, places outgoing calls and sends signals for them.
 * Incoming signals are routed by `signal-router.ts`.
 */
import {
  ConversationType,
  LogLevel,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallMessageType,
  RCCallUserState,
} from './enums.js';
import { settingsOf, type SessionContext, type SessionInit } from './context.js';
import { Logger, callSafely } from './logger.js';
import { SignalRouter } from './signal-router.js';
import type { MediaPort, OutgoingSignal, SignalingPort } from './ports.js';
import { RCCallSession } from './session.js';
import { checkListener } from './session-listener.js';
import { commonFields, invitePush, inviteContent } from './signal-content.js';
import { isId } from './signals.js';
import type {
  ICallOptions,
  ICallResult,
  IGroupCallOptions,
  IInstallOptions,
  ISessionListener,
  IUserProfile,
} from './types.js';
import { SessionRegistry } from './session-registry.js';

const OK = RCCallErrorCode.SUCCESS;

/** IM send failures in CallLib terms (calllib-protocol.md §2). */
function sendCode(imCode: number): number {
  if (imCode === OK || imCode === 0) return OK;
  if (imCode === 405) return RCCallErrorCode.REJECTED_BY_BLACKLIST;
  if (imCode === 22406) return RCCallErrorCode.NOT_IN_GROUP;
  return RCCallErrorCode.SEND_MSG_ERROR;
}

function newCallId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The CallLib client (`caller`). Same API as RongCloud's `RCCallClient`; backends construct it
 * with their signalling and media ports.
 */
export class RCCallClient {
  readonly #sessions = new SessionRegistry();
  readonly #logger: Logger;
  readonly #ctx: SessionContext;
  readonly #router: SignalRouter;
  #profile: IUserProfile = {};
  #destroyed = false;
  #adopted: MediaStreamTrack[] = [];

  readonly #signaling: SignalingPort;

  constructor(signaling: SignalingPort, media: MediaPort, options: IInstallOptions) {
    this.#signaling = signaling;
    if (!options || typeof options.onSession !== 'function') {
      throw new TypeError('RCCallClient: options.onSession(session) is required');
    }
    if (typeof options.onSessionClose !== 'function') {
      throw new TypeError('RCCallClient: options.onSessionClose(session, summary) is required');
    }
    this.#logger = new Logger(options.logLevel ?? LogLevel.WARN, options.logStdout);
    const settings = settingsOf(options);
    const takeAdopted = () => this.#adopted.splice(0);
    this.#ctx = {
      ...settings,
      mediaOptions: { ...settings.mediaOptions, takeAdopted },
      logger: this.#logger,
      media,
      userId: () => signaling.getUserId(),
      serverTime: () => signaling.getServerTime(),
      common: () => commonFields(signaling.getUserId(), signaling.getDeviceId(), this.#profile),
      send: (signal) => this.#send(signal),
      hangupOthers: async (except) => {
        const others = this.getSessions().filter((s) => s !== except);
        await Promise.all(others.map((s) => s.hungup()));
      },
      closed: (session, summary) => {
        this.#sessions.finish(session.getCallId(), session);
        if (summary)
          callSafely(this.#logger, 'onSessionClose', options.onSessionClose, session, summary);
      },
    };
    this.#router = new SignalRouter({
      ctx: this.#ctx,
      logger: this.#logger,
      sessions: this.#sessions,
      onSession: (session) => callSafely(this.#logger, 'onSession', options.onSession, session),
      onOfflineRecord: (r) =>
        callSafely(this.#logger, 'onOfflineRecord', options.onOfflineRecord, r),
    });
    signaling.setReceiver((raw) => {
      if (!this.#destroyed) this.#router.receive(raw);
    });
  }

  /**
   * (Ours.) Open tracks, such as a preview's, for the next `call()` or `accept()` to use instead of
   * opening devices: no second prompt. The engine owns them from now on and stops those the call
   * does not use; the ones it uses stop with the call.
   */
  useLocalTracks(tracks: MediaStreamTrack[]): void {
    this.#adopted = [...tracks];
  }

  /**
   * (Ours.) Whether this page can make and take calls (its backend finds WebRTC). Where it cannot,
   * check before `call()`: the callee would ring for nothing. Incoming calls are declined with
   * ENGINE_UNSUPPORTED.
   */
  isSupported(): boolean {
    return this.#ctx.media.isSupported?.() !== false;
  }

  /** Own user info, sent as `content.user` with every call message. */
  registerUserInfo(info: IUserProfile = {}): void {
    const clean: IUserProfile = {};
    for (const key of ['name', 'portraitUri', 'extra'] as const) {
      if (typeof info[key] === 'string') clean[key] = info[key];
    }
    this.#profile = clean;
  }

  /** 1:1 call. Resolves `{code: 10000, session}` or `{code}` on failure. */
  call(options: ICallOptions): Promise<ICallResult> {
    if (!options || !isId(options.targetId)) {
      throw new TypeError('call({targetId, mediaType, listener}): targetId must be a user id');
    }
    if (options.targetId === this.#signaling.getUserId()) {
      throw new TypeError('call(): targetId cannot be your own user id');
    }
    return this.#start(ConversationType.PRIVATE, options.targetId, [options.targetId], options);
  }

  /** Group call: invites `userIds` of group `targetId`. */
  callInGroup(options: IGroupCallOptions): Promise<ICallResult> {
    if (!options || !isId(options.targetId)) {
      throw new TypeError('callInGroup({targetId, userIds, ...}): targetId must be a group id');
    }
    if (!Array.isArray(options.userIds) || !options.userIds.every(isId)) {
      throw new TypeError('callInGroup(): userIds must be an array of user ids');
    }
    const self = this.#signaling.getUserId();
    const userIds = [...new Set(options.userIds)].filter((id) => id !== self);
    if (userIds.length === 0) throw new TypeError('callInGroup(): userIds names nobody but you');
    return this.#start(ConversationType.GROUP, options.targetId, userIds, options);
  }

  /** RongCloud only: user info of a member already in the room. */
  async getJoinedUserInfo(userId: string): Promise<{ code: number; data?: unknown }> {
    if (!this.#ctx.media.getJoinedUserInfo)
      return { code: RCCallErrorCode.QUERY_JOINED_USER_INFO_ERROR };
    return this.#ctx.media.getJoinedUserInfo(userId);
  }

  /** The sessions that have not ended (ours). */
  getSessions(): RCCallSession[] {
    return this.#sessions.live();
  }

  /** Hangs up every session and stops listening (ours). */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#signaling.setReceiver(() => undefined);
    this.#router.dispose();
    await Promise.all(this.getSessions().map((s) => s.hungup()));
  }

  // ---- outgoing ------------------------------------------------------------------------------

  #start(
    conversationType: ConversationType,
    targetId: string,
    invitees: string[],
    options: ICallOptions | IGroupCallOptions,
  ): Promise<ICallResult> {
    const mediaType = options.mediaType ?? RCCallMediaType.AUDIO;
    if (mediaType !== RCCallMediaType.AUDIO && mediaType !== RCCallMediaType.AUDIO_VIDEO) {
      throw new TypeError('mediaType must be RCCallMediaType.AUDIO (1) or AUDIO_VIDEO (2)');
    }
    const listener = checkListener(options.listener);
    const placing = this.#place(conversationType, targetId, invitees, options, mediaType, listener);
    // Signals that came while the call was set up (the callee rings while our devices open) reach
    // the listener once the app has seen `call()` resolve: this reaction runs first among the
    // promise's, and queues the delivery behind the app's own reaction to it.
    void placing.then(({ session }) => session && queueMicrotask(() => session.open()));
    return placing;
  }

  async #place(
    conversationType: ConversationType,
    targetId: string,
    invitees: string[],
    options: ICallOptions | IGroupCallOptions,
    mediaType: RCCallMediaType,
    listener: ISessionListener,
  ): Promise<ICallResult> {
    if (this.#destroyed || this.getSessions().length > 0) {
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    }
    const self = this.#signaling.getUserId();
    const init: SessionInit = {
      callId: newCallId(),
      conversationType,
      targetId,
      channelId: typeof options.channelId === 'string' ? options.channelId : '',
      mediaType,
      callerId: self,
      inviterId: self,
      incoming: false,
      extra: typeof options.extra === 'string' ? options.extra : undefined,
    };
    const session = new RCCallSession(this.#ctx, init);
    session.registerSessionListener(listener);
    for (const id of invitees) session.addMember(id, RCCallUserState.WAITING);
    session.hold();
    this.#sessions.add(session);

    // The Invite goes out while the devices open: the callee starts ringing sooner.
    const tracks = session.prepareMedia(mediaType, options.constraints);
    const sent = this.#send({
      messageType: RCCallMessageType.Invite,
      conversationType,
      targetId,
      channelId: init.channelId,
      recipients: invitees,
      content: inviteContent(init.callId, mediaType, invitees, init.extra, this.#ctx.common()),
      push: invitePush(this.#ctx.lang, init.callId, mediaType, invitees),
    });
    const [t, s] = await Promise.all([tracks, sent]);
    if (s.code !== OK) {
      await session.abort(RCCallEndReason.NETWORK_ERROR, { notify: false });
      return { code: s.code };
    }
    if (t.code !== OK) {
      // The callee rings already: tell them why it stops (they read 18).
      await session.abort(RCCallEndReason.GET_MEDIA_RESOURCES_ERROR, { notify: true });
      return { code: t.code, cause: t.cause };
    }
    if (session.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    session.announceLocal(t.tracks);
    session.startTimers(s.sentTime);
    return { code: OK, session };
  }

  async #send(signal: OutgoingSignal): Promise<{ code: number; sentTime: number }> {
    try {
      const r = await this.#signaling.send(signal);
      return { code: sendCode(r.code), sentTime: r.sentTime ?? this.#signaling.getServerTime() };
    } catch (err) {
      this.#logger.warn(`sending ${signal.messageType} failed`, err);
      return { code: RCCallErrorCode.SEND_MSG_ERROR, sentTime: this.#signaling.getServerTime() };
    }
  }
}
