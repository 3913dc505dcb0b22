import type { RCCallSession } from '../src/calllib/session.js';
import type { ISessionListener } from '../src/calllib/types.js';

/** Every callback of a session listener that the elements use. */
const CALLBACKS: readonly (keyof ISessionListener)[] = [
  'onRinging',
  'onAccept',
  'onHungup',
  'onTrackReady',
  'onMemberModify',
  'onMediaModify',
  'onAudioMuteChange',
  'onVideoMuteChange',
  'onTrackPublishFail',
  'onTrackSubscribeFail',
];

/**
 * A session listener that hands each callback to the listener `of(session)` gives. For a call being
 * placed: the engine calls the listener (local tracks first) before `call()` resolves, with the
 * session as the last argument, so the call's model can be made on the first callback.
 */
export function forwardListener(
  of: (session: RCCallSession) => ISessionListener,
): ISessionListener {
  const forward =
    (name: keyof ISessionListener) =>
    (...args: unknown[]) => {
      const fn = of(args[args.length - 1] as RCCallSession)[name] as (...a: unknown[]) => void;
      fn(...args);
    };
  return Object.fromEntries(
    CALLBACKS.map((name) => [name, forward(name)]),
  ) as unknown as ISessionListener;
}
