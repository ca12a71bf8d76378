import { get } from 'node:http';

export interface HealthProbeOptions {
  /** How often to ask, in ms (a new probe is only sent once the last one answered). */
  intervalMs?: number;
  /** How long a probe may go unanswered before the app counts as hung, in ms. */
  timeoutMs?: number;
  /** Called once when a probe goes unanswered for `timeoutMs`; the probe stops itself. */
  onHung: (silentMs: number) => void;
}

/**
 * Asks "your app" for its health every `intervalMs`. A process whose event loop is blocked (an
 * infinite loop in a handler) still accepts the connection but never answers: after `timeoutMs`
 * the probe reports it as hung. Connection errors are left to the process's exit handler.
 */
export class HealthProbe {
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  #stopped = true;

  constructor(
    private readonly url: string,
    private readonly options: HealthProbeOptions,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.#probe(), this.options.intervalMs ?? 250);
  }

  #probe(): void {
    if (this.#stopped || this.#busy) return;
    this.#busy = true;
    const timeoutMs = this.options.timeoutMs ?? 1000;
    const sentAt = performance.now();
    const done = () => {
      clearTimeout(deadline);
      this.#busy = false;
      this.#schedule();
    };
    const request = get(this.url, { agent: false }, (response) => {
      response.resume();
      response.on('end', done);
      response.on('error', done);
    });
    request.on('error', done);
    const deadline = setTimeout(() => {
      request.removeAllListeners('error');
      request.on('error', () => {});
      request.destroy();
      this.#busy = false;
      if (this.#stopped) return;
      this.stop();
      this.options.onHung(performance.now() - sentAt);
    }, timeoutMs);
  }
}
