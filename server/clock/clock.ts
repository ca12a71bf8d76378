import { EventEmitter } from 'node:events';

export interface ClockState {
  /** Virtual milliseconds since the epoch. */
  now: number;
  /** How many virtual milliseconds pass per real millisecond. */
  speed: number;
  paused: boolean;
  /** Clock time of the next scheduled thing, if any. */
  nextAt: number | null;
  /** What the next scheduled thing is ("retry 3 of evt_…"), when its owner said. */
  nextLabel: string | null;
  pending: number;
}

interface Timer {
  id: number;
  at: number;
  run: () => void;
  label?: string;
}

/**
 * The lab's one clock. Provider work, retry schedules and poll intervals all wait on it, so that
 * three days of retries can be watched in a minute and checks never sleep in real time.
 * It starts at the real time and runs at `speed`; paused, it moves only by `step()` and `advance()`.
 */
export class VirtualClock {
  readonly #events = new EventEmitter();
  #timers: Timer[] = [];
  #nextTimerId = 1;
  #anchorReal = Date.now();
  #anchorVirtual = this.#anchorReal;
  #speed = 1;
  #paused = false;
  #realTimer: NodeJS.Timeout | undefined;
  #notifyPending = false;

  constructor(options: { speed?: number; paused?: boolean } = {}) {
    this.set(options);
  }

  now(): number {
    if (this.#paused) return this.#anchorVirtual;
    return this.#anchorVirtual + (Date.now() - this.#anchorReal) * this.#speed;
  }

  state(): ClockState {
    return {
      now: this.now(),
      speed: this.#speed,
      paused: this.#paused,
      nextAt: this.#timers[0]?.at ?? null,
      nextLabel: this.#timers[0]?.label ?? null,
      pending: this.#timers.length,
    };
  }

  /** Changes speed and/or pauses; time already passed is kept. */
  set({ speed, paused }: { speed?: number; paused?: boolean }): ClockState {
    if (speed !== undefined && !(Number.isFinite(speed) && speed > 0 && speed <= 100_000)) {
      throw new RangeError(`Clock speed must be a number above 0 and at most 100000; got ${speed}.`);
    }
    this.#reanchor();
    if (speed !== undefined) this.#speed = speed;
    if (paused !== undefined) this.#paused = paused;
    this.#arm();
    this.#changed();
    return this.state();
  }

  /**
   * Runs `run` after `delayMs` of clock time; returns a function that cancels it. `label` says what
   * the timer is for, so that the page can show what "step" will do next.
   */
  setTimer(delayMs: number, run: () => void, label?: string): () => void {
    const timer: Timer = { id: this.#nextTimerId++, at: this.now() + Math.max(0, delayMs), run, ...(label && { label }) };
    const index = this.#timers.findIndex((t) => t.at > timer.at);
    this.#timers.splice(index === -1 ? this.#timers.length : index, 0, timer);
    if (this.#timers[0] === timer) this.#arm();
    this.#changedSoon();
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index === -1) return;
      this.#timers.splice(index, 1);
      this.#changedSoon();
    };
  }

  /** Resolves after `delayMs` of clock time. */
  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  /** Jumps to the next scheduled thing and runs it (and anything due at the same time). */
  step(): ClockState {
    const next = this.#timers[0];
    if (next) this.#moveTo(next.at);
    return this.state();
  }

  /** Moves the clock forward by `ms`, running everything that falls due on the way, in order. */
  advance(ms: number): ClockState {
    this.#moveTo(this.now() + ms);
    return this.state();
  }

  /** Tells `listener` whenever speed, pause, time jumps or what is scheduled change. */
  onChange(listener: (state: ClockState) => void): () => void {
    this.#events.on('change', listener);
    return () => this.#events.off('change', listener);
  }

  /** Cancels every pending timer; used when a lab shuts down. */
  dispose(): void {
    clearTimeout(this.#realTimer);
    this.#timers = [];
  }

  #moveTo(target: number): void {
    this.#reanchor();
    while (this.#timers[0] && this.#timers[0].at <= target) {
      const timer = this.#timers.shift()!;
      this.#anchorVirtual = Math.max(this.#anchorVirtual, timer.at);
      timer.run();
    }
    this.#anchorVirtual = Math.max(this.#anchorVirtual, target);
    this.#arm();
    this.#changed();
  }

  #reanchor(): void {
    this.#anchorVirtual = this.now();
    this.#anchorReal = Date.now();
  }

  /** Keeps one real timer armed for the earliest virtual timer. */
  #arm(): void {
    clearTimeout(this.#realTimer);
    this.#realTimer = undefined;
    const first = this.#timers[0];
    if (!first || this.#paused) return;
    const wait = Math.max(0, (first.at - this.now()) / this.#speed);
    this.#realTimer = setTimeout(() => this.#fireDue(), Math.min(wait, 2 ** 31 - 1));
    this.#realTimer.unref();
  }

  #fireDue(): void {
    const now = this.now();
    while (this.#timers[0] && this.#timers[0].at <= now) this.#timers.shift()!.run();
    this.#arm();
    this.#changedSoon();
  }

  /** What is scheduled changed: listeners hear once per turn of the event loop, however many timers moved. */
  #changedSoon(): void {
    if (this.#notifyPending) return;
    this.#notifyPending = true;
    setImmediate(() => {
      this.#notifyPending = false;
      this.#changed();
    }).unref();
  }

  #changed(): void {
    this.#events.emit('change', this.state());
  }
}
