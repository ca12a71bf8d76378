import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Shortest time between two re-renders caused by the store. */
const UPDATE_EVERY_MS = 200;

/**
 * Re-renders a Lit element whenever its store fires `change`. The store is read through a getter
 * because it usually arrives as a property after the element is created; a new store is picked up
 * on the next update.
 */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: () => EventTarget | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastUpdate = -Infinity;
  // A busy run streams hundreds of records a second: a quiet store's change shows at once, but
  // a stream of them re-renders at most every UPDATE_EVERY_MS, so the page stays responsive.
  readonly #onChange = () => {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#lastUpdate = performance.now();
        this.#host.requestUpdate();
      },
      Math.max(0, this.#lastUpdate + UPDATE_EVERY_MS - performance.now()),
    );
  };
  #subscribed: EventTarget | undefined;

  constructor(host: ReactiveControllerHost, store: () => EventTarget | undefined) {
    this.#host = host;
    this.#store = store;
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

  #follow(): void {
    const store = this.#store();
    if (store === this.#subscribed) return;
    this.#subscribed?.removeEventListener('change', this.#onChange);
    store?.addEventListener('change', this.#onChange);
    this.#subscribed = store;
  }
}
