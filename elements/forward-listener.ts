import type { RCCallSession } from '../src/calllib/session.js';
import type { ISessionListener } from '../src/calllib/types.js';

type Callback = (...args: unknown[]) => void;

/**
 * A session listener that hands each callback to the listener `of(session)` gives. For a call being
 * placed: the engine calls the listener (local tracks first) before `call()` resolves, with the
 * session as the last argument, so the call's model can be made on the first callback. Every
 * `on…` name is answered (a Proxy), so it forwards whatever the model's listener has; nothing
 * else is (not `then`: the listener is no promise).
 */
export function forwardListener(
  of: (session: RCCallSession) => ISessionListener,
): ISessionListener {
  const forward =
    (name: string) =>
    (...args: unknown[]) => {
      const listener = of(args[args.length - 1] as RCCallSession);
      (listener[name as keyof ISessionListener] as Callback | undefined)?.(...args);
    };
  return new Proxy({} as ISessionListener, {
    get: (_, name) =>
      typeof name === 'string' && name.startsWith('on') ? forward(name) : undefined,
  });
}
