import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Updates the host each second while `ticking()` says it shows time (the call timer). */
export class ClockController implements ReactiveController {
  #tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ticking: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#tick = setInterval(() => this.ticking() && this.host.requestUpdate(), 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.#tick);
  }
}
