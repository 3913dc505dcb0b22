import { RCCallErrorCode, RCCallMediaType } from '../src/calllib/enums.js';
import type {
  IEndSummary,
  IMediaConstraints,
  IResult,
  ISessionListener,
} from '../src/calllib/types.js';
import type { RCCallSession } from '../src/calllib/session.js';
import { advance, type CallInput } from './call-status.js';
import {
  initialState,
  withInvited,
  withMute,
  withoutTracks,
  withoutVideo,
  withScreen,
  withLink,
  withSender,
  withToggle,
  withTrack,
  type CallStart,
  type CallState,
  type MediaKind,
  type PendingActions,
} from './call-state.js';
import { errorCodeFor, type CallErrorCode } from './error-codes.js';
import { withMember } from './call-members.js';
import {
  errorDetail,
  type CallEventDetails,
  type CallEventName,
  type CallView,
  type StoreEvent,
} from './events.js';

export type { CallStart, CallState, MediaKind, PendingActions, Toggle } from './call-state.js';

/** Where a model sends what happened: its call events, for the store to route. */
export interface CallModelHost {
  emit(event: StoreEvent): void;
  /** A local track named our own user id. */
  learnSelfId(userId: string): void;
  /** The chosen camera and microphone that are there, for accepting. */
  constraints(): Promise<IMediaConstraints | undefined>;
}

const OK = RCCallErrorCode.SUCCESS;

/**
 * One call: its {@link CallState}, changed only by this class's own methods, in answer to the
 * engine's session callbacks ({@link listener}) and to the results of what the user asked
 * ({@link accept} …). Each change makes a new state and tells the subscribers; each callback also
 * becomes a call event for the host. Knows nothing of the DOM.
 */
export class CallModel {
  #state: CallState;
  readonly #host: CallModelHost;
  readonly #subscribers = new Set<() => void>();
  readonly #views = new Set<CallView>();

  constructor(session: RCCallSession, start: CallStart, host: CallModelHost) {
    this.#host = host;
    this.#state = initialState(session, start);
    this.#advance(start.incoming ? { type: 'ring' } : { type: 'dial' });
  }

  get state(): CallState {
    return this.#state;
  }

  get callId(): string {
    return this.#state.callId;
  }

