import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { clockTime } from '../lib/record-format.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { StoreController } from '../lib/store-controller.ts';

/** The lab's virtual clock: its time (ticking between updates), speed and whether it is paused. */
@customElement('clock-readout')
export class ClockReadout extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      font-size: 0.85em;
      color: var(--muted);
      font-variant-numeric: tabular-nums;
    }
  `;

  /** Where the clock's state comes from. */
  @property({ attribute: false }) store?: TimelineStore;

  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    new StoreController(this, () => this.store);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => this.requestUpdate(), 250);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render() {
    const now = this.store?.clockNow() ?? null;
    if (now === null || !this.store?.clock) return html`Clock: waiting…`;
    const { speed, paused } = this.store.clock;
    const time = clockTime(now).slice(0, 8);
    return html`<span title="Times on the timeline are lab clock time">Clock ${time} · ${paused ? 'paused' : `${speed}×`}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clock-readout': ClockReadout;
  }
}
