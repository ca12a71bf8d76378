import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { clockTime, formatDuration } from '../lib/record-format.ts';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';

/**
 * The lab's virtual clock: its time (ticking between updates), speed or pause, and what it will
 * do next ("attempt 3 of evt_… in 2.2 min"), so that a scheduled retry is visible before it happens.
 */
@customElement('clock-readout')
export class ClockReadout extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      min-width: 0;
      font-size: 0.85em;
      color: var(--muted);
      font-variant-numeric: tabular-nums;
    }
    .next {
      max-width: 100%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: 0.92em;
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
    const clock = this.store?.clock;
    if (now === null || !clock) return html`<span>Clock: waiting…</span>`;
    const next = clock.nextAt === null ? null : `${clock.nextLabel ?? 'something scheduled'} in ${formatDuration(Math.max(0, clock.nextAt - now))}`;
    return html`<span title="Times on the timeline are lab clock time">Clock ${clockTime(now).slice(0, 8)} · ${clock.paused ? 'paused' : `${clock.speed}×`}</span>
      ${next ? html`<span class="next" title=${next}>Next: ${next}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clock-readout': ClockReadout;
  }
}
