import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders a Lit element whenever its store fires `change`. The store is read through a getter
 * because it usually arrives as a property after the element is created; a new store is picked up
 * on the next update.
 */
export class StoreController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #store: () => EventTarget | undefined;
  readonly #onChange = () => this.#host.requestUpdate();
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
