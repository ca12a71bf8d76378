import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../lib/api.ts';
import { clockTime, formatDuration } from '../lib/record-format.ts';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

const SPEEDS = [1, 10, 100, 1000];

/**
 * The lab's virtual clock: its time (ticking between updates), its speed, pause and step, and
 * what it will do next ("attempt 3 of evt_… in 2.2 min"). Retries that Stripe spreads over hours
 * are watched by speeding the clock up or stepping to them.
 */
@customElement('clock-bar')
export class ClockBar extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.85rem;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      .time {
        color: var(--muted);
        font-variant-numeric: tabular-nums;
        margin-right: auto;
        white-space: nowrap;
      }
      .button,
      select {
        padding: 0.15em 0.55em;
        font-size: 0.85rem;
      }
      .next {
        margin: 0.2rem 0 0;
        color: var(--muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      error-notice {
        margin-top: 0.3rem;
      }
    `,
  ];

  /** Where the clock's state comes from. */
  @property({ attribute: false }) store?: TimelineStore;

  @state() private _error: Error | null = null;

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
    if (now === null || !clock) return html`<p class="time">Clock: waiting for the lab…</p>`;
    const next = clock.nextAt === null ? null : `${clock.nextLabel ?? 'something scheduled'} in ${formatDuration(Math.max(0, clock.nextAt - now))}`;
    const speeds = SPEEDS.includes(clock.speed) ? SPEEDS : [...SPEEDS, clock.speed].sort((a, b) => a - b);
    return html`<div class="bar">
        <span class="time" title="Times on the timeline are lab clock time">Clock ${clockTime(now).slice(0, 8)}${clock.paused ? ' (paused)' : ''}</span>
        <label class="visually-hidden" for="speed">Clock speed</label>
        <select id="speed" .value=${String(clock.speed)} @change=${this._onSpeed}>
          ${speeds.map((speed) => html`<option value=${speed} ?selected=${speed === clock.speed}>${speed === 1 ? '1× (real time)' : `${speed}×`}</option>`)}
        </select>
        <button class="button" type="button" @click=${this._onPause}>${clock.paused ? 'Resume' : 'Pause'}</button>
        <button
          class="button"
          type="button"
          aria-disabled=${next ? 'false' : 'true'}
          title="Jump the clock to the next scheduled event"
          @click=${this._onStep}
        >
          Step
        </button>
      </div>
      ${next ? html`<p class="next" title=${next}>Next: ${next}</p>` : nothing}
      <error-notice .error=${this._error} context="Could not change the clock"></error-notice>`;
  }

  private async _change(change: { speed?: number; paused?: boolean; step?: true }): Promise<void> {
    try {
      this.store?.setClock(await api.setClock(change));
      this._error = null;
    } catch (err) {
      this._error = err as Error;
    }
  }

  private _onSpeed(e: Event): void {
    void this._change({ speed: Number((e.target as HTMLSelectElement).value) });
  }

  private _onPause(): void {
    void this._change({ paused: !this.store?.clock?.paused });
  }

  private _onStep(): void {
    if (this.store?.clock?.nextAt != null) void this._change({ step: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clock-bar': ClockBar;
  }
}
