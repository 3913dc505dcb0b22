import type { CallModel } from './call-model.js';
import type { CallView, StoreEvent } from './events.js';

/**
 * Hands each call event to the one view that shows it: the tile of the member it names (`userId`:
 * tracks, mutes, a tile's blocked sound), else the session element of that call, else the host
 * (the client element). The elements dispatch it as a bubbling,
 * composed DOM event, so it reaches the client and the document exactly once. Events go out in the
 * order they came, each after the call's session views have rendered: a tile made for a new track
 * exists when that track's event is delivered.
 */
export class EventRouter {
  #host: CallView | undefined;
  #queue: Promise<void> = Promise.resolve();

  /** The view of events that no more specific view shows; returns its removal. */
  setHost(view: CallView): () => void {
    this.#host = view;
    return () => {
      if (this.#host === view) this.#host = undefined;
    };
  }

  route(event: StoreEvent, model: CallModel | undefined): void {
    this.#queue = this.#queue
      .then(() => this.#deliver(event, model))
      .catch((err: unknown) => console.error('[rc-call] delivering a call event failed', err));
  }

  /** Resolves when every event routed so far has been delivered. */
  get settled(): Promise<void> {
    return this.#queue;
  }

  async #deliver(event: StoreEvent, model: CallModel | undefined): Promise<void> {
    const sessionViews = () => (model?.views ?? []).filter((v) => v.isActive() && !v.userId);
    // A view whose update threw still gets its events.
    await Promise.allSettled(sessionViews().map((v) => v.ready()));
    const tile = event.userId
      ? model?.views.find((v) => v.isActive() && v.userId === event.userId)
      : undefined;
    const host = this.#host;
    // A removed client still tells its own listeners (`statuschange` to `disconnected`).
    const target = tile ?? sessionViews()[0] ?? (host?.isActive() ? host : undefined) ?? host;
    target?.dispatch(event);
  }
}
