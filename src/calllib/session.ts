/**
 * One call as the app sees it: RongCloud CallLib's session API and its contract. The work is done
 * elsewhere: the app's requests in `session-actions.ts`, incoming signals in `session-signals.ts`,
 * room events in `room-events.ts`, all on the call's state and rules in `session-core.ts`.
 */
import {
  ConversationType,
  RCCallEndReason,
  RCCallMediaType,
  RCCallMessageType,
  RCCallSessionState,
  RCCallUserState,
} from './enums.js';
import type { SessionContext, SessionInit } from './context.js';
import type { SessionMedia } from './media.js';
import type { Members } from './members.js';
import * as actions from './session-actions.js';
import { CallCore } from './session-core.js';
import { checkListener } from './session-listener.js';
import { handleSignal } from './session-signals.js';
import type { CallSignal } from './signals.js';
import type {
  IMediaConstraints,
  IAudioConstraints,
  IVideoConstraints,
  IResult,
  ISenderInfo,
  ISessionListener,
  RCLocalTrack,
} from './types.js';

// Still importable from `./session.js`, where they used to live (index.ts reads LEAVE_GRACE_MS).
export { LEAVE_GRACE_MS } from './room-events.js';
export { checkListener } from './session-listener.js';

/** A remote user of a session, as `getRemoteUsers()` lists them. */
export interface IRemoteUser extends ISenderInfo {
  state: RCCallUserState;
}

/**
 * One call. Created by `caller.call()` / `callInGroup()` (outgoing) or handed to `onSession`
 * (incoming). Same methods and callbacks as RongCloud's CallLib session.
 */
export class RCCallSession {
  readonly #core: CallCore;
  readonly #members: Members;
  /** TS-private, not `#`: a test reaches `media.room` to leave the room behind the engine's back. */
  private readonly media: SessionMedia;
  /** Signals that arrive while `call()` is still setting up wait here (see `open()`). */
  #queue: CallSignal[] | null = null;

  readonly #init: SessionInit;

  /** @internal Sessions are created by the client. */
  constructor(ctx: SessionContext, init: SessionInit) {
    this.#init = init;
    this.#core = new CallCore(ctx, init, this);
    this.#members = this.#core.members;
    this.media = this.#core.media;
  }

  registerSessionListener(listener: ISessionListener): void {
    this.#core.setListener(checkListener(listener));
  }

  // ---- getters -------------------------------------------------------------------------------

