import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks an element's content width, so that an SVG can use it as its viewBox width and its text
 * stays at its CSS size instead of shrinking with the drawing.
 */
export class WidthController implements ReactiveController {
  /** The host's width in CSS pixels (a guess until the first measurement). */
  width: number;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #observer: ResizeObserver;

  constructor(host: ReactiveControllerHost & HTMLElement, initial = 600) {
    this.#host = host;
    this.width = initial;
    this.#observer = new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.#host.requestUpdate();
      }
    });
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }
}
