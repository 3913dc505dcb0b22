/** A set that forgets its oldest entries beyond `limit` (dedupe and ended-call memory). */
export class BoundedSet<T> {
  readonly #items = new Set<T>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  has(value: T): boolean {
    return this.#items.has(value);
  }

  add(value: T): void {
    this.#items.delete(value);
    this.#items.add(value);
    if (this.#items.size > this.#limit) {
      const oldest = this.#items.values().next().value as T;
      this.#items.delete(oldest);
    }
  }
}
