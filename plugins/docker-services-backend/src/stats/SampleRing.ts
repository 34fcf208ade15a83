/**
 * The newest `capacity` items, oldest first: memory stays bounded however
 * long a container is watched.
 */
export class SampleRing<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  #start = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(item: T): void {
    if (this.#items.length < this.#capacity) {
      this.#items.push(item);
      return;
    }
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.#capacity;
  }

  toArray(): T[] {
    return [
      ...this.#items.slice(this.#start),
      ...this.#items.slice(0, this.#start),
    ];
  }

  get size(): number {
    return this.#items.length;
  }
}
