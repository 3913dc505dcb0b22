import type { ReactiveController, ReactiveElement } from 'lit';
import type { CallState } from './call-state.js';
import type { CallPhase } from './call-status.js';
import type { CallSounds, Tone } from './sounds.js';
import { announcement, type CallStrings } from './strings.js';

const TONES: Partial<Record<CallPhase, Tone>> = { incoming: 'ring', outgoing: 'ringback' };

/**
 * What a `<rc-call-session>` does for the senses when its call changes state: the ring and ringback
 * tones, the sentence its live region announces, and keeping keyboard focus inside when the button
 * that had it goes away with the old state.
 */
export class SessionFeedback implements ReactiveController {
  /** The tone synthesiser, loaded with the first tone (most pages never ring). */
  #sounds: Promise<CallSounds> | undefined;
  #tone: Tone | null = null;
  #announced = '';
  #announcement = '';
  #state: CallPhase | 'reconnecting' = 'idle';
  #refocus = false;

  constructor(
    private readonly host: ReactiveElement,
    private readonly onBlocked: (resume: () => Promise<void>) => void,
  ) {
    host.addController(this);
  }

  /** The tone playing now (its sound starts as soon as the synthesiser has loaded). */
  get tone(): Tone | null {
    return this.#tone;
  }

  /** What the live region says: set when the call reaches a new state. */
  get announcement(): string {
    return this.#announcement;
  }

  /** Before rendering `call` in `state` (its phase, or `reconnecting`). */
  willShow(
    call: CallState | undefined,
    state: CallPhase | 'reconnecting',
    strings: CallStrings,
  ): void {
    const from = this.#state;
    if (state !== from) this.#refocus = !!this.host.shadowRoot?.activeElement;
    this.#state = state;
    const key = call ? `${call.callId}:${state}` : 'idle';
    if (key === this.#announced) return;
    this.#announced = key;
    this.#announcement = announcement(call, strings, state, from);
  }

  /** After rendering: the tone of the state (none when `silent`), and focus back on a button. */
  shown(silent: boolean): void {
    const root = this.host.shadowRoot;
    if (this.#refocus && root && !root.activeElement) root.querySelector('button')?.focus();
    this.#refocus = false;
    const tone = silent ? null : (TONES[this.#state as CallPhase] ?? null);
    if (tone === this.#tone) return;
    this.#tone = tone;
    if (tone) this.#sounds ??= import('./sounds.js').then((m) => new m.CallSounds(this.onBlocked));
    void this.#sounds?.then((sounds) => sounds.play(this.#tone));
  }

  hostDisconnected(): void {
    this.#tone = null;
    void this.#sounds?.then((sounds) => sounds.dispose());
  }
}
