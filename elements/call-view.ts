import { nothing } from 'lit';
import {
  idleView,
  incomingView,
  outgoingView,
  type SessionIntents,
  type SessionView,
} from './session-views.js';
import type { CallStrings } from './strings.js';
import type { CallModel } from './call-model.js';

type ActiveViewModule = typeof import('./active-view.js');
let active: ActiveViewModule | undefined;
let loading: Promise<ActiveViewModule> | undefined;

/**
 * The in-call and after-call screens (tiles, control bar, devices, screen sharing, why a call ended)
 * are a chunk of their own, fetched
 * when the first `<rc-call-session>` connects: long before a call can be answered, and outside what
 * a page loads up front.
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
      return incomingView(v, act);
    case 'outgoing':
      return outgoingView(v, act);
    case 'active':
      return active ? active.activeView(v, act) : nothing;
    case 'ended':
      return active ? active.endedView(v, act) : nothing;
    default:
      return idleView(strings);
  }
}
