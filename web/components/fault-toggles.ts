import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { api, type FaultSettings, type FaultsResponse } from '../lib/api.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

type Toggle = 'duplicate' | 'failFirstAttempt' | 'corruptSignature' | 'staleTimestamp' | 'wrongSecret';
type Duration = 'reorderWindowMs' | 'extraDelayMs';

const TOGGLES: { key: Toggle; label: string }[] = [
  { key: 'duplicate', label: 'Duplicate deliveries' },
  { key: 'failFirstAttempt', label: 'Fail the first attempt' },
  { key: 'corruptSignature', label: 'Corrupt the signature' },
  { key: 'staleTimestamp', label: 'Stale timestamp (10 min old)' },
  { key: 'wrongSecret', label: 'Sign with the wrong secret' },
];
const DURATIONS: { key: Duration; label: string }[] = [
  { key: 'reorderWindowMs', label: 'Reorder within (s)' },
  { key: 'extraDelayMs', label: 'Extra delay (s)' },
];

/**
 * Fault injection on the mock Stripe's deliveries (`/api/faults`): each switch makes the provider
 * misbehave the way real ones sometimes do; affected deliveries carry the fault's label.
 */
@customElement('fault-toggles')
export class FaultToggles extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-size: 0.9em;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      .active {
        color: var(--server-error);
        font-weight: normal;
      }
      fieldset {
        border: none;
        margin: 0.4rem 0 0;
        padding: 0;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.3rem 1rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
      }
      input[type='number'] {
        width: 5rem;
        font: inherit;
      }
      .actions {
        margin-top: 0.4rem;
      }
    `,
  ];

  @state() private _faults: FaultSettings | null = null;
  @state() private _descriptions: FaultsResponse['descriptions'] | null = null;
  @state() private _error: Error | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._apply(() => api.faults());
  }

  override render() {
    const faults = this._faults;
    const on = faults ? [...TOGGLES.filter((t) => faults[t.key]), ...DURATIONS.filter((d) => faults[d.key] > 0)].length : 0;
    return html`<details>
      <summary>Misbehave (fault injection)${on ? html` <span class="active">— ${on} on</span>` : nothing}</summary>
      ${faults
        ? html`<fieldset aria-label="Faults on the mock Stripe's deliveries">
              ${TOGGLES.map(
                ({ key, label }) =>
                  html`<label title=${this._descriptions?.[key] ?? ''}>
                    <input type="checkbox" .checked=${live(faults[key])} @change=${(e: Event) => this._update({ [key]: (e.target as HTMLInputElement).checked })} />
                    ${label}
                  </label>`,
              )}
              ${DURATIONS.map(
                ({ key, label }) =>
                  html`<label title=${this._descriptions?.[key] ?? ''}>
                    ${label}
                    <input type="number" min="0" step="1" .value=${live(String(faults[key] / 1000))} @change=${(e: Event) => this._onSeconds(key, e)} />
                  </label>`,
              )}
              <label title=${this._descriptions?.rate ?? ''}>
                Share of deliveries affected
                <input type="number" min="0" max="1" step="0.1" .value=${live(String(faults.rate))} @change=${this._onRate} />
              </label>
            </fieldset>
            <div class="actions"><button class="button" type="button" @click=${this._onReset}>All off</button></div>`
        : nothing}
      <error-notice .error=${this._error} context="Could not change the faults"></error-notice>
    </details>`;
  }

  private async _apply(call: () => Promise<FaultsResponse>): Promise<void> {
    this._error = null;
    try {
      const { faults, descriptions } = await call();
      this._faults = faults;
      this._descriptions = descriptions;
    } catch (err) {
      this._error = err as Error;
      // Redraw from the lab's state, so the controls never show a setting it refused.
      this.requestUpdate();
    }
  }

  private _update(changes: Partial<FaultSettings>): void {
    void this._apply(() => api.updateFaults(changes));
  }

  private _onSeconds(key: Duration, e: Event): void {
    const seconds = Number((e.target as HTMLInputElement).value);
    this._update({ [key]: Math.round(seconds * 1000) });
  }

  private _onRate(e: Event): void {
    this._update({ rate: Number((e.target as HTMLInputElement).value) });
  }

  private _onReset(): void {
    void this._apply(() => api.resetFaults());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fault-toggles': FaultToggles;
  }
}
