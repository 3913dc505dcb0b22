import { createCallEvent, SESSION_EVENTS } from './events.js';
import type { CallStore, StoreEvent } from './store.js';

/** What a `<rc-call-session>` tells the router: which call it shows right now. */
export interface SessionView extends HTMLElement {
  readonly boundCallId: string | undefined;
  readonly updateComplete: Promise<boolean>;
}

/** What a `<rc-video-tile>` tells the router: which member of which call it shows. */
export interface TileView extends HTMLElement {
  readonly boundCallId: string | undefined;
  readonly userId: string;
  readonly updateComplete: Promise<boolean>;
}

/**
 * Sends each store event to the one element that shows it: the tile of that member, else the session
 * element of that call, else the client element. The events bubble and are composed, so each reaches
 * the client and the document exactly once. Delivery waits for the session element to render, so a
 * tile created for a new track already exists when that track's event is dispatched.
 */
export class EventRouter {
  host: HTMLElement | undefined;
  readonly #sessions = new Set<SessionView>();
  readonly #tiles = new Set<TileView>();
  #queue: Promise<void> = Promise.resolve();

  constructor(store: CallStore) {
    store.onEvent((event) => {
      this.#queue = this.#queue
        .then(() => this.#deliver(event))
        .catch((e: unknown) => console.error(e));
    });
  }

  addSession(view: SessionView): () => void {
    this.#sessions.add(view);
    return () => this.#sessions.delete(view);
  }

  addTile(view: TileView): () => void {
    this.#tiles.add(view);
    return () => this.#tiles.delete(view);
  }

  /** Resolves when every event emitted so far has been dispatched. */
  get settled(): Promise<void> {
    return this.#queue;
  }

  async #deliver(event: StoreEvent): Promise<void> {
    const target = await this.#target(event);
    target?.dispatchEvent(createCallEvent(event.name, event.detail));
  }

  async #target(event: StoreEvent): Promise<HTMLElement | undefined> {
    const { callId } = event;
    const session = callId ? this.#sessionFor(callId) : undefined;
    if (session) await session.updateComplete;
    if (callId && event.userId && !SESSION_EVENTS.includes(event.name)) {
      const tile = [...this.#tiles].find(
        (t) => t.isConnected && t.boundCallId === callId && t.userId === event.userId,
      );
      if (tile) return tile;
    }
    const view = callId ? this.#sessionFor(callId) : undefined;
    if (view) return view;
    if (this.host?.isConnected) return this.host;
    // A removed client still tells its own listeners (e.g. `statuschange` to `disconnected`).
    return [...this.#sessions].find((s) => s.isConnected) ?? this.host;
  }

  #sessionFor(callId: string): SessionView | undefined {
    return [...this.#sessions].find((s) => s.isConnected && s.boundCallId === callId);
  }
}

const routers = new WeakMap<CallStore, EventRouter>();

/** The router of `store`, created on first use. */
export function routerFor(store: CallStore): EventRouter {
  let router = routers.get(store);
  if (!router) {
    router = new EventRouter(store);
    routers.set(store, router);
  }
  return router;
}

/** Makes `host` the element that gets the events no more specific element shows. */
export function setRouterHost(store: CallStore, host: HTMLElement): void {
  routerFor(store).host = host;
}