  /** Calls `fn` after every change; returns the unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** The elements showing this call. */
  get views(): readonly CallView[] {
    return [...this.#views];
  }

  /** Registers an element that shows this call; returns its removal. */
  addView(view: CallView): () => void {
    this.#views.add(view);
    return () => this.#views.delete(view);
  }

  // ---- what the engine tells -----------------------------------------------------------------

  /** The CallLib session listener of this call. */
  readonly listener: ISessionListener = {
    onRinging: (sender, session) => {
      this.#apply(withSender(this.#state, sender));
      this.#advance({ type: 'rang' });
      this.#emit('ringing', { session, sender });
    },
    onAccept: (sender, session) => {
      this.#apply(withSender(this.#state, sender, { status: 'connected' }));
      if (!this.#state.incoming) this.#advance({ type: 'connect', at: Date.now() });
      this.#emit('accept', { session, sender });
    },
    onHungup: (sender, reason, session) => {
      const gone = {
        status: 'left',
        audio: undefined,
        video: undefined,
        screen: undefined,
      } as const;
      const remote = sender.userId !== this.#state.selfId;
      this.#apply(withSender(this.#state, sender, remote ? gone : {}));
      this.#emit('hungup', { session, sender, reason });
    },
    onTrackReady: (track, session) => {
      this.#apply(withTrack(this.#state, track));
      const userId = track.getUserId();
      if (track.isLocalTrack()) this.#host.learnSelfId(userId);
      const kind = track.isVideoTrack() ? 'video' : 'audio';
      const local = track.isLocalTrack();
      this.#emit('trackready', { session, track, userId, local, kind }, userId);
    },
    onMemberModify: (sender, invitedUsers, session) => {
      this.#apply(withSender(this.#state, sender));
      this.#apply(withInvited(this.#state, invitedUsers));
      this.#emit('membermodify', { session, sender, invitedUsers });
    },
    onMediaModify: (sender, mediaType, session) => {
      this.#apply(withSender(this.#state, sender));
      if (mediaType === RCCallMediaType.AUDIO) this.#apply(withoutVideo(this.#state));
      this.#emit('mediamodify', { session, sender, mediaType });
    },
    onAudioMuteChange: (muteUser, session) => {
      this.#apply(withMute(this.#state, muteUser.userId, 'audio', muteUser.muted));
      this.#emit('mutechange', { session, muteUser }, muteUser.userId);
    },
    onVideoMuteChange: (muteUser, session) => {
      this.#apply(withMute(this.#state, muteUser.userId, 'video', muteUser.muted));
      this.#emit('mutechange', { session, muteUser }, muteUser.userId);
    },
    onConnectionStateChange: ({ userId, state }, session) => {
      this.#apply(withLink(this.#state, userId, { reconnecting: state === 'reconnecting' }));
      this.#emit('connectionstate', { session, userId, state }, userId);
    },
    onNetworkQuality: (report, session) => {
      this.#apply(withLink(this.#state, report.userId, { quality: report.quality }));
      this.#emit('networkquality', { session, ...report }, report.userId);
    },
    onScreenShareChange: ({ userId, sharing }, session) => {
      this.#apply(withScreen(this.#state, userId, sharing));
      this.#emit('screenshare', { session, userId, sharing });
    },
    onTrackPublishFail: (code) =>
      this.#fail('media/publish-failed', `Publishing local media failed (${code})`, code),
    onTrackSubscribeFail: (code) =>
      this.#fail('media/subscribe-failed', `Receiving remote media failed (${code})`, code),
  };

  /** `onSessionClose`: the call is over. */
  closed(summary: IEndSummary): void {
    this.#apply(withoutTracks(this.#state));
    this.#advance({ type: 'close', summary, at: Date.now() });
    this.#emit('sessionclose', { session: this.#state.session, summary });
  }

  // ---- what the user asks (each resolves whether the engine did it) --------------------------

  /** Answers; `'audio'` answers a video call with audio only. */
  async accept(mediaType?: MediaKind): Promise<boolean> {
    if (this.#state.status.phase !== 'incoming') return false;
    const audioOnly = mediaType === 'audio' && this.#state.mediaType === 'video';
    const session = this.#state.session;
    const ok = await this.#act('accept', 'Accepting the call', async () =>
      session.accept(await this.#host.constraints(), audioOnly ? RCCallMediaType.AUDIO : undefined),
    );
    if (!ok) return false;
    if (audioOnly) this.#apply(withoutVideo(this.#state));
    this.#advance({ type: 'connect', at: Date.now() });
    return true;
  }

  /** Declines, cancels or hangs up, whichever fits the call's phase. */
  async hangup(): Promise<boolean> {
    if (this.#state.status.phase === 'ended') return false;
    return this.#act('hangup', 'Hanging up', () => this.#state.session.hungup());
  }

  async invite(userIds: string[]): Promise<boolean> {
    if (this.#state.status.phase === 'ended' || userIds.length === 0) return false;
    return this.#act('invite', 'Inviting', () => this.#state.session.invite(userIds));
  }

  async switchToAudio(): Promise<boolean> {
    if (this.#state.status.phase === 'ended' || this.#state.mediaType === 'audio') return false;
    const session = this.#state.session;
    const ok = await this.#act('toAudio', 'Switching to audio', () => session.descendAbility());
    if (ok) this.#apply(withoutVideo(this.#state));
    return ok;
  }

  toggleMic(): Promise<boolean> {
    const s = this.#state.session;
    return this.#toggle('mic', 'Switching the microphone', (on) =>
      on ? s.disableAudioTrack() : s.enableAudioTrack(),
    );
  }

  toggleCamera(): Promise<boolean> {
    if (this.#state.mediaType !== 'video') return Promise.resolve(false);
    const s = this.#state.session;
    return this.#toggle('camera', 'Switching the camera', (on) =>
      on ? s.disableVideoTrack() : s.enableVideoTrack(),
    );
  }

  /** A recoverable `callerror` about this call (what the in-call extras found: a lost device). */
  reportError(code: CallErrorCode, message: string): void {
    this.#fail(code, message);
  }

  /** Whether a member speaks now (the speaking monitor's reading); unchanged: no new state. */
  setSpeaking(userId: string, speaking: boolean): void {
    const m = this.#state.members.get(userId);
    const on = speaking && !!m && !m.audioMuted;
    if (!m || !!m.speaking === on) return;
    this.#apply({ members: withMember(this.#state.members, userId, () => ({ speaking: on })) });
  }

  /** Shares a screen, or stops sharing; `screenShare` follows once the engine confirms. */
  toggleScreenShare(): Promise<boolean> {
    const s = this.#state.session;
    return this.#toggle('screenShare', 'Sharing the screen', (on) =>
      on ? s.stopScreenShare() : s.startScreenShare(),
    );
  }

  /** Sends another camera or microphone (its device id; '' for the default) in place of ours. */
  useDevice(kind: 'camera' | 'microphone', deviceId: string): Promise<boolean> {
    if (this.#state.status.phase === 'ended') return Promise.resolve(false);
    const s = this.#state.session;
    return kind === 'camera'
      ? this.#attempt('Switching the camera', () =>
          s.changeVideoDevice({ cameraId: deviceId || undefined }),
        )
      : this.#attempt('Switching the microphone', () =>
          s.changeAudioDevice({ micphoneId: deviceId || undefined }),
        );
  }

  // ---- inside --------------------------------------------------------------------------------

  #apply(patch: Partial<CallState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const fn of [...this.#subscribers]) fn();
  }

  #advance(input: CallInput): void {
    const status = advance(this.#state.status, input);
    if (status) this.#apply({ status });
  }

  #emit<K extends CallEventName>(name: K, detail: CallEventDetails[K], userId?: string): void {
    this.#host.emit({ name, detail, callId: this.callId, userId } as StoreEvent);
  }

  #fail(code: CallErrorCode, message: string, cause?: unknown): void {
    this.#emit('callerror', errorDetail(code, message, true, cause));
  }

