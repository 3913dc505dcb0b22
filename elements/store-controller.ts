import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { callStoreContext } from './context.js';
import type { CallStore } from './store.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Gives an element the store of the enclosing `<rc-call-client>` (or an explicit one) and re-renders
 * it on every store change. Subscribes in `hostConnected` and unsubscribes in `hostDisconnected`, so a
 * removed element holds no reference from the store.
 */
export class StoreController implements ReactiveController {
  #explicit: CallStore | undefined;
  #fromContext: CallStore | undefined;
  #subscribed: CallStore | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: Host,
    private readonly onChange: (store: CallStore | undefined) => void = () => {},
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: callStoreContext,
      subscribe: true,
      callback: (store) => {
        this.#fromContext = store;
        this.#resubscribe();
      },
    });
  }

  /** The explicit store wins over the context's. */
  get store(): CallStore | undefined {
    return this.#explicit ?? this.#fromContext;
  }

  set explicit(store: CallStore | undefined) {
    this.#explicit = store;
    this.#resubscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#resubscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#resubscribe();
  }

  #resubscribe(): void {
    const next = this.#connected ? this.store : undefined;
    if (next === this.#subscribed) return;
    this.#unsubscribe?.();
    this.#unsubscribe = next?.subscribe(() => this.host.requestUpdate());
    this.#subscribed = next;
    this.onChange(next);
    this.host.requestUpdate();
  }
}
