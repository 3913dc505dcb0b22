import {
  ConversationType,
  RCCallEndReason,
  RCCallErrorCode,
  RCCallMediaType,
  RCCallMessageType,
  RCCallSessionState,
  RCCallStatus,
  RCCallUserState,
} from './enums.js';
import type { SessionContext, SessionInit } from './context.js';
import { callSafely } from './logger.js';
import { SessionMedia, type MediaHost } from './media.js';
import { Members } from './members.js';
import {
  acceptContent,
  hangupContent,
  hangupPush,
  invitePush,
  modifyMediaContent,
  modifyMemContent,
  ringingContent,
} from './signal-content.js';
import { isId, type CallSignal } from './signals.js';
import type {
  IEndSummary,
  IMediaConstraints,
  IAudioConstraints,
  IResult,
  ISenderInfo,
  ISessionListener,
  RCLocalTrack,
  RCTrack,
} from './types.js';
import { toRemoteReason } from './reasons.js';

const OK = RCCallErrorCode.SUCCESS;
/** Grace after a room member leaves, so that their Hangup (with its reason) can arrive first. */
export const LEAVE_GRACE_MS = 300;
const REQUIRED: (keyof ISessionListener)[] = [
  'onRinging',
  'onAccept',
  'onHungup',
  'onTrackReady',
  'onMemberModify',
  'onMediaModify',
];

/** Throws (programmer error) unless every required callback is a function. */
export function checkListener(listener: ISessionListener): ISessionListener {
  if (!listener || typeof listener !== 'object') {
    throw new TypeError('listener must be an object with the session callbacks');
  }
  const missing = REQUIRED.filter((k) => typeof listener[k] !== 'function');
  if (missing.length) throw new TypeError(`listener is missing callbacks: ${missing.join(', ')}`);
  return listener;
}

/** A remote user of a session, as `getRemoteUsers()` lists them. */
export interface IRemoteUser extends ISenderInfo {
  state: RCCallUserState;
}

/**
 * One call. Created by `caller.call()` / `callInGroup()` (outgoing) or handed to `onSession`
 * (incoming). Same methods and callbacks as RongCloud's CallLib session.
 */
export class RCCallSession {
  private state = RCCallSessionState.WAITING;
  private listener?: ISessionListener;
  private readonly members = new Members();
  private readonly media: SessionMedia;
  private ownTimer?: ReturnType<typeof setTimeout>;
  private readonly createdAt: number;
  private connectedAt = 0;
  private accepting = false;
  private constraints?: IMediaConstraints;
  private mediaType: RCCallMediaType;
  /** Signals that arrive while `call()` is still setting up wait here (see `open()`). */
  private queue: CallSignal[] | null = null;
  private ended?: Promise<void>;

  /** @internal Sessions are created by the client. */
  constructor(
    private readonly ctx: SessionContext,
    private readonly init: SessionInit,
  ) {
    this.mediaType = init.mediaType;
    this.createdAt = ctx.serverTime();
    this.media = new SessionMedia(ctx.media, this.mediaHost(), ctx.mediaOptions, ctx.logger);
  }

  registerSessionListener(listener: ISessionListener): void {
    this.listener = checkListener(listener);
  }

  // ---- getters -------------------------------------------------------------------------------

