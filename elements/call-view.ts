import { activeView } from './active-view.js';
import {
  endedView,
  idleView,
  incomingView,
  outgoingView,
  type SessionIntents,
  type SessionView,
} from './session-views.js';
import type { CallStrings } from './strings.js';

/** The screen of the call's phase, or the idle screen when there is no call. */
export function callView(v: SessionView | undefined, act: SessionIntents, strings: CallStrings) {
  switch (v?.call.status.phase) {
    case 'incoming':
      return incomingView(v, act);
    case 'outgoing':
      return outgoingView(v, act);
    case 'active':
      return activeView(v, act);
    case 'ended':
      return endedView(v, act);
    default:
      return idleView(strings);
  }
}
