import { watchDir } from './watch-dir.ts';

/**
 * Retries a start of "your app" that failed because of the learner's code: after a growing delay
 * (250 ms, 500 ms… up to 5 s), and at once when a file in the learner's folder changes (a saved
 * fix), even while a doomed start is still under way. The folder is watched until `reset()`.
 */
export class StartRetry {
  #timer: NodeJS.Timeout | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #unwatch: (() => void) | undefined;
  #failures = 0;

  constructor(
    private readonly dir: () => string,
    /** Called when a retry is due: by the `timer`, or because the learner `saved`. */
    private readonly onDue: (reason: 'timer' | 'saved') => void,
  ) {}

  /** A start failed: schedule the next attempt and watch for a fix. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.onDue('timer'), Math.min(5000, 250 * 2 ** this.#failures++));
    this.#unwatch ??= watchDir(this.dir(), () => {
      clearTimeout(this.#debounce);
      this.#debounce = setTimeout(() => {
        clearTimeout(this.#timer);
        this.onDue('saved');
      }, 50);
    });
  }

  /** The app is up (or stopped): no more retries, and the next failure starts the delays over. */
  reset(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#debounce);
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#failures = 0;
  }
}