  getSessionId(): string {
    return this.init.callId;
  }
  /** Alias of `getSessionId()`: the callId, also the room id. */
  getCallId(): string {
    return this.init.callId;
  }
  getRTCSessionId(): string {
    return this.media.sessionId;
  }
  getTargetId(): string {
    return this.init.targetId;
  }
  getConversationType(): ConversationType {
    return this.init.conversationType;
  }
  getChannelId(): string {
    return this.init.channelId;
  }
  getMediaType(): RCCallMediaType {
    return this.mediaType;
  }
  getCallerId(): string {
    return this.init.callerId;
  }
  /** Who invited us (the caller, or whoever added us to a group call). */
  getInviterId(): string {
    return this.init.inviterId;
  }
  getState(): RCCallSessionState {
    return this.state;
  }
  getUserState(userId: string): RCCallUserState {
    if (userId === this.ctx.userId()) {
      return this.state === RCCallSessionState.END
        ? RCCallUserState.NONE
        : this.state === RCCallSessionState.KEEPING
          ? RCCallUserState.KEEPING
          : RCCallUserState.WAITING;
    }
    return this.members.state(userId);
  }
  /** The other users still in the call, with their state and user info. */
  getRemoteUsers(): IRemoteUser[] {
    return this.members
      .active()
      .map((id) => ({ ...this.members.info(id), state: this.members.state(id) }));
  }
  /** User info of a member as their messages described them (ours). */
  getUserInfo(userId: string): ISenderInfo {
    return this.members.info(userId);
  }
  /** The local tracks currently open (ours). */
  getLocalTracks(): RCLocalTrack[] {
    return [...this.media.tracks];
  }
  /** Whether we were called rather than calling (ours). */
  isIncoming(): boolean {
    return this.init.incoming;
  }

  // ---- methods -------------------------------------------------------------------------------

  /**
   * Answers an incoming call. Hangs up every other session first. `mediaType` AUDIO answers a video
   * call with audio only (ours: Accept, then ModifyMedia to audio).
   */
  async accept(constraints?: IMediaConstraints, mediaType?: RCCallMediaType): Promise<IResult> {
    if (!this.init.incoming || this.state !== RCCallSessionState.WAITING || this.accepting) {
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    }
    this.accepting = true;
    this.constraints = constraints;
    await this.ctx.hangupOthers(this);
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    const descend =
      mediaType === RCCallMediaType.AUDIO && this.mediaType === RCCallMediaType.AUDIO_VIDEO;
    if (descend) this.mediaType = RCCallMediaType.AUDIO;
    clearTimeout(this.ownTimer);
    this.becomeKeeping();

    // Media, the Accept and the room join overlap: the caller joins as soon as it sees the Accept.
    const video = this.mediaType === RCCallMediaType.AUDIO_VIDEO;
    const tracks = this.media.acquire(true, video, constraints);
    const sent = this.sendToOthers(
      RCCallMessageType.Accept,
      acceptContent(this.init.callId, this.init.mediaType, this.ctx.common()),
    );
    const joined = this.media.join(this.init.callId);
    const sendResult = await sent;
    if (sendResult.code !== OK) {
      void this.end(RCCallEndReason.NETWORK_ERROR, { notify: false });
      return { code: sendResult.code };
    }
    if (descend) {
      void this.sendToOthers(
        RCCallMessageType.ModifyMedia,
        modifyMediaContent(this.init.callId, RCCallMediaType.AUDIO, this.ctx.common()),
      );
    }
    const t = await tracks;
    if (t.code !== OK) {
      void this.end(RCCallEndReason.GET_MEDIA_RESOURCES_ERROR, { notify: true });
      return { code: t.code, cause: t.cause };
    }
    return this.joinAndPublish(joined, t.tracks, true);
  }

  /** Ends the call for us: CANCEL (calling), REJECT (ringing) or HANGUP (in the call). */
  async hungup(): Promise<{ code: number }> {
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    const reason =
      this.state === RCCallSessionState.KEEPING
        ? RCCallEndReason.HANGUP
        : this.init.incoming
          ? RCCallEndReason.REJECT
          : RCCallEndReason.CANCEL;
    await this.end(reason, { notify: true });
    return { code: OK };
  }

