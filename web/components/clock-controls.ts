import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type ClockChange } from '../lib/api.ts';
import { formatDuration } from '../lib/record-format.ts';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './clock-readout.ts';
import './error-notice.ts';

/** Speeds offered; at 5000× the three days of Stripe's retry schedule pass in about a minute. */
const SPEEDS = [1, 10, 100, 1000, 5000] as const;

/**
 * Drives the lab's virtual clock: pause and resume, real time to 5000×, and "Step" to jump to the
 * next scheduled thing (a retry, a held delivery, a timeout), saying what that is.
 */
@customElement('clock-controls')
export class ClockControls extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.9em;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
      }
      .speeds {
        display: inline-flex;
        gap: 0;
      }
      .speeds .button {
        border-radius: 0;
        padding: 0.3em 0.6em;
      }
      .speeds .button:first-child {
        border-radius: 6px 0 0 6px;
      }
      .speeds .button:last-child {
        border-radius: 0 6px 6px 0;
      }
      .speeds .button[aria-pressed='true'] {
        background: var(--accent);
        border-color: var(--accent);
        color: var(--on-accent);
      }
      .next {
        margin: 0.3rem 0 0;
        color: var(--muted);
        font-size: 0.85em;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Where the clock's state comes from (the lab streams it with the timeline). */
  @property({ attribute: false }) store?: TimelineStore;

  @state() private _error: Error | null = null;

  constructor() {
    super();
    new StoreController(this, () => this.store);
  }

  override render() {
    const clock = this.store?.clock;
    if (!clock) return html`<clock-readout .store=${this.store}></clock-readout>`;
    const now = this.store?.clockNow() ?? clock.now;
    const wait = clock.nextAt === null ? null : Math.max(0, clock.nextAt - now);
    return html`<div class="row" role="group" aria-label="Lab clock">
        <clock-readout .store=${this.store}></clock-readout>
        <button class="button" type="button" @click=${this._onPause}>${clock.paused ? 'Resume' : 'Pause'}</button>
        <span class="speeds" role="group" aria-label="Clock speed">
          ${SPEEDS.map(
            (speed) =>
              html`<button class="button" type="button" aria-pressed=${clock.speed === speed ? 'true' : 'false'} @click=${() => this._change({ speed })}>
                ${speed}×
              </button>`,
          )}
        </span>
        <button
          class="button"
          type="button"
          aria-disabled=${clock.nextAt === null ? 'true' : 'false'}
          title="Jump the clock to the next scheduled thing and run it"
          @click=${this._onStep}
        >
          Step to next
        </button>
      </div>
      <p class="next" role="status">
        ${clock.nextAt === null
          ? 'Nothing scheduled.'
          : html`Next, in ${formatDuration(wait ?? 0)} of clock time: ${clock.nextLabel ?? 'a scheduled task'}${clock.pending > 1 ? ` (+${clock.pending - 1} more)` : nothing}.`}
      </p>
      <error-notice .error=${this._error} context="Could not change the clock"></error-notice>`;
  }

  private async _change(change: ClockChange): Promise<void> {
    this._error = null;
    try {
      this.store?.setClock(await api.setClock(change));
    } catch (err) {
      this._error = err as Error;
    }
  }

  private _onPause(): void {
    void this._change({ paused: !this.store?.clock?.paused });
  }

  private _onStep(): void {
    if (this.store?.clock?.nextAt === null) return;
    void this._change({ step: true });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clock-controls': ClockControls;
  }
}
