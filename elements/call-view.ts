import { nothing } from 'lit';
import {
  endedView,
  idleView,
  incomingView,
  outgoingView,
  type SessionIntents,
  type SessionView,
} from './session-views.js';
import type { CallStrings } from './strings.js';

type ActiveViewModule = typeof import('./active-view.js');
let active: ActiveViewModule | undefined;
let loading: Promise<ActiveViewModule> | undefined;

/**
 * The in-call screen (tiles, control bar, devices, screen sharing) is a chunk of its own, fetched
 * when the first `<rc-call-session>` connects: long before a call can be answered, and outside what
 * a page loads up front.
 */
export function loadActiveView(): Promise<ActiveViewModule> {
  loading ??= import('./active-view.js').then((m) => (active = m));
  return loading;
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
      return endedView(v, act);
    default:
      return idleView(strings);
  }
}