  /** Invites more users into a group call (ModifyMem). */
  async invite(userIds: string[]): Promise<{ code: number }> {
    if (!Array.isArray(userIds) || !userIds.every(isId)) {
      throw new TypeError('invite(userIds): userIds must be an array of user ids');
    }
    if (this.init.conversationType !== ConversationType.GROUP) {
      return { code: RCCallErrorCode.CONVERSATION_NOT_GROUP_ERROR };
    }
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    const self = this.ctx.userId();
    const fresh = [...new Set(userIds)].filter((id) => id !== self && !this.members.has(id));
    if (fresh.length === 0) return { code: OK };
    const existing = [self, ...this.members.active()].map((userId) => ({
      userId,
      mediaType: this.mediaType,
      callStatus:
        this.getUserState(userId) === RCCallUserState.KEEPING
          ? RCCallStatus.CONNECTED
          : RCCallStatus.RINGING,
    }));
    const recipients = [...this.members.active(), ...fresh];
    const content = modifyMemContent(
      this.init.callId,
      this.mediaType,
      this.init.callerId,
      self,
      fresh,
      existing,
      this.init.extra,
      this.ctx.common(),
    );
    const result = await this.ctx.send({
      ...this.envelope(RCCallMessageType.ModifyMem, recipients),
      content,
      push: invitePush(this.ctx.lang, this.init.callId, this.mediaType, fresh),
    });
    if (result.code !== OK) return { code: result.code };
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    for (const id of fresh) {
      this.members.add(id, RCCallUserState.WAITING);
      this.startTimer(id, result.sentTime);
    }
    return { code: OK };
  }

  /** Video → audio for everyone: sends ModifyMedia(AUDIO) and stops video. */
  async descendAbility(): Promise<{ code: number }> {
    if (this.isEnded() || this.mediaType !== RCCallMediaType.AUDIO_VIDEO) {
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    }
    this.mediaType = RCCallMediaType.AUDIO;
    const result = await this.sendToOthers(
      RCCallMessageType.ModifyMedia,
      modifyMediaContent(this.init.callId, RCCallMediaType.AUDIO, this.ctx.common()),
    );
    await this.media.dropVideo();
    return { code: result.code };
  }

  /** Camera off; with `isOffCameraWhenVideoDisable` (default) the camera is also released. */
  async disableVideoTrack(): Promise<{ code: number }> {
    const track = this.localTrack('video');
    if (!track) return { code: RCCallErrorCode.MISSING_VIDEO_TRACK_ERROR };
    const code = await this.media.setMuted(track, true);
    if (code !== OK || !this.ctx.offCameraWhenVideoDisable) return { code };
    return { code: await this.media.removeLocal([track]) };
  }

  /** Camera on: unmutes, or opens and publishes a new camera track (`onTrackReady` again). */
  async enableVideoTrack(): Promise<IResult> {
    if (this.isEnded() || this.mediaType !== RCCallMediaType.AUDIO_VIDEO) {
      return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    }
    const existing = this.localTrack('video');
    if (existing) return { code: await this.media.setMuted(existing, false) };
    const r = await this.media.acquire(false, true, this.constraints);
    if (r.code !== OK) return { code: r.code, cause: r.cause };
    return this.publishAndAnnounce(r.tracks);
  }

  async disableAudioTrack(): Promise<{ code: number }> {
    const track = this.localTrack('audio');
    if (!track) return { code: RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR };
    return { code: await this.media.setMuted(track, true) };
  }

  async enableAudioTrack(): Promise<{ code: number }> {
    const track = this.localTrack('audio');
    if (!track) return { code: RCCallErrorCode.GET_LOCAL_AUDIO_TRACK_ERROR };
    return { code: await this.media.setMuted(track, false) };
  }

  /** Replaces the microphone with one opened from `audio` constraints. */
  async changeAudioDevice(audio: IAudioConstraints): Promise<IResult> {
    if (this.isEnded()) return { code: RCCallErrorCode.STATE_MACHINE_EXIT };
    const old = this.localTrack('audio');
    this.constraints = { ...this.constraints, audio };
    const r = await this.media.acquire(true, false, this.constraints);
    if (r.code !== OK) return { code: r.code, cause: r.cause };
    const [track] = r.tracks;
    if (old?.isOwnerMuted()) await this.media.setMuted(track, true);
    if (old) await this.media.removeLocal([old]);
    return this.publishAndAnnounce(r.tracks);
  }

