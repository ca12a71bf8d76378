import type { HealthReport } from './api.ts';

/**
 * The parties' health, polled from `GET /api/health` every few seconds and on demand (after opening
 * a lesson, say). "Your app"'s own state is pushed on the timeline stream instead. Fires `change`.
 */
export class HealthStore extends EventTarget {
  report: HealthReport | null = null;
  /** Why the lab could not be asked (it is not running, say). */
  error: Error | null = null;
  readonly #load: () => Promise<HealthReport>;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(load: () => Promise<HealthReport>) {
    super();
    this.#load = load;
  }

  /** Polls every `intervalMs` while the page is visible. */
  start(intervalMs = 5000): void {
    void this.refresh();
    this.#timer = setInterval(() => {
      if (typeof document === 'undefined' || !document.hidden) void this.refresh();
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async refresh(): Promise<void> {
    try {
      this.report = await this.#load();
      this.error = null;
    } catch (err) {
      this.error = err as Error;
    }
    this.dispatchEvent(new Event('change'));
  }
}
