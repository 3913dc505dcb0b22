/**
 * The state of one call and the rules that change it, shared by the app's requests
 * (`session-actions.ts`), incoming signals (`session-signals.ts`) and room events
 * (`room-events.ts`): who is in the call and how long they may ring, when the call ends and how.
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
import { SessionMedia } from './media.js';
import { Members } from './members.js';
import { roomEvents } from './room-events.js';
import type { RCCallSession } from './session.js';
import { callContent, hangupPush } from './signal-content.js';
import type {
  IEndSummary,
  IMediaConstraints,
  ISenderInfo,
  ISessionListener,
  RCLocalTrack,
} from './types.js';

const OK = RCCallErrorCode.SUCCESS;

export class CallCore {
  state = RCCallSessionState.WAITING;
  listener?: ISessionListener;
  readonly members = new Members();
  readonly media: SessionMedia;
  /** Our own no-answer timer while an incoming call rings. */
  ownTimer?: ReturnType<typeof setTimeout>;
  readonly #createdAt: number;
  #connectedAt = 0;
  accepting = false;
  constraints?: IMediaConstraints;
  mediaType: RCCallMediaType;
  #ended?: Promise<void>;

  constructor(
    readonly ctx: SessionContext,
    readonly init: SessionInit,
    /** Handed to the listener callbacks and to the client when the call closes. */
    readonly session: RCCallSession,
  ) {
    this.mediaType = init.mediaType;
    this.#createdAt = ctx.serverTime();
    this.media = new SessionMedia(ctx.media, roomEvents(this), ctx.mediaOptions, ctx.logger);
  }

  isEnded(): boolean {
    return this.state === RCCallSessionState.END;
  }

  /** An incoming call that rings here: not answered, not being answered, not ended. */
  isRinging(): boolean {
    return this.init.incoming && this.state === RCCallSessionState.WAITING && !this.accepting;
  }

  userState(userId: string): RCCallUserState {
    if (userId === this.ctx.userId()) {
      return this.state === RCCallSessionState.END
        ? RCCallUserState.NONE
        : this.state === RCCallSessionState.KEEPING
          ? RCCallUserState.KEEPING
          : RCCallUserState.WAITING;
    }
    return this.members.state(userId);
  }

  emit(name: keyof ISessionListener, ...args: unknown[]): void {
    const fn = this.listener?.[name] as ((...a: unknown[]) => void) | undefined;
    if (!this.listener) this.ctx.logger.warn(`${name}: no session listener registered`);
    callSafely(this.ctx.logger, name, fn?.bind(this.listener), ...args, this.session);
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

  localTrack(kind: 'audio' | 'video'): RCLocalTrack | undefined {
    return this.media.tracks.find((t) => (kind === 'audio' ? t.isAudioTrack() : t.isVideoTrack()));
  }

  becomeKeeping(): void {
    if (this.state !== RCCallSessionState.WAITING) return;
    this.state = RCCallSessionState.KEEPING;
    this.#connectedAt = this.ctx.serverTime();
  }

  async joinAndPublish(
    joined: Promise<{ code: number; reason?: RCCallEndReason }>,
    tracks: RCLocalTrack[],
    announce: boolean,
  ): Promise<{ code: number }> {
    const j = await joined;
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    if (j.code !== OK) {
      void this.end(j.reason ?? RCCallEndReason.NETWORK_ERROR, { notify: true });
      return { code: j.code };
    }
    return this.publishAndAnnounce(tracks, announce);
  }

  async publishAndAnnounce(tracks: RCLocalTrack[], announce = true): Promise<{ code: number }> {
    const code = await this.media.publish(tracks);
    if (code !== OK || this.isEnded())
      return { code: code !== OK ? code : RCCallErrorCode.STATE_MACHINE_EXIT };
    if (announce) for (const t of tracks) this.emit('onTrackReady', t);
    return { code: OK };
  }

  /**
   * Ends the call: Hangup to the others (`notify`), stop local media, leave the room, then
   * `onSessionClose`. Idempotent.
   */
  end(
    reason: RCCallEndReason,
    opts: { notify: boolean; sendReason?: number; to?: string[] },
  ): Promise<void> {
    if (this.#ended) return this.#ended;
    const recipients = opts.to ?? this.members.active();
    this.state = RCCallSessionState.END;
    const endTimestamp = this.ctx.serverTime();
    clearTimeout(this.ownTimer);
    this.members.clearAllTimers();
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
      const beginTimestamp = this.#connectedAt || this.#createdAt;
      const summary: IEndSummary = {
        conversationType: this.init.conversationType,
        channelId: this.init.channelId,
        targetId: this.init.targetId,
        mediaType: this.mediaType,
        beginTimestamp,
        endTimestamp,
        duration: this.#connectedAt ? Math.max(0, endTimestamp - this.#connectedAt) : 0,
        endReason: reason,
      };
      this.ctx.closed(this.session, summary);
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
    if (!this.init.incoming && this.state === RCCallSessionState.WAITING) {
      // The caller joins the room only now that someone answered.
      this.becomeKeeping();
      void this.joinAndPublish(this.media.join(this.init.callId), [...this.media.tracks], false);
    }
  }

  /** A user left the call (Hangup, timeout, room leave). Ends the call per CallLib's rules. */
  removeUser(userId: string, reason: RCCallEndReason, notifyOnEnd = false): void {
    if (!this.members.remove(userId)) return;
    this.emit('onHungup', this.members.info(userId), reason);
    if (this.isEnded()) return;
    const remaining = this.members.active().length + 1;
    const wasInviter = userId === this.init.callerId || userId === this.init.inviterId;
    const nobodyKeeping = !this.members.anyKeeping() && this.state !== RCCallSessionState.KEEPING;
    if (remaining < 2 || (wasInviter && nobodyKeeping)) {
      void this.end(reason, notifyOnEnd ? { notify: true, to: [userId] } : { notify: false });
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