  // ---- internals used by the client ----------------------------------------------------------

  /** @internal */
  isEnded(): boolean {
    return this.state === RCCallSessionState.END;
  }

  /** @internal Members known when the session starts. */
  addMember(userId: string, state: RCCallUserState, info?: ISenderInfo, sentTime?: number): void {
    if (userId === this.ctx.userId()) return;
    this.members.add(userId, state, info);
    if (state === RCCallUserState.WAITING && sentTime !== undefined)
      this.startTimer(userId, sentTime);
  }

  /** @internal Outgoing: the local tracks are ready (before `call()` resolves). */
  announceLocal(tracks: RCLocalTrack[]): void {
    for (const t of tracks) this.emit('onTrackReady', t);
  }

  /** @internal Outgoing: opens the local devices for the call. */
  prepareMedia(mediaType: RCCallMediaType, constraints?: IMediaConstraints) {
    this.constraints = constraints;
    return this.media.acquire(true, mediaType === RCCallMediaType.AUDIO_VIDEO, constraints);
  }

  /** @internal Outgoing call that failed to start: release everything, tell nobody. */
  async abort(): Promise<void> {
    this.state = RCCallSessionState.END;
    this.queue = null;
    this.members.clearAllTimers();
    await this.media.close();
  }

  /** @internal Outgoing: hold incoming signals until `call()` has resolved. */
  hold(): void {
    this.queue = [];
  }

  /** @internal Outgoing: the call is set up; deliver what waited. */
  open(inviteSentTime: number): void {
    for (const id of this.members.active()) this.startTimer(id, inviteSentTime);
    const queued = this.queue ?? [];
    this.queue = null;
    for (const s of queued) this.handle(s);
  }

  /** @internal Incoming: ring back to everyone, start our own no-answer timer. */
  ring(sentTime: number): void {
    this.ownTimer = setTimeout(() => {
      if (this.state === RCCallSessionState.WAITING && !this.accepting) {
        void this.end(RCCallEndReason.NO_RESPONSE, { notify: true });
      }
    }, this.delayFor(sentTime));
    void this.sendToOthers(
      RCCallMessageType.Ringing,
      ringingContent(this.init.callId, this.ctx.common()),
    );
  }

  /** @internal A validated signal for this call. */
  handle(s: CallSignal): void {
    if (this.isEnded()) return;
    if (this.queue) {
      this.queue.push(s);
      return;
    }
    if (s.senderUserId === this.ctx.userId()) return this.fromOwnDevice(s);
    if (!this.members.has(s.senderUserId)) return; // not part of this call
    this.members.updateInfo(s.user);
    const sender = this.members.info(s.senderUserId);
    switch (s.kind) {
      case 'ringing':
        return this.emit('onRinging', sender);
      case 'accept':
        return this.onRemoteAccept(s.senderUserId);
      case 'hangup':
        return this.removeUser(s.senderUserId, toRemoteReason(s.reason ?? 0));
      case 'modifyMedia':
        if (
          s.mediaType === RCCallMediaType.AUDIO &&
          this.mediaType === RCCallMediaType.AUDIO_VIDEO
        ) {
          this.mediaType = RCCallMediaType.AUDIO;
          void this.media.dropVideo();
          this.emit('onMediaModify', sender, RCCallMediaType.AUDIO);
        }
        return;
      case 'modifyMem':
        return this.onModifyMem(s, sender);
      case 'invite':
        return;
    }
  }

