/** The app's session listener: the callbacks CallLib requires, checked when it is registered. */
import type { ISessionListener } from './types.js';

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
