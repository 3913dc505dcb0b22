import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CallModel } from './call-model.js';
import { callContext, callStoreContext } from './context.js';
import { createCallEvent, type CallView } from './events.js';
import type { CallStore } from './store.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface BindingOptions {
  /** The call the host names (`call-id`), if it names one. */
  callId(): string | undefined;
  /** Without a `call-id`: the store's current call (a session) or the enclosing session's (a tile). */
  otherwise: 'current' | 'enclosing';
  /** The member the host shows (tiles): member events go to it. */
  userId?(): string;
  /** Hand the store and the call down to the elements inside (a session to its tiles). */
  provide?: boolean;
  /** How long an ended call stays shown, in ms (a session's `endedDuration`); default forever. */
  keepEnded?(): number;
}

/**
 * Binds an element to one call: takes the store from an explicit property or from context (the
 * enclosing client or session), picks the call, re-renders the host when either changes, and
 * registers the host as a view of the call so that the call's events are dispatched on it. Everything
 * is attached while the host is in the document and detached when it leaves.
 */
export class CallBinding implements ReactiveController {
  #explicit: CallStore | undefined;
  #contextStore: CallStore | undefined;
  #enclosing: CallModel | undefined;
  #connected = false;
  #store: CallStore | undefined;
  #call: CallModel | undefined;
  /** What to undo when the store or the call changes. */
  #unsubscribe: (() => void)[] = [];
  #offCall: (() => void)[] = [];

  readonly #view: CallView;
  #provide: (() => void) | undefined;
  #expiry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: BindingOptions,
  ) {
    host.addController(this);
    this.#view = {
      get userId() {
        return options.userId?.();
      },
      isActive: () => host.isConnected,
      ready: () => host.updateComplete,
      dispatch: (e) => host.dispatchEvent(createCallEvent(e.name, e.detail)),
    };
    if (options.provide) {
      const store = new ContextProvider(host, { context: callStoreContext });
      const call = new ContextProvider(host, { context: callContext });
      this.#provide = () => {
        store.setValue(this.#store);
        call.setValue(this.#call);
      };
    }
    new ContextConsumer(host, {
      context: callStoreContext,
      subscribe: true,
      callback: (store) => {
        this.#contextStore = store;
        this.refresh();
      },
    });
    if (options.otherwise === 'enclosing') {
      new ContextConsumer(host, {
        context: callContext,
        subscribe: true,
        callback: (call) => {
          this.#enclosing = call;
          this.refresh();
        },
      });
    }
  }

  /** The explicit store wins over the context's. */
  get store(): CallStore | undefined {
    return this.#explicit ?? this.#contextStore;
  }

  set explicit(store: CallStore | undefined) {
    this.#explicit = store;
    this.refresh();
  }

  /** The call bound, if any (an ended call too, however long ago). */
  get call(): CallModel | undefined {
    return this.#call;
  }

  /** The call bound, unless it ended more than `keepEnded()` ago. */
  get shown(): CallModel | undefined {
    const until = this.#shownUntil();
    return until === undefined || Date.now() < until ? this.#call : undefined;
  }

  #shownUntil(): number | undefined {
    const status = this.#call?.state.status;
    if (status?.phase !== 'ended' || !this.options.keepEnded) return undefined;
    return status.endedAt + this.options.keepEnded();
  }

  /** The host renders again when an ended call stops being shown. */
  #scheduleExpiry(): void {
    clearTimeout(this.#expiry);
    const until = this.#shownUntil();
    if (until !== undefined && this.#connected)
      this.#expiry = setTimeout(() => this.host.requestUpdate(), Math.max(0, until - Date.now()));
  }

  hostConnected(): void {
    this.#connected = true;
    this.refresh();
  }

  hostDisconnected(): void {
    clearTimeout(this.#expiry);
    this.#connected = false;
    this.refresh();
  }

  /** Picks the store and the call again (the host calls it when `call-id` changes). */
  refresh(): void {
    const store = this.#connected ? this.store : undefined;
    const changed = store !== this.#store;
    if (changed) {
      this.#unsubscribe.forEach((off) => off());
      this.#unsubscribe = store ? [store.subscribe(() => this.#pick(false))] : [];
      this.#store = store;
    }
    this.#pick(changed);
  }

  #pick(storeChanged: boolean): void {
    const store = this.#store;
    const id = this.options.callId();
    const call = !store
      ? undefined
      : id
        ? store.get(id)
        : this.options.otherwise === 'current'
          ? store.current
          : this.#enclosing;
    const callChanged = call !== this.#call;
    if (callChanged) {
      this.#offCall.forEach((off) => off());
      const changed = () => {
        this.#scheduleExpiry();
        this.host.requestUpdate();
      };
      this.#offCall = call ? [call.subscribe(changed), call.addView(this.#view)] : [];
      this.#call = call;
    }
    this.#scheduleExpiry();
    if (storeChanged || callChanged) this.#provide?.();
    this.host.requestUpdate();
  }
}
