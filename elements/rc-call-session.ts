import { html, LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import type { CallState } from './call-state.js';
import { callIdContext } from './context.js';
import { createCallEvent } from './events.js';
import { resolveStrings } from './lang.js';
import { routerFor } from './router.js';
import { sessionStyles } from './session-styles.js';
import {
  callView,
  soundButton,
  syncTiles,
  type SessionIntents,
  type SessionView,
} from './session-views.js';
import { ClockController } from './clock-controller.js';
import { CallSounds, type Tone } from './sounds.js';
import { StoreController } from './store-controller.js';
import type { CallStore } from './store.js';
import { announcement, type CallStrings } from './strings.js';
import { IssueTracker, parseLangAttr } from './validation.js';
import type { RCCallSession } from '../src/calllib/session.js';

export type SessionState = 'idle' | CallState['phase'];

/**
 * Shows one call with a complete built-in UI: incoming, outgoing, active and ended.
 *
 * @summary The UI of one call: answer, ring, tiles, timer, mic/camera/audio-only/invite, hang up.
 *
 * @attr call-id - Bind to this call; by default the current call of the enclosing `<rc-call-client>`.
 * @attr state - Reflected, read-only: `idle`, `incoming`, `outgoing`, `active`, `ended`.
 * @attr media-type - Reflected, read-only: `audio` or `video`.
 * @attr silent - No ring or ringback tones.
 * @attr lang - `zh` or `en`; defaults to the client's language.
 *
 * @fires session - A call started (incoming or outgoing) and this element shows it.
 * @fires ringing - The callee's device rings.
 * @fires accept - A member answered.
 * @fires hungup - A member hung up; `detail.reason` is the CallLib end reason.
 * @fires membermodify - Members were invited to the call.
 * @fires mediamodify - A member switched the call to audio.
 * @fires sessionclose - The call ended; `detail.summary` has its duration and reason.
 * @fires trackready - A track is ready for a member without a tile here.
 * @fires mutechange - A member without a tile here muted or unmuted.
 * @fires callerror - A failed action, a bad `lang` (`config/invalid-lang`) or blocked sound (`autoplay/blocked`).
 *
 * @slot - `<rc-video-tile>` elements that replace the automatic tiles of the active call.
 *
 * @csspart accept - Accept button (with video for a video call).
 * @csspart accept-audio - Accept with audio only.
 * @csspart decline - Decline an incoming call.
 * @csspart hangup - Hang up, or cancel an outgoing call.
 * @csspart mic - Microphone toggle.
 * @csspart camera - Camera toggle.
 * @csspart to-audio - Switch the call to audio only.
 * @csspart invite - Show the invite form (group calls).
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

  // Static properties rather than decorators: the same reactive properties without the decorator
  // code in the bundle.
  static override properties: PropertyDeclarations = {
    callId: { attribute: 'call-id' },
    state: { reflect: true },
    mediaType: { reflect: true, attribute: 'media-type' },
    silent: { type: Boolean, reflect: true },
    lang: {},
    strings: { attribute: false },
    endedDuration: { attribute: false },
    inviteOpen: { state: true, attribute: false },
    customTiles: { state: true, attribute: false },
  };

  callId: string | undefined;
  state: SessionState = 'idle';
  mediaType: 'audio' | 'video' | undefined;
  silent = false;
  override lang = '';
  /** Replaces some or all of the built-in phrases. */
  strings: Partial<CallStrings> | undefined;
  /** How long the ended state stays before going back to idle, in ms. */
  endedDuration = 4000;

  private inviteOpen = false;
  private customTiles = false;

  /** Gives the tiles inside the call id shown. */
  readonly #callIdProvider = new ContextProvider(this, { context: callIdContext });
  readonly #store = new StoreController(this, (store) => this.#register(store));
  readonly #sounds = new CallSounds((resume) =>
    this.store?.reportAutoplayBlocked(resume, this.boundCallId),
  );
  readonly #issues = new IssueTracker((code, message) =>
    this.dispatchEvent(createCallEvent('callerror', { code, message, recoverable: true })),
  );
  #unregister: (() => void) | undefined;
  #announced = '';
  #refocus = false;
  #announcement = '';
  readonly #clock = new ClockController(
    this,
    () => this.state === 'active' || this.state === 'ended',
  );
  /** What the last render showed, for the tiles that `updated` keeps in step with it. */
  #view: SessionView | undefined;

  /** The store to show; overrides the one of the enclosing `<rc-call-client>`. */
  get store(): CallStore | undefined {
    return this.#store.store;
  }
  set store(store: CallStore | undefined) {
    this.#store.explicit = store;
  }

  /** The call shown, if any (ended calls stay for `endedDuration`). */
  get call(): CallState | undefined {
    const call = this.callId ? this.store?.get(this.callId) : this.store?.current;
    if (call?.phase === 'ended' && Date.now() - (call.endedAt ?? 0) >= this.endedDuration)
      return undefined;
    return call;
  }

  /** The tone playing now: `ring`, `ringback` or `null`. */
  get tone(): Tone | null {
    return this.#sounds.tone;
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
  accept(mediaType?: 'audio' | 'video'): Promise<boolean> {
    return this.#act((id, s) => s.actions.accept(id, mediaType));
  }
  /** Declines the incoming call shown (the caller sees reason 12, remote reject). */
  decline(): Promise<boolean> {
    return this.#act((id, s) => s.actions.hangup(id));
  }
  /** Ends the call shown: cancels while calling out, declines while ringing, else hangs up. */
  hangup(): Promise<boolean> {
    return this.#act((id, s) => s.actions.hangup(id));
  }
  /** Mutes or unmutes the microphone; `audio-muted` changes once the engine confirms. */
  toggleMic(): Promise<boolean> {
    return this.#act((id, s) => s.actions.toggleMic(id));
  }
  /** Turns the camera off or on; `video-muted` changes once the engine confirms. */
  toggleCamera(): Promise<boolean> {
    return this.#act((id, s) => s.actions.toggleCamera(id));
  }
  /** Turns a video call into an audio call for everyone (`mediamodify`). */
  switchToAudio(): Promise<boolean> {
    return this.#act((id, s) => s.actions.switchToAudio(id));
  }
  /** Invites more users into the group call shown (`membermodify` at the others). */
  invite(userIds: string[]): Promise<boolean> {
    return this.#act((id, s) => s.actions.invite(id, userIds));
  }

  async #act(fn: (callId: string, store: CallStore) => Promise<boolean>): Promise<boolean> {
    const id = this.boundCallId;
    return id && this.store ? fn(id, this.store) : false;
  }

  readonly #intents: SessionIntents = {
    accept: () => void this.accept(),
    acceptAudio: () => void this.accept('audio'),
    hangup: () => void this.hangup(),
    mic: () => void this.toggleMic(),
    camera: () => void this.toggleCamera(),
    toAudio: () => void this.switchToAudio(),
    toggleInvite: () => {
      this.inviteOpen = !this.inviteOpen;
      // Keyboard users land in the field, and back on the button when it closes (Escape).
      void this.updateComplete.then(() =>
        this.renderRoot
          .querySelector<HTMLElement>(this.inviteOpen ? 'input' : '[part=invite]')
          ?.focus(),
      );
    },
    submitInvite: (e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('users') as HTMLInputElement;
      const ids = input.value.split(/[\s,，]+/).filter(Boolean);
      void this.invite(ids).then((ok) => {
        if (ok) this.inviteOpen = false;
      });
    },
  };

  #register(store: CallStore | undefined): void {
    this.#unregister?.();
    this.#unregister = store ? routerFor(store).addSession(this) : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#sounds.dispose();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.#issues.check('lang', this.lang, parseLangAttr(this.lang));
    const call = this.call;
    const state = call?.phase ?? 'idle';
    // A focused button that the new state removes would drop keyboard users to the page's start.
    if (state !== this.state) this.#refocus = !!this.shadowRoot?.activeElement;
    this.state = state;
    this.mediaType = call?.mediaType;
    this.#callIdProvider.setValue(call?.callId);
    if (this.state !== 'active') this.inviteOpen = false;
    // An ended call goes back to idle after endedDuration.
    this.#clock.updateAt(
      call?.phase === 'ended' ? (call.endedAt ?? 0) + this.endedDuration : undefined,
    );
    this.#announce(call);
  }

  #announce(call: CallState | undefined): void {
    const key = call ? `${call.callId}:${call.phase}` : 'idle';
    if (key === this.#announced) return;
    this.#announced = key;
    this.#announcement = announcement(call, this.#strings());
  }

  #strings(): CallStrings {
    return resolveStrings(this.store, this.lang, this.strings);
  }

  override updated(): void {
    const grid = this.renderRoot.querySelector('.tiles');
    if (grid && this.#view) syncTiles(grid, this.#view);
    if (this.#refocus && !this.shadowRoot!.activeElement)
      this.renderRoot.querySelector<HTMLElement>('button')?.focus();
    this.#refocus = false;
    const tones: Partial<Record<SessionState, Tone>> = { incoming: 'ring', outgoing: 'ringback' };
    this.#sounds.play(this.silent ? null : (tones[this.state] ?? null));
  }

  #onSlotChange(e: Event): void {
    this.customTiles = (e.target as HTMLSlotElement).assignedElements().length > 0;
  }

  override render() {
    const strings = this.#strings();
    const call = this.call;
    const store = this.store;
    const view: SessionView | undefined = (this.#view =
      call && store
        ? {
            call,
            store,
            strings,
            now: Date.now(),
            customTiles: this.customTiles,
            inviteOpen: this.inviteOpen,
          }
        : undefined);
    return html`<div @slotchange=${this.#onSlotChange}>
        ${callView(view, this.#intents, strings)}
      </div>
      ${store?.audioBlocked ? soundButton(strings, () => void store.unblockAudio()) : ''}
      <div class="sr-only" role="status" aria-live="polite">${this.#announcement}</div>`;
  }
}
