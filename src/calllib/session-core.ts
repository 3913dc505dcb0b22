/**
 * The state of one call and the rules that change it, shared by the app's requests
 * (`session-actions.ts`), incoming signals (`session-signals.ts`) and room events
 * (`room-events.ts`): who is in the call and how long they may ring, when the call ends and how.
 * Its state is private: those files change it only through the methods below.
 */
import {
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallMessageType,
  RCCallSessionState,
  RCCallUserState,
} from './enums.js';
import type { SessionContext, SessionInit } from './context.js';
import { callSafely } from './logger.js';
import { isScreen, SessionMedia } from './media.js';
import { Members } from './members.js';
import { roomEvents } from './room-events.js';
import { ConnectionWatch } from './session-connection.js';
import { joinAndPublish } from './session-join.js';
import type { RCCallSession } from './session.js';
import { callContent, hangupPush } from './signal-content.js';
import { endSummary } from './summary.js';
import type {
  IMediaConstraints,
  ISenderInfo,
  ISessionListener,
  RCLocalTrack,
  RCTrack,
} from './types.js';

const OK = RCCallErrorCode.SUCCESS;

export class CallCore {
  readonly members = new Members();
  readonly media: SessionMedia;
  /** Links that went down, and how long they may stay so. */
  readonly connection: ConnectionWatch;
  #state = RCCallSessionState.WAITING;
  #listener?: ISessionListener;
  /** Our own no-answer timer while an incoming call rings. */
  #ownTimer?: ReturnType<typeof setTimeout>;
  #accepting = false;
  #constraints?: IMediaConstraints;
  #mediaType: RCCallMediaType;
  readonly #createdAt: number;
  #connectedAt = 0;
  #ended?: Promise<void>;

  constructor(
    readonly ctx: SessionContext,
    readonly init: SessionInit,
    /** Handed to the listener callbacks and to the client when the call closes. */
    readonly session: RCCallSession,
  ) {
    this.#mediaType = init.mediaType;
    this.#createdAt = ctx.serverTime();
    this.connection = new ConnectionWatch({
      reconnectTimeout: this.ctx.reconnectTimeout,
      selfId: () => this.ctx.userId(),
      isEnded: () => this.isEnded(),
      isMember: (userId) => this.members.has(userId),
      emit: (user) => this.emit('onConnectionStateChange', user),
      emitQuality: (report) => this.emit('onNetworkQuality', report),
      endCall: (reason) => void this.end(reason, { notify: true }),
      dropMember: (userId, reason, sendReason) => this.removeUser(userId, reason, sendReason),
    });
    this.media = new SessionMedia(ctx.media, roomEvents(this), ctx.mediaOptions, ctx.logger);
  }

  get state(): RCCallSessionState {
    return this.#state;
  }

  /** Audio only, or audio and video (a video call can become audio only; never back). */
  get mediaType(): RCCallMediaType {
    return this.#mediaType;
  }

  /** The constraints the app gave for this call's devices (new devices open with them). */
  get constraints(): IMediaConstraints | undefined {
    return this.#constraints;
  }

  setConstraints(constraints: IMediaConstraints | undefined): void {
    this.#constraints = constraints;
  }

  setListener(listener: ISessionListener): void {
    this.#listener = listener;
  }

  isEnded(): boolean {
    return this.#state === RCCallSessionState.END;
  }

  isKeeping(): boolean {
    return this.#state === RCCallSessionState.KEEPING;
  }

  /** An incoming call that rings here: not answered, not being answered, not ended. */
  isRinging(): boolean {
    return this.init.incoming && this.#state === RCCallSessionState.WAITING && !this.#accepting;
  }

  userState(userId: string): RCCallUserState {
    if (userId === this.ctx.userId()) {
      return this.isEnded()
        ? RCCallUserState.NONE
        : this.isKeeping()
          ? RCCallUserState.KEEPING
          : RCCallUserState.WAITING;
    }
    return this.members.state(userId);
  }

  emit(name: keyof ISessionListener, ...args: unknown[]): void {
    const listener = this.#listener;
    const fn = listener?.[name] as ((...a: unknown[]) => void) | undefined;
    if (!listener) this.ctx.logger.warn(`${name}: no session listener registered`);
    callSafely(this.ctx.logger, name, fn?.bind(listener), ...args, this.session);
  }

  /** An incoming call rings here until `delay` is over, then `onTimeout` (if still ringing). */
  ringUntil(delay: number, onTimeout: () => void): void {
    this.#ownTimer = setTimeout(() => this.isRinging() && onTimeout(), delay);
  }

