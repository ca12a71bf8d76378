import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, type TriggerInfo } from '../lib/api.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

const PAYMENT_EVENT = 'payment_intent.succeeded';

/**
 * Makes the mock Stripe do something, as `stripe trigger` does: "Trigger a payment" for the usual
 * case, and a menu of every trigger the lab offers. Fires `triggered` with `{runId, event}`.
 */
@customElement('trigger-control')
export class TriggerControl extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      .row.other {
        flex-wrap: nowrap;
        margin-top: 0.6rem;
      }
      .explain {
        flex: 1 1 12rem;
        font-size: 0.85em;
        color: var(--muted);
      }
      label {
        color: var(--muted);
        font-size: 0.9em;
        white-space: nowrap;
      }
      select {
        flex: 1 1 auto;
        font-size: 0.9em;
      }
      .status {
        margin: 0.3rem 0 0;
        min-height: 1.4em;
        font-size: 0.85em;
        color: var(--muted);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      error-notice {
        margin-top: 0.4rem;
      }
    `,
  ];

  @state() private _triggers: TriggerInfo[] = [];
  @state() private _selected = PAYMENT_EVENT;
  @state() private _busy = false;
  @state() private _status = '';
  @state() private _error: Error | null = null;
  @state() private _errorContext = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadTriggers();
  }

  /** Puts keyboard focus on "Trigger a payment". */
  focusTrigger(): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.focus();
  }

  override render() {
    const selected = this._triggers.find((t) => t.event === this._selected);
    return html`<div class="row">
        <button class="button primary" type="button" aria-disabled=${this._busy ? 'true' : 'false'} @click=${this._onPayment}>Trigger a payment</button>
        <span class="explain">A test card pays $20.00; Stripe sends <code>${PAYMENT_EVENT}</code> to your app.</span>
      </div>
      <div class="row other">
        <label for="event">Or send</label>
        <select id="event" .value=${this._selected} @change=${this._onSelect} ?disabled=${this._triggers.length === 0} title=${selected?.description ?? ''}>
          ${this._triggers.map((t) => html`<option value=${t.event} title=${t.description} ?selected=${t.event === this._selected}>${t.event}</option>`)}
        </select>
        <button class="button" type="button" aria-disabled=${this._busy || !selected ? 'true' : 'false'} @click=${this._onSend}>Send</button>
      </div>
      <p class="status" role="status">${this._status}</p>
      <error-notice .error=${this._error} context=${this._errorContext}></error-notice>`;
  }

  private async _loadTriggers(): Promise<void> {
    try {
      this._triggers = (await api.stripeTriggers()).triggers;
      if (this._errorContext === 'Could not list the triggers') this._error = null;
    } catch (err) {
      this._errorContext = 'Could not list the triggers';
      this._error = err as Error;
    }
  }

  private async _fire(event: string): Promise<void> {
    // aria-disabled rather than disabled, so that a keyboard user's focus stays on the button.
    if (this._busy) return;
    this._busy = true;
    this._error = null;
    this._status = `Sending ${event}…`;
    try {
      const result = await api.triggerStripe(event);
      this._status = `Sent ${event} (run ${result.runId}).`;
      this.dispatchEvent(new CustomEvent('triggered', { detail: result, bubbles: true, composed: true }));
      // The list may have failed to load while the lab was away; it answers again, so ask again.
      if (this._triggers.length === 0) void this._loadTriggers();
    } catch (err) {
      this._status = '';
      this._errorContext = `Could not trigger ${event}`;
      this._error = err as Error;
    } finally {
      this._busy = false;
    }
  }

  private _onPayment(): void {
    void this._fire(PAYMENT_EVENT);
  }

  private _onSend(): void {
    if (this._triggers.some((t) => t.event === this._selected)) void this._fire(this._selected);
  }

  private _onSelect(e: Event): void {
    this._selected = (e.target as HTMLSelectElement).value;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'trigger-control': TriggerControl;
  }
}
