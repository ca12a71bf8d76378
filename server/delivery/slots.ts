/**
 * At most `size` things at once: an emitter opens a bounded number of connections to receivers,
 * as real providers do, instead of flooding a consumer with every pending delivery at once.
 */
export class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`Concurrency must be a whole number above 0; got ${size}.`);
    this.#free = size;
  }

  /** Slots taken right now. */
  get inUse(): number {
    return this.size - this.#free;
  }

  /** Resolves with a release function once a slot is free. */
  async take(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}