  /** We answer: the call no longer rings here. */
  beginAccepting(): void {
    this.#accepting = true;
    clearTimeout(this.#ownTimer);
  }

  /**
   * The call becomes audio only, once: local and remote video are dropped after `announce` (the
   * ModifyMedia that tells the others, when we decide it) has gone out. `false` when the call was
   * audio only already.
   */
  descendToAudio(announce?: () => Promise<unknown>): false | Promise<void> {
    if (this.#mediaType !== RCCallMediaType.AUDIO_VIDEO) return false;
    this.#mediaType = RCCallMediaType.AUDIO;
    return announce ? announce().then(() => this.media.dropVideo()) : this.media.dropVideo();
  }

  envelope(messageType: RCCallMessageType, recipients: string[]) {
    return {
      messageType,
      conversationType: this.init.conversationType,
      targetId: this.init.targetId,
      channelId: this.init.channelId,
      recipients,
    };
  }

  /** Sends `{callId, ...fields, ...common}` (Ringing, Accept, ModifyMedia) to the users still in the call. */
  sendToOthers(messageType: RCCallMessageType, fields: Record<string, unknown> = {}) {
    const recipients = this.members.active();
    if (recipients.length === 0) return Promise.resolve({ code: OK, sentTime: 0 });
    const content = callContent(this.init.callId, fields, this.ctx.common());
    return this.ctx.send({ ...this.envelope(messageType, recipients), content });
  }

  /** Our microphone or camera (not a shared screen). */
  localTrack(kind: 'audio' | 'video'): RCLocalTrack | undefined {
    return this.media.tracks.find(
      (t) => !isScreen(t) && (kind === 'audio' ? t.isAudioTrack() : t.isVideoTrack()),
    );
  }

  /** The screen we share, if we do. */
  screenTrack(): RCLocalTrack | undefined {
    return this.media.tracks.find(isScreen);
  }

  /** A member (us too) started or stopped sharing a screen: `onScreenShareChange`. */
  screenShared(track: RCTrack, sharing: boolean): void {
    const userId = track.getUserId();
    this.emit('onScreenShareChange', { userId, sharing, trackId: track.getTrackId() });
  }

  becomeKeeping(): void {
    if (this.#state !== RCCallSessionState.WAITING) return;
    this.#state = RCCallSessionState.KEEPING;
    this.#connectedAt = this.ctx.serverTime();
  }

  /**
   * Ends the call, the one way every call ends: Hangup to the others (`notify`), stop local media,
   * leave the room, then `onSessionClose` (not for a call whose `call()` failed: `report: false`).
   * Idempotent.
   */
  end(
    reason: RCCallEndReason,
    opts: { notify: boolean; sendReason?: number; to?: string[]; report?: boolean },
  ): Promise<void> {
    if (this.#ended) return this.#ended;
    const recipients = opts.to ?? this.members.active();
    this.#state = RCCallSessionState.END;
    const endTimestamp = this.ctx.serverTime();
    clearTimeout(this.#ownTimer);
    this.members.clearAllTimers();
    this.connection.clear();
    this.#ended = (async () => {
      if (opts.notify && recipients.length) {
        const code = opts.sendReason ?? reason;
        await this.ctx
          .send({
            ...this.envelope(RCCallMessageType.Hangup, recipients),
            content: callContent(this.init.callId, { reason: code }, this.ctx.common()),
            push: hangupPush(this.ctx.lang, this.init.callId, code),
          })
          .catch(() => undefined);
      }
      await this.media.close();
      if (opts.report === false) {
        this.ctx.closed(this.session);
        return;
      }
      const times = { createdAt: this.#createdAt, connectedAt: this.#connectedAt, endTimestamp };
      this.ctx.closed(this.session, endSummary(this.init, this.mediaType, times, reason));
    })();
    return this.#ended;
  }

  // ---- members -------------------------------------------------------------------------------

  addMember(userId: string, state: RCCallUserState, info?: ISenderInfo, sentTime?: number): void {
    if (userId === this.ctx.userId()) return;
    this.members.add(userId, state, info);
    if (state === RCCallUserState.WAITING && sentTime !== undefined)
      this.startTimer(userId, sentTime);
  }

  remoteAccept(userId: string): void {
    this.members.setState(userId, RCCallUserState.KEEPING);
    this.members.clearTimer(userId);
    this.members.clearLeaveTimer(userId);
    this.emit('onAccept', this.members.info(userId));
    if (!this.init.incoming && this.#state === RCCallSessionState.WAITING) {
      // The caller joins the room only now that someone answered.
      this.becomeKeeping();
      void joinAndPublish(this, this.media.join(this.init.callId), [...this.media.tracks], false);
    }
  }

  /**
   * A user left the call (Hangup, timeout, room leave, a lost link). Ends the call per CallLib's
   * rules; `notifyOnEnd` tells that user with a Hangup (of `notifyOnEnd`'s reason, if a number).
   */
  removeUser(userId: string, reason: RCCallEndReason, notifyOnEnd: boolean | number = false): void {
    if (!this.members.remove(userId)) return;
    this.connection.forget(userId);
    this.emit('onHungup', this.members.info(userId), reason);
    if (this.isEnded()) return;
    const remaining = this.members.active().length + 1;
    const wasInviter = userId === this.init.callerId || userId === this.init.inviterId;
    const nobodyKeeping = !this.members.anyKeeping() && !this.isKeeping();
    if (remaining < 2 || (wasInviter && nobodyKeeping)) {
      const sendReason = typeof notifyOnEnd === 'number' ? notifyOnEnd : undefined;
      void this.end(
        reason,
        notifyOnEnd !== false ? { notify: true, to: [userId], sendReason } : { notify: false },
      );
    }
  }

  /** How long is left of the no-answer timeout for something sent at `sentTime`. */
  delayFor(sentTime: number): number {
    const elapsed = Math.max(0, this.ctx.serverTime() - sentTime);
    const delay = this.ctx.timeout - elapsed;
    return delay <= 0 ? 500 : delay;
  }

  startTimer(userId: string, sentTime: number): void {
    this.members.setTimer(userId, this.delayFor(sentTime), () => {
      if (this.members.state(userId) !== RCCallUserState.WAITING) return;
      // In 1:1 the caller's timer ends the call and tells the callee (who reads 15 as 5).
      this.removeUser(userId, RCCallEndReason.REMOTE_NO_RESPONSE, true);
    });
  }
}
