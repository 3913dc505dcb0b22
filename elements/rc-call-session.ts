import { html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { RCCallSession } from '../src/calllib/session.js';
import { CallBinding } from './call-binding.js';
import type { CallModel } from './call-model.js';
import { isReconnecting, type CallState, type MediaKind } from './call-state.js';
import type { CallPhase } from './call-status.js';
import {
  activeViewLoaded,
  callView,
  loadActiveView,
  soundButton,
  watchActiveCall,
} from './call-view.js';
import { ClockController } from './clock-controller.js';
import { createCallEvent } from './events.js';
import { resolveStrings } from './lang.js';
import { SessionFeedback } from './session-feedback.js';
import { inviteIntents, userIntents } from './session-intents.js';
import { sessionStyles } from './session-styles.js';
import type { SessionIntents, SessionView } from './session-views.js';
import type { Tone } from './sounds.js';
import type { CallStore } from './store.js';
import type { CallStrings } from './strings.js';
import { IssueTracker, parseLangAttr } from './validation.js';

/** The call's phase, or `reconnecting`: an active call whose link is down. */
export type SessionState = CallPhase | 'reconnecting';

/**
 * Shows one call with a complete built-in UI: incoming, outgoing, active and ended.
 *
 * @summary The UI of one call: answer, ring, tiles, timer, mic/camera/audio-only/invite, hang up.
 *
 * @attr call-id - Bind to this call; by default the current call of the enclosing `<rc-call-client>`.
 * @attr state - Reflected, read-only: `idle`, `incoming`, `outgoing`, `active`, `reconnecting` (active, but our link or the other side's is down and being restored), `ended`.
 * @attr media-type - Reflected, read-only: `audio` or `video`.
 * @attr silent - No ring or ringback tones.
 * @attr active-speaker - Group calls: the member who spoke last comes first in the grid.
 * @attr lang - `zh` or `en`; defaults to the client's language.
 *
 * @fires {CustomEvent<SessionEventDetail>} session - A call started (incoming: `onSession`; outgoing: `call()` resolved) and this element shows it: `{session, incoming}`.
 * @fires {CustomEvent<SenderEventDetail>} ringing - The callee's device rings (`onRinging`): `{session, sender}`.
 * @fires {CustomEvent<SenderEventDetail>} accept - A member answered (`onAccept`): `{session, sender}`.
 * @fires {CustomEvent<ConnectionStateEventDetail>} connectionstate - A link of the call went down or came back, when no tile shows that member (see `<rc-video-tile>`).
 * @fires {CustomEvent<ScreenShareEventDetail>} screenshare - A member (or we) started or stopped sharing a screen (`onScreenShareChange`): `{session, userId, sharing}`.
 * @fires {CustomEvent<HungupEventDetail>} hungup - A member hung up (`onHungup`): `{session, sender, reason}`, the CallLib end reason in the remote form.
 * @fires {CustomEvent<MemberModifyEventDetail>} membermodify - Members were invited (`onMemberModify`): `{session, sender, invitedUsers}`.
 * @fires {CustomEvent<MediaModifyEventDetail>} mediamodify - A member switched the call to audio (`onMediaModify`): `{session, sender, mediaType}`.
 * @fires {CustomEvent<SessionCloseEventDetail>} sessionclose - The call ended (`onSessionClose`): `{session, summary}`, with its duration and `endReason`.
 * @fires {CustomEvent<TrackReadyEventDetail>} trackready - A track is ready for a member without a tile here: `{session, track, userId, local, kind}`.
 * @fires {CustomEvent<MuteChangeEventDetail>} mutechange - A member without a tile here muted or unmuted: `{session, muteUser: {userId, muted, kind, trackId}}`.
 * @fires {CustomEvent<CallErrorEventDetail>} callerror - A failed action, a bad `lang` (`config/invalid-lang`) or blocked sound (`autoplay/blocked`): `{code, message, recoverable, cause?}`.
 * @fires {CustomEvent<BeforeAcceptEventDetail>} beforeaccept - An accept button was pressed: `{session, mediaType}`. Cancelable: `preventDefault()` keeps the call ringing.
 * @fires {CustomEvent<BeforeHangupEventDetail>} beforehangup - Decline, cancel or hang up was pressed: `{session, action: 'decline' | 'cancel' | 'hangup'}`. Cancelable: the call goes on.
 * @fires {CustomEvent<BeforeMuteEventDetail>} beforemute - The microphone or camera button was pressed: `{session, kind: 'audio' | 'video', muted}` (`muted`: what was asked for). Cancelable: nothing changes.
 * @fires {CustomEvent<BeforeCallEventDetail>} beforecall - The ended screen's call-back button was pressed: `{targetId, userIds, group, mediaType}`. Cancelable: no call is made.
 *
 * @slot - `<rc-video-tile>` elements that replace the automatic tiles of the active call.
 * @slot controls - Controls added to the call's control bar, before hang up (hide a built-in one with `::part(mic) { display: none }`).
 * @slot incoming-actions - Buttons added to the incoming call's actions, before decline.
 * @slot avatar - Replaces the large avatar of the incoming, outgoing and ended screens.
 *
 * @csspart accept - Accept button (with video for a video call).
 * @csspart accept-audio - Accept with audio only.
 * @csspart decline - Decline an incoming call.
 * @csspart hangup - Hang up, or cancel an outgoing call.
 * @csspart mic - Microphone toggle.
 * @csspart camera - Camera toggle.
 * @csspart to-audio - Switch the call to audio only.
 * @csspart invite - Show the invite form (group calls).
 * @csspart banner - The "Reconnecting…" banner, shown while the call's link is down (its live region says it too).
 * @csspart screenshare - Share the screen, or stop sharing (video calls, where the browser can).
 * @csspart pip - Picture in picture: the remote video in a floating window.
 * @csspart settings - Show or hide the device choices (`<rc-call-devices>`) above the bar.
 * @csspart call-back - Call the same user again (ended 1:1 calls).
 * @csspart enable-sound - "Tap to enable sound", shown when the browser blocks audio.
 * @csspart timer - Call duration.
 * @csspart status - The status line.
 * @csspart tiles - The grid of tiles.
 * @csspart avatar - The large avatar of the other side.
 * @csspart name - The other side's name.
 *
 * @cssprop --rc-call-bg - Background (light/dark defaults follow `prefers-color-scheme`).
 * @cssprop --rc-call-fg - Text colour.
 * @cssprop --rc-call-muted-fg - Secondary text colour.
 * @cssprop --rc-call-warning - Background of the "Reconnecting…" banner (default amber).
 * @cssprop --rc-call-surface - Background of the active call stage.
 * @cssprop --rc-call-control-bg - Background of round controls.
 * @cssprop --rc-call-control-fg - Icon colour of round controls.
 * @cssprop --rc-call-accent - Accent colour (focus, invite button).
 * @cssprop --rc-call-accept - Accept button colour.
 * @cssprop --rc-call-danger - Decline and hang-up colour.
 * @cssprop --rc-call-focus-ring - Focus outline colour.
 * @cssprop --rc-call-radius - Corner radius of the card and tiles.
 * @cssprop --rc-call-font - Font family.
 * @cssprop --rc-call-min-height - Minimum height of the card (default 440px).
 * @cssprop --rc-call-shadow - Card shadow.
 * @cssprop --rc-call-tile-aspect - Tile aspect ratio (default `4 / 3`).
 */
export class RcCallSession extends LitElement {
  static override styles = sessionStyles;

  static override properties: PropertyDeclarations = {
    callId: { attribute: 'call-id' },
    state: { reflect: true },
    mediaType: { reflect: true, attribute: 'media-type' },
    silent: { type: Boolean, reflect: true },
    activeSpeaker: { type: Boolean, reflect: true, attribute: 'active-speaker' },
    lang: {},
    strings: { attribute: false },
    endedDuration: { attribute: false },
    inviteOpen: { state: true, attribute: false },
    settingsOpen: { state: true, attribute: false },
    customTiles: { state: true, attribute: false },
  };

  callId: string | undefined;
  state: SessionState = 'idle';
  mediaType: MediaKind | undefined;
  silent = false;
  /** Group calls: the member who spoke last comes first in the grid. */
  activeSpeaker = false;
  override lang = '';
  /** Replaces some or all of the built-in phrases. */
  strings: Partial<CallStrings> | undefined;
  /** How long the ended state stays before going back to idle, in ms. */
  endedDuration = 4000;

  private inviteOpen = false;
  private settingsOpen = false;
  private customTiles = false;

  // The tiles inside get the store and the call from here (the page's, in the default slot, too).
  readonly #binding = new CallBinding(this, {
    callId: () => this.callId,
    otherwise: 'current',
    provide: true,
    keepEnded: () => this.endedDuration,
  });
  readonly #feedback = new SessionFeedback(this, (resume) =>
    this.store?.reportAutoplayBlocked(resume, { callId: this.boundCallId }),
  );
  readonly #issues = new IssueTracker((code, message) =>
    this.dispatchEvent(createCallEvent('callerror', { code, message, recoverable: true })),
  );

  constructor() {
    super();
    new ClockController(this, () => this.call?.status.phase === 'active'); // the call timer
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadActiveView().then(() => this.requestUpdate());
  }

  /** Also waits for the in-call screen's code, so that what a call shows is there. */
  protected override getUpdateComplete(): Promise<boolean> {
    if (activeViewLoaded()) return super.getUpdateComplete();
    return loadActiveView().then(
      () => super.getUpdateComplete(),
      () => super.getUpdateComplete(),
    );
  }

  /** The store to show; overrides the one of the enclosing `<rc-call-client>`. */
  get store(): CallStore | undefined {
    return this.#binding.store;
  }
  set store(store: CallStore | undefined) {
    this.#binding.explicit = store;
  }

  /** The state of the call shown, if any (an ended call stays for `endedDuration`). */
  get call(): CallState | undefined {
    return this.#binding.shown?.state;
  }

  /** The tone playing now: `ring`, `ringback` or `null`. */
  get tone(): Tone | null {
    return this.#feedback.tone;
  }

  /** The CallLib session shown, if any. */
  get session(): RCCallSession | undefined {
    return this.call?.session;
  }

  /** The callId of the call shown, if any. */
  get boundCallId(): string | undefined {
    return this.call?.callId;
  }

  /**
   * Answers the incoming call shown; `'audio'` answers a video call with audio only. Resolves
   * `false` when there is nothing to answer or the engine refused (then `callerror` says why).
   */
  accept(mediaType?: MediaKind): Promise<boolean> {
    return this.#act((call) => call.accept(mediaType));
  }
  /** Declines the incoming call shown (the caller sees reason 12, remote reject). */
  decline(): Promise<boolean> {
    return this.#act((call) => call.hangup());
  }
  /** Ends the call shown: cancels while calling out, declines while ringing, else hangs up. */
  hangup(): Promise<boolean> {
    return this.#act((call) => call.hangup());
  }
  /** Mutes or unmutes the microphone; `audio-muted` changes once the engine confirms. */
  toggleMic(): Promise<boolean> {
    return this.#act((call) => call.toggleMic());
  }
  /** Turns the camera off or on; `video-muted` changes once the engine confirms. */
  toggleCamera(): Promise<boolean> {
    return this.#act((call) => call.toggleCamera());
  }
  /** Turns a video call into an audio call for everyone (`mediamodify`). */
  switchToAudio(): Promise<boolean> {
    return this.#act((call) => call.switchToAudio());
  }
  /** Shares a screen in the call shown, or stops sharing (`screenshare` at every member). */
  toggleScreenShare(): Promise<boolean> {
    return this.#act((call) => call.toggleScreenShare());
  }
  /** Invites more users into the group call shown (`membermodify` at the others). */
  invite(userIds: string[]): Promise<boolean> {
    return this.#act((call) => call.invite(userIds));
  }

  async #act(fn: (call: CallModel) => Promise<boolean>): Promise<boolean> {
    const call = this.#binding.shown;
    return call ? fn(call) : false;
  }

  readonly #intents: SessionIntents = {
    ...userIntents(this),
    ...inviteIntents({
      isOpen: () => this.inviteOpen,
      setOpen: (open) => (this.inviteOpen = open),
      rendered: () => this.updateComplete.then(() => this.renderRoot),
      invite: (ids) => this.invite(ids),
    }),
    toggleSettings: () => (this.settingsOpen = !this.settingsOpen),
  };

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('callId') || changed.has('endedDuration')) this.#binding.refresh();
    if (changed.has('lang')) this.#issues.check('lang', this.lang, parseLangAttr(this.lang));
    const call = this.call;
    const phase = call?.status.phase ?? 'idle';
    const state = phase === 'active' && isReconnecting(call!) ? 'reconnecting' : phase;
    this.#feedback.willShow(call, state, this.#strings());
    this.state = state;
    this.mediaType = call?.mediaType;
    if (phase !== 'active') this.inviteOpen = this.settingsOpen = false;
  }

  #strings(): CallStrings {
    return resolveStrings(this.store?.locale, this.lang, this.strings);
  }

  override updated(): void {
    this.#feedback.shown(this.silent);
    const shown = this.#binding.shown;
    if (shown?.state.status.phase === 'active') watchActiveCall(shown);
  }

  #onSlotChange(e: Event): void {
    const slot = e.target as HTMLSlotElement;
    if (!slot.name) this.customTiles = slot.assignedElements().length > 0;
  }

  override render() {
    const strings = this.#strings();
    const call = this.call;
    const view: SessionView | undefined = call && {
      call,
      strings,
      now: Date.now(),
      customTiles: this.customTiles,
      inviteOpen: this.inviteOpen,
      settingsOpen: this.settingsOpen,
      activeSpeaker: this.activeSpeaker,
    };
    const store = this.store;
    return html`<div @slotchange=${this.#onSlotChange}>
        ${callView(view, this.#intents, strings)}
      </div>
      ${store?.autoplay.blocked ? soundButton(strings, () => void store.autoplay.unblock()) : ''}
      <div class="sr-only" role="status" aria-live="polite">${this.#feedback.announcement}</div>`;
  }
}
