import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders a Lit element whenever its store fires `change`. The store is read through a getter
 * because it usually arrives as a property after the element is created; a new store is picked up
 * on the next update. With `minIntervalMs`, a stream of changes re-renders at most that often (a
 * busy run streams hundreds of records a second; an expensive element should not render each one),
 * while a change after a quiet spell still shows at once.
 */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: () => EventTarget | undefined;
  readonly #minIntervalMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastUpdate = -Infinity;
  readonly #onChange = () => {
    const wait = this.#lastUpdate + this.#minIntervalMs - performance.now();
    if (wait <= 0) return this.#update();
    this.#timer ??= setTimeout(() => this.#update(), wait);
  };
  #subscribed: EventTarget | undefined;

  constructor(host: ReactiveControllerHost, store: () => EventTarget | undefined, options: { minIntervalMs?: number } = {}) {
    this.#host = host;
    this.#store = store;
    this.#minIntervalMs = options.minIntervalMs ?? 0;
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#subscribed?.removeEventListener('change', this.#onChange);
    this.#subscribed = undefined;
  }

  #update(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastUpdate = performance.now();
    this.#host.requestUpdate();
  }

  #follow(): void {
    const store = this.#store();
    if (store === this.#subscribed) return;
    this.#subscribed?.removeEventListener('change', this.#onChange);
    store?.addEventListener('change', this.#onChange);
    this.#subscribed = store;
  }
}
