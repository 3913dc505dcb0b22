import { createContext, type Context, type ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallStore } from './store.js';

/** The store of the enclosing `<rc-call-client>`; stable for the client's lifetime. */
export const callStoreContext = createContext<CallStore | undefined>(Symbol('rc-call-store'));

/** The call id an enclosing `<rc-call-session>` shows, for the tiles inside it. */
export const callIdContext = createContext<string | undefined>(Symbol('rc-call-id'));

// The elements speak the community context protocol (`context-request` and `context-provider`
// events, as `@lit/context` does) through the two small classes below rather than @lit/context's
// controllers, which cost twice their size in the bundle. Consumers and providers written with
// @lit/context work with them both ways, across shadow roots and with a `ContextRoot`.

type Host = ReactiveControllerHost & HTMLElement;
type AnyContext = Context<unknown, unknown>;

/** The fields of a `context-request` (ContextRequestEvent) or `context-provider` event. */
interface ContextEvent extends Event {
  context: AnyContext;
  contextTarget?: Element;
  callback: ContextCallback<unknown>;
  subscribe?: boolean;
}

function contextEvent(type: string, fields: object): Event {
  return Object.assign(new Event(type, { bubbles: true, composed: true }), fields);
}

/** The element that asked, or the provider that announced itself. */
const origin = (e: ContextEvent) => e.contextTarget ?? (e.composedPath()[0] as Element);

/** Provides `context` to the elements inside `host`; subscribers hear of every new value. */
export class ContextProvider<T> implements ReactiveController {
  readonly #subscribers = new Map<ContextCallback<T>, { target: Element; dispose: () => void }>();

  constructor(
    private readonly host: Host,
    private readonly context: Context<unknown, T>,
    private value?: T,
  ) {
    host.addController(this);
    host.addEventListener('context-request', (e) => {
      const ev = e as ContextEvent;
      const target = origin(ev);
      if (ev.context !== context || target === host) return;
      e.stopPropagation();
      if (!ev.subscribe) return ev.callback(this.value);
      let sub = this.#subscribers.get(ev.callback);
      if (!sub) {
        const dispose = () => this.#subscribers.delete(ev.callback);
        this.#subscribers.set(ev.callback, (sub = { target, dispose }));
      }
      ev.callback(this.value, sub.dispose);
    });
    // A provider of the same context appeared inside: its subscribers ask again, so the nearest
    // provider answers them.
    host.addEventListener('context-provider', (e) => {
      const ev = e as ContextEvent;
      if (ev.context !== context || origin(ev) === host) return;
      for (const [callback, { target }] of [...this.#subscribers]) {
        target.dispatchEvent(
          contextEvent('context-request', {
            context,
            contextTarget: target,
            callback,
            subscribe: true,
          }),
        );
      }
      e.stopPropagation();
    });
  }

  hostConnected(): void {
    this.host.dispatchEvent(
      contextEvent('context-provider', { context: this.context, contextTarget: this.host }),
    );
  }

  setValue(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const [callback, { dispose }] of this.#subscribers) callback(value, dispose);
  }
}

/**
 * Asks for `context` (subscribed) whenever `host` connects, and lets go when it disconnects;
 * `onValue` gets every value, and `host` re-renders.
 */
export function consumeContext<T>(
  host: Host,
  context: Context<unknown, T>,
  onValue: (value: T) => void,
): void {
  let unsubscribe: (() => void) | undefined;
  const callback = (value: T, dispose?: () => void) => {
    // Another provider answered (a nearer one appeared): leave the previous one.
    if (unsubscribe && unsubscribe !== dispose) unsubscribe();
    unsubscribe = dispose;
    host.requestUpdate();
    onValue(value);
  };
  host.addController({
    hostConnected: () =>
      host.dispatchEvent(
        contextEvent('context-request', {
          context,
          contextTarget: host,
          callback,
          subscribe: true,
        }),
      ),
    hostDisconnected: () => {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  });
}
