import type { VirtualClock } from '../../clock/clock.ts';

/** Real milliseconds with work outstanding but nothing changing, after which the clock moves anyway (so timeouts can fire). */
const STALL_MS = 5_000;

/**
 * Drives the clock through a run as a discrete-event simulation. The clock is held paused and
 * jumps to the next timer only when nothing is in flight (every party has answered), so the
 * clock times of a run do not depend on how fast this machine is — 1,000 jobs measure the same as
 * one — and it never runs ahead of `speed` × real time, so a learner can watch.
 */
export class ClockDriver {
  #busy = 0;
  #changed: (() => void) | undefined;

  constructor(
    private readonly clock: VirtualClock,
    /** Work the driver does not count itself, such as callbacks on the wire. */
    private readonly inFlight: () => number,
  ) {}

  /** Adds (or with a negative delta, removes) outstanding work: a woken poll loop, a submission. */
  busy(delta: number): void {
    this.#busy += delta;
    this.notify();
  }

  /** Tells the driver that some outstanding work may have ended. */
  notify(): void {
    this.#changed?.();
  }

  /** Steps the clock until `isDone()`, waiting for quiet between steps. Rejects if `signal` aborts. */
  async run(isDone: () => boolean, speed: number, signal: AbortSignal): Promise<void> {
    const realStart = performance.now();
    const clockStart = this.clock.now();
    for (;;) {
      await this.#quiet(signal);
      if (isDone()) return;
      const next = this.clock.state().nextAt;
      if (next === null) throw new Error('The run is stuck: nothing is scheduled on the clock, yet some jobs are not done.');
      const wait = realStart + (next - clockStart) / speed - performance.now();
      if (wait > 1) await abortable(new Promise((resolve) => setTimeout(resolve, wait)), signal);
      // Someone may have resumed the clock from the page meanwhile; the run keeps it held.
      if (!this.clock.state().paused) this.clock.set({ paused: true });
      this.clock.step();
    }
  }

  #isQuiet(): boolean {
    return this.#busy <= 0 && this.inFlight() === 0;
  }

  #quiet(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.#isQuiet()) return Promise.resolve();
    return abortable(
      new Promise<void>((resolve) => {
        let stall = setTimeout(done, STALL_MS);
        function done() {
          clearTimeout(stall);
          resolve();
        }
        this.#changed = () => {
          if (this.#isQuiet()) return done();
          clearTimeout(stall);
          stall = setTimeout(done, STALL_MS);
        };
      }),
      signal,
    ).finally(() => {
      this.#changed = undefined;
    });
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
