import { html, nothing } from 'lit';
import { icons } from './icons.js';
import type { SessionIntents, SessionView } from './session-views.js';
import type { CallStrings } from './strings.js';
import type { CallModel } from './call-model.js';

type ActiveViewModule = typeof import('./active-view.js');
let active: ActiveViewModule | undefined;
let loading: Promise<ActiveViewModule> | undefined;

/**
 * The screens of a call (ringing, calling, in the call with its tiles, control bar, devices and
 * screen sharing, why it ended) are a chunk of their own, fetched when the first
 * `<rc-call-session>` connects: in parallel with the backend and the engine, which a call needs
 * first, and outside what a page loads up front.
 */
export function loadActiveView(): Promise<ActiveViewModule> {
  loading ??= import('./active-view.js').then((m) => (active = m));
  return loading;
}

/** Starts what follows an active call on the page (who speaks), once its code is here. */
export function watchActiveCall(model: CallModel): void {
  active?.watchActiveCall(model);
}

/** Whether the in-call screen's code is here. */
export const activeViewLoaded = () => active !== undefined;

/** The screen of the call's phase, or the idle screen when there is no call. */
export function callView(v: SessionView | undefined, act: SessionIntents, strings: CallStrings) {
  switch (v?.call.status.phase) {
    case 'incoming':
      return active ? active.incomingView(v, act) : nothing;
    case 'outgoing':
      return active ? active.outgoingView(v, act) : nothing;
    case 'active':
      return active ? active.activeView(v, act) : nothing;
    case 'ended':
      return active ? active.endedView(v, act) : nothing;
    default:
      return idleView(strings);
  }
}

export function idleView(strings: CallStrings) {
  return html`<div class="screen idle">
    <span part="status" class="status">${icons.phone}<br />${strings.noCall}</span>
  </div>`;
}

export function soundButton(strings: CallStrings, onClick: () => void) {
  return html`<button part="enable-sound" class="text-btn sound" @click=${onClick}>
    ${icons.sound}${strings.enableSound}
  </button>`;
}