  /**
   * @internal Ends the session: Hangup to the others (`notify`), stop local media, leave the room,
   * then `onSessionClose`. Idempotent.
   */
  end(
    reason: RCCallEndReason,
    opts: { notify: boolean; sendReason?: number; to?: string[] },
  ): Promise<void> {
    if (this.ended) return this.ended;
    const recipients = opts.to ?? this.members.active();
    this.state = RCCallSessionState.END;
    const endTimestamp = this.ctx.serverTime();
    clearTimeout(this.ownTimer);
    this.members.clearAllTimers();
    this.ended = (async () => {
      if (opts.notify && recipients.length) {
        const code = opts.sendReason ?? reason;
        await this.ctx
          .send({
            ...this.envelope(RCCallMessageType.Hangup, recipients),
            content: hangupContent(this.init.callId, code, this.ctx.common()),
            push: hangupPush(this.ctx.lang, this.init.callId, code),
          })
          .catch(() => undefined);
      }
      await this.media.close();
      const beginTimestamp = this.connectedAt || this.createdAt;
      const summary: IEndSummary = {
        conversationType: this.init.conversationType,
        channelId: this.init.channelId,
        targetId: this.init.targetId,
        mediaType: this.mediaType,
        beginTimestamp,
        endTimestamp,
        duration: this.connectedAt ? Math.max(0, endTimestamp - this.connectedAt) : 0,
        endReason: reason,
      };
      this.ctx.closed(this, summary);
    })();
    return this.ended;
  }

  // ---- private -------------------------------------------------------------------------------

  private emit(name: keyof ISessionListener, ...args: unknown[]): void {
    const fn = this.listener?.[name] as ((...a: unknown[]) => void) | undefined;
    if (!this.listener) this.ctx.logger.warn(`${name}: no session listener registered`);
    callSafely(this.ctx.logger, name, fn?.bind(this.listener), ...args, this);
  }

  private envelope(messageType: RCCallMessageType, recipients: string[]) {
    return {
      messageType,
      conversationType: this.init.conversationType,
      targetId: this.init.targetId,
      channelId: this.init.channelId,
      recipients,
    };
  }

  private sendToOthers(messageType: RCCallMessageType, content: Record<string, unknown>) {
    const recipients = this.members.active();
    if (recipients.length === 0) return Promise.resolve({ code: OK, sentTime: 0 });
    return this.ctx.send({ ...this.envelope(messageType, recipients), content });
  }

  private localTrack(kind: 'audio' | 'video'): RCLocalTrack | undefined {
    return this.media.tracks.find((t) => (kind === 'audio' ? t.isAudioTrack() : t.isVideoTrack()));
  }

  private becomeKeeping(): void {
    if (this.state !== RCCallSessionState.WAITING) return;
    this.state = RCCallSessionState.KEEPING;
    this.connectedAt = this.ctx.serverTime();
  }

