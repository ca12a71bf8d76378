import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HealthReport } from '../lib/api.ts';
import type { HealthStore } from '../lib/health-store.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { StoreController } from '../lib/store-controller.ts';
import { sharedStyles } from '../styles/shared.ts';

const PARTY_LABELS: Record<string, string> = { lab: 'Lab', stripe: 'Stripe', deepgram: 'Deepgram', app: 'Your app' };

/**
 * One pill per party ("Stripe up", "Your app compile error"): the parties from the polled health
 * report, "your app" from the state the lab pushes on the timeline stream (it changes fastest).
 */
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

  /** Where the parties' health comes from. */
  @property({ attribute: false }) store?: HealthStore;

  /** Where "your app"'s pushed state comes from. */
  @property({ attribute: false }) timeline?: TimelineStore;

  constructor() {
    super();
    new StoreController(this, () => this.store);
    new StoreController(this, () => this.timeline);
  }

  override render() {
    const error = this.store?.error;
    if (error) {
      return html`<ul aria-label="Parties">
        <li class="down" title=${error.message}><span class="dot"></span>Lab <span class="status">unreachable</span></li>
      </ul>`;
    }
    const report = this.store?.report;
    if (!report) return html`<ul aria-label="Parties"><li><span class="status">Checking the parties…</span></li></ul>`;
    return html`<ul aria-label="Parties">
      ${Object.entries(report.parties).map(([name, party]) => {
        const pushed = name === 'app' ? this.timeline?.app : null;
        const { tone, text } = describe(pushed ? { ...party, status: pushed.status, handler: pushed.handler } : party);
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
