import type { VirtualClock } from '../clock/clock.ts';

/**
 * The reordering fault: items that arrive within a window of clock time are held, then handed
 * back newest first, so that a consumer sees "succeeded" before "created".
 */
export class ReorderWindow<T> {
  #held: T[] = [];
  #cancel: (() => void) | undefined;

  constructor(
    private readonly clock: VirtualClock,
    /** Receives the held items, newest first, when the window closes. */
    private readonly release: (items: T[]) => void,
  ) {}

  /** Holds `item`; the first item held opens a window of `windowMs` clock milliseconds. */
  hold(item: T, windowMs: number): void {
    this.#held.push(item);
    if (this.#held.length > 1) return;
    this.#cancel = this.clock.setTimer(
      windowMs,
      () => {
        const items = this.#held.reverse();
        this.#held = [];
        this.#cancel = undefined;
        this.release(items);
      },
      'release the deliveries held by the reordering fault',
    );
  }

  dispose(): void {
    this.#cancel?.();
    this.#held = [];
  }
}
