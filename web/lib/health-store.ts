import type { HealthReport } from './api.ts';

/** What "your app" is doing, in a shape the page can show: its process and the learner's handler. */
export interface HandlerProblem {
  kind: 'compile-error' | 'crashed' | 'starting';
  /** One line: what is wrong. */
  message: string;
  /** A few source lines with a caret, for compile errors. */
  frame?: string;
}

/**
 * The parties' health, polled from `GET /api/health` every few seconds (and on demand), so that a
 * crash or a file that does not compile shows up in the page soon after it happens. Fires `change`.
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
  start(intervalMs = 2000): void {
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

  /** What is wrong with "your app" now, if anything. */
  appProblem(): HandlerProblem | null {
    const app = this.report?.parties.app;
    if (!app) return null;
    const handler = app.handler as { status?: string; error?: { file: string; line: number; column: number; message: string; frame: string } } | undefined;
    if (handler?.status === 'compile-error' && handler.error) {
      const { file, line, column, message, frame } = handler.error;
      const name = file.split('/').at(-1) ?? file;
      return { kind: 'compile-error', message: `${name} (line ${line}, column ${column}) does not compile: ${message}`, frame };
    }
    if (app.status === 'crashed' || app.status === 'stopped') return { kind: 'crashed', message: `Your app ${app.status}. The lab restarts it; the timeline keeps what happened.` };
    if (app.status === 'starting') return { kind: 'starting', message: 'Your app is starting…' };
    return null;
  }
}