  private async joinAndPublish(
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

  private async publishAndAnnounce(
    tracks: RCLocalTrack[],
    announce = true,
  ): Promise<{ code: number }> {
    const code = await this.media.publish(tracks);
    if (code !== OK || this.isEnded())
      return { code: code !== OK ? code : RCCallErrorCode.STATE_MACHINE_EXIT };
    if (announce) for (const t of tracks) this.emit('onTrackReady', t);
    return { code: OK };
  }

  private onRemoteAccept(userId: string): void {
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

  private onModifyMem(s: CallSignal, sender: ISenderInfo): void {
    const self = this.ctx.userId();
    const fresh = (s.inviteUserIds ?? []).filter((id) => id !== self && !this.members.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.addMember(id, RCCallUserState.WAITING, undefined, s.sentTime);
    this.emit(
      'onMemberModify',
      sender,
      fresh.map((userId) => ({ userId })),
    );
  }

  /** Another device of our own user answered or declined: this one stops ringing. */
  private fromOwnDevice(s: CallSignal): void {
    if (s.deviceId && s.deviceId === this.ctx.common().deviceId) return; // our own echo
    if (!this.init.incoming || this.state !== RCCallSessionState.WAITING || this.accepting) return;
    if (s.kind === 'accept')
      void this.end(RCCallEndReason.ACCEPT_BY_OTHER_CLIENT, { notify: false });
    if (s.kind === 'hangup')
      void this.end(RCCallEndReason.HANGUP_BY_OTHER_CLIENT, { notify: false });
  }

  /** A user left the call (Hangup, timeout, room leave). Ends the call per CallLib's rules. */
  private removeUser(userId: string, reason: RCCallEndReason, notifyOnEnd = false): void {
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

  private delayFor(sentTime: number): number {
    const elapsed = Math.max(0, this.ctx.serverTime() - sentTime);
    const delay = this.ctx.timeout - elapsed;
    return delay <= 0 ? 500 : delay;
  }

  private startTimer(userId: string, sentTime: number): void {
    this.members.setTimer(userId, this.delayFor(sentTime), () => {
      if (this.members.state(userId) !== RCCallUserState.WAITING) return;
      // In 1:1 the caller's timer ends the call and tells the callee (who reads 15 as 5).
      this.removeUser(userId, RCCallEndReason.REMOTE_NO_RESPONSE, true);
    });
  }

  private mediaHost(): MediaHost {
    const muteUser = (t: RCTrack, kind: 'audio' | 'video') => ({
      userId: t.getUserId(),
      muted: t.isOwnerMuted(),
      kind,
      trackId: t.getTrackId(),
    });
    return {
      audioOnly: () => this.mediaType === RCCallMediaType.AUDIO,
      onRemoteTrackReady: (track) => {
        if (this.isEnded()) return;
        if (
          track.isVideoTrack() &&
          this.members.setVideoMuted(track.getUserId(), track.isOwnerMuted())
        ) {
          this.emit('onVideoMuteChange', muteUser(track, 'video'));
        }
        this.emit('onTrackReady', track);
      },
      onTrackUnpublish: (tracks) => {
        if (this.isEnded() || this.mediaType !== RCCallMediaType.AUDIO_VIDEO) return;
        for (const t of tracks.filter((t) => t.isVideoTrack())) {
          if (this.members.setVideoMuted(t.getUserId(), true)) {
            this.emit('onVideoMuteChange', { ...muteUser(t, 'video'), muted: true });
          }
        }
      },
      onUserJoin: (ids) => {
        for (const id of ids) {
          this.members.clearLeaveTimer(id);
          if (this.members.state(id) === RCCallUserState.WAITING) this.onRemoteAccept(id);
        }
      },
      onUserLeave: (ids) => {
        for (const id of ids.filter((id) => this.members.has(id))) {
          this.members.setLeaveTimer(id, LEAVE_GRACE_MS, () =>
            this.removeUser(id, RCCallEndReason.REMOTE_HANGUP),
          );
        }
      },
      onAudioMuteChange: (t) =>
        !this.isEnded() && this.emit('onAudioMuteChange', muteUser(t, 'audio')),
      onVideoMuteChange: (t) => {
        if (this.isEnded()) return;
        this.members.setVideoMuted(t.getUserId(), t.isOwnerMuted());
        this.emit('onVideoMuteChange', muteUser(t, 'video'));
      },
      onKickOff: (byServer) =>
        void this.end(
          byServer ? RCCallEndReason.KICKED_BY_SERVER : RCCallEndReason.OTHER_CLIENT_JOINED_CALL,
          { notify: true },
        ),
      onNetworkError: () => void this.end(RCCallEndReason.NETWORK_ERROR, { notify: true }),
      onICEConnectionStateChange: (state) => this.emit('onICEConnectionStateChange', state),
      onMediaFailure: (reason, code, kind) => {
        this.emit(kind === 'publish' ? 'onTrackPublishFail' : 'onTrackSubscribeFail', code);
        void this.end(reason, { notify: true });
      },
    };
  }
}
