import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type HealthReport } from '../lib/api.ts';
import { sharedStyles } from '../styles/shared.ts';

const PARTY_LABELS: Record<string, string> = { lab: 'Lab', stripe: 'Stripe', deepgram: 'Deepgram', app: 'Your app' };

/** The parties' state from `GET /api/health`, refreshed every few seconds and on demand. */
@customElement('party-health')
export class PartyHealth extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 0.35em;
        padding: 0.15em 0.6em;
        border: 1px solid var(--border);
        border-radius: 999px;
        font-size: 0.85em;
        background: var(--surface);
        white-space: nowrap;
      }
      .dot {
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
        background: var(--client-error);
      }
      .up .dot {
        background: var(--success);
      }
      .down .dot {
        background: var(--server-error);
      }
      .status {
        color: var(--muted);
      }
      .down .status {
        color: var(--server-error);
        font-weight: 600;
      }
    `,
  ];

  /** Milliseconds between two health polls. */
  @property({ type: Number }) interval = 10_000;

  @state() private _report: HealthReport | null = null;
  @state() private _error: Error | null = null;

  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), this.interval);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  /** Asks the lab again now (after something that may change a party, like opening a lesson). */
  async refresh(): Promise<void> {
    try {
      this._report = await api.health();
      this._error = null;
    } catch (err) {
      this._error = err as Error;
    }
  }

  override render() {
    if (this._error) {
      return html`<ul aria-label="Parties">
        <li class="down" title=${this._error.message}><span class="dot"></span>Lab <span class="status">unreachable</span></li>
      </ul>`;
    }
    if (!this._report) return html`<ul aria-label="Parties"><li><span class="status">Checking the parties…</span></li></ul>`;
    return html`<ul aria-label="Parties">
      ${Object.entries(this._report.parties).map(([name, party]) => {
        const { tone, text } = describe(party);
        return html`<li class=${tone} title=${`${PARTY_LABELS[name] ?? name} on port ${party.port}`}>
          <span class="dot"></span>${PARTY_LABELS[name] ?? name} <span class="status">${text}</span>
        </li>`;
      })}
    </ul>`;
  }
}

/** A party's pill: "up" in green, a crash or a handler that does not compile in red, the rest amber. */
function describe(party: HealthReport['parties'][string]): { tone: 'up' | 'down' | 'pending'; text: string } {
  const handler = party.handler as { status?: string } | undefined;
  if (handler?.status === 'compile-error') return { tone: 'down', text: 'compile error' };
  if (party.status === 'up') return { tone: 'up', text: 'up' };
  if (party.status === 'crashed' || party.status === 'stopped') return { tone: 'down', text: party.status };
  return { tone: 'pending', text: party.status };
}

declare global {
  interface HTMLElementTagNameMap {
    'party-health': PartyHealth;
  }
}