  getSessionId(): string {
    return this.#init.callId;
  }
  /** Alias of `getSessionId()`: the callId, also the room id. */
  getCallId(): string {
    return this.#init.callId;
  }
  getRTCSessionId(): string {
    return this.media.sessionId;
  }
  getTargetId(): string {
    return this.#init.targetId;
  }
  getConversationType(): ConversationType {
    return this.#init.conversationType;
  }
  getChannelId(): string {
    return this.#init.channelId;
  }
  getMediaType(): RCCallMediaType {
    return this.#core.mediaType;
  }
  getCallerId(): string {
    return this.#init.callerId;
  }
  /** Who invited us (the caller, or whoever added us to a group call). */
  getInviterId(): string {
    return this.#init.inviterId;
  }
  getState(): RCCallSessionState {
    return this.#core.state;
  }
  getUserState(userId: string): RCCallUserState {
    return this.#core.userState(userId);
  }
  /** The other users still in the call, with their state and user info. */
  getRemoteUsers(): IRemoteUser[] {
    return this.#members
      .active()
      .map((id) => ({ ...this.#members.info(id), state: this.#members.state(id) }));
  }
  /** User info of a member as their messages described them (ours). */
  getUserInfo(userId: string): ISenderInfo {
    return this.#members.info(userId);
  }
  /** The local tracks currently open (ours). */
  getLocalTracks(): RCLocalTrack[] {
    return [...this.media.tracks];
  }
  /** Whether we were called rather than calling (ours). */
  isIncoming(): boolean {
    return this.#init.incoming;
  }

  // ---- methods -------------------------------------------------------------------------------

  /**
   * Answers an incoming call. Hangs up every other session first. `mediaType` AUDIO answers a video
   * call with audio only (ours: Accept, then ModifyMedia to audio).
   */
  accept(constraints?: IMediaConstraints, mediaType?: RCCallMediaType): Promise<IResult> {
    return actions.accept(this.#core, constraints, mediaType);
  }

  /** Ends the call for us: CANCEL (calling), REJECT (ringing) or HANGUP (in the call). */
  hungup(): Promise<{ code: number }> {
    return actions.hungup(this.#core);
  }

  /** Invites more users into a group call (ModifyMem). */
  invite(userIds: string[]): Promise<{ code: number }> {
    return actions.invite(this.#core, userIds);
  }

  /** Video → audio for everyone: sends ModifyMedia(AUDIO) and stops video. */
  descendAbility(): Promise<{ code: number }> {
    return actions.descendAbility(this.#core);
  }

  /** Camera off; with `isOffCameraWhenVideoDisable` (default) the camera is also released. */
  disableVideoTrack(): Promise<{ code: number }> {
    return actions.disableVideoTrack(this.#core);
  }

  /** Camera on: unmutes, or opens and publishes a new camera track (`onTrackReady` again). */
  enableVideoTrack(): Promise<IResult> {
    return actions.enableVideoTrack(this.#core);
  }

  disableAudioTrack(): Promise<{ code: number }> {
    return actions.setAudioMuted(this.#core, true);
  }

  enableAudioTrack(): Promise<{ code: number }> {
    return actions.setAudioMuted(this.#core, false);
  }

  /** Replaces the microphone with one opened from `audio` constraints. */
  changeAudioDevice(audio: IAudioConstraints): Promise<IResult> {
    return actions.changeDevice(this.#core, 'audio', audio);
  }

  /**
   * (Ours.) Replaces the camera with one opened from `video` constraints; the others keep
   * receiving (the local backend renegotiates nothing). A camera that is off stays off.
   */
  changeVideoDevice(video: IVideoConstraints): Promise<IResult> {
    return actions.changeDevice(this.#core, 'video', video);
  }

  /** (Ours.) Shares a screen, window or tab (`getDisplayMedia`) in a video call. */
  startScreenShare(): Promise<IResult> {
    return actions.startScreenShare(this.#core);
  }

  /** (Ours.) Stops sharing; the browser's own "stop sharing" does the same. */
  stopScreenShare(): Promise<{ code: number }> {
    return actions.stopScreenShare(this.#core);
  }

  /** (Ours.) Whether we share a screen now. */
  isScreenSharing(): boolean {
    return !!this.#core.screenTrack();
  }

  // ---- internals used by the client ----------------------------------------------------------

  /** @internal */
  isEnded(): boolean {
    return this.#core.isEnded();
  }

  /** @internal Members known when the session starts. */
  addMember(userId: string, state: RCCallUserState, info?: ISenderInfo, sentTime?: number): void {
    this.#core.addMember(userId, state, info, sentTime);
  }

  /** @internal Outgoing: the local tracks are ready (before `call()` resolves). */
  announceLocal(tracks: RCLocalTrack[]): void {
    for (const t of tracks) this.#core.emit('onTrackReady', t);
  }

  /** @internal Outgoing: opens the local devices for the call. */
  prepareMedia(mediaType: RCCallMediaType, constraints?: IMediaConstraints) {
    this.#core.setConstraints(constraints);
    return this.media.acquire(true, mediaType === RCCallMediaType.AUDIO_VIDEO, constraints);
  }

  /**
   * @internal Outgoing call that failed to start (`call()` says so, not `onSessionClose`): release
   * everything; `notify` tells the invitees, who ring already, why it stops.
   */
  abort(reason: RCCallEndReason, opts: { notify: boolean }): Promise<void> {
    this.#queue = null;
    return this.#core.end(reason, { notify: opts.notify, report: false });
  }

  /** @internal Outgoing: hold incoming signals until `call()` has resolved. */
  hold(): void {
    this.#queue = [];
  }

  /** @internal Outgoing: the Invite went out at `sentTime`; each invitee may ring until the timeout. */
  startTimers(sentTime: number): void {
    for (const id of this.#members.active()) this.#core.startTimer(id, sentTime);
  }

  /** @internal Outgoing: `call()` has resolved; deliver what waited. */
  open(): void {
    const queued = this.#queue ?? [];
    this.#queue = null;
    for (const s of queued) this.handle(s);
  }

  /** @internal Incoming: ring back to everyone, start our own no-answer timer. */
  ring(sentTime: number): void {
    const core = this.#core;
    core.ringUntil(core.delayFor(sentTime), () => {
      void core.end(RCCallEndReason.NO_RESPONSE, { notify: true });
    });
    void core.sendToOthers(RCCallMessageType.Ringing);
  }

  /** @internal A validated signal for this call. */
  handle(s: CallSignal): void {
    if (this.isEnded()) return;
    if (this.#queue) {
      this.#queue.push(s);
      return;
    }
    handleSignal(this.#core, s);
  }

  /**
   * @internal Ends the session: Hangup to the others (`notify`), stop local media, leave the room,
   * then `onSessionClose`. Idempotent.
   */
  end(
    reason: RCCallEndReason,
    opts: { notify: boolean; sendReason?: number; to?: string[] },
  ): Promise<void> {
    return this.#core.end(reason, opts);
  }
}
