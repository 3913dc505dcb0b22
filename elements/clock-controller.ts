import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The session's two timers: a tick each second while `ticking()` says the view shows time (the
 * call timer), and one update at a given moment (when an ended call goes back to idle). Both stop
 * when the host leaves the document.
 */
export class ClockController implements ReactiveController {
  #tick: ReturnType<typeof setInterval> | undefined;
  #at: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ticking: () => boolean,
  ) {
    host.addController(this);
  }

  /** Updates the host once at `time` (ms since the epoch); `undefined` cancels. */
  updateAt(time: number | undefined): void {
    clearTimeout(this.#at);
    if (time !== undefined)
      this.#at = setTimeout(() => this.host.requestUpdate(), Math.max(0, time - Date.now()));
  }

  hostConnected(): void {
    this.#tick = setInterval(() => this.ticking() && this.host.requestUpdate(), 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.#tick);
    clearTimeout(this.#at);
  }
}
