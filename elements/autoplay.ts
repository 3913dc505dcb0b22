/**
 * Sound that the browser would not start without a user gesture (a remote member's audio, a ring):
 * whether any is waiting, and what to start again on the next gesture.
 */
export class AutoplayGate {
  #blocked = false;
  readonly #retries = new Set<() => Promise<unknown> | void>();

  constructor(private readonly onChange: () => void) {}

  /** Some sound is waiting for a gesture ("tap to enable sound"). */
  get blocked(): boolean {
    return this.#blocked;
  }

  /** A media element could not start playing; `retry` runs on the next gesture. `true` the first time. */
  report(retry: () => Promise<unknown> | void): boolean {
    this.#retries.add(retry);
    if (this.#blocked) return false;
    this.#blocked = true;
    this.onChange();
    return true;
  }

  /** Call from a user gesture: starts everything that waited. */
  async unblock(): Promise<void> {
    const retries = [...this.#retries];
    this.#retries.clear();
    this.#blocked = false;
    this.onChange();
    await Promise.allSettled(retries.map((r) => r()));
  }
}