  /** Runs an engine operation with `pending[action]` set meanwhile. */
  async #act(action: keyof PendingActions, what: string, op: () => Promise<IResult>) {
    if (this.#state.pending[action]) return false;
    const pending = (on: boolean) => ({ pending: { ...this.#state.pending, [action]: on } });
    this.#apply(pending(true));
    const ok = await this.#attempt(what, op);
    this.#apply(pending(false));
    return ok;
  }

  /** Flips the mic or camera once the engine confirms; `pending` meanwhile. */
  async #toggle(
    which: 'mic' | 'camera' | 'screenShare',
    what: string,
    op: (on: boolean) => Promise<IResult>,
  ) {
    const { on, pending } = this.#state[which];
    if (pending || this.#state.status.phase === 'ended') return false;
    this.#apply(withToggle(this.#state, which, { on, pending: true }));
    const ok = await this.#attempt(what, () => op(on));
    this.#apply(withToggle(this.#state, which, { on: ok ? !on : on, pending: false }));
    return ok;
  }

  /** Whether the engine did it; a failure or an exception becomes a `callerror`. */
  async #attempt(what: string, op: () => Promise<IResult>): Promise<boolean> {
    let result: IResult;
    try {
      result = await op();
    } catch (cause) {
      this.#fail('call/failed', `${what} failed: ${String(cause)}`, cause);
      return false;
    }
    if (result.code === OK) return true;
    const message = `${what} failed with code ${result.code}`;
    this.#fail(errorCodeFor(result.code, result.cause), message, result.code);
    return false;
  }
}
