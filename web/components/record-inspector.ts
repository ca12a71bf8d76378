import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../lib/api.ts';
import type { HttpMessage, TimelineRecord } from '../../server/timeline/record.ts';
import { clockTime, eventTypeOf, formatDuration, partyName, pathOf, prettyBody, statusClass, statusDescription } from '../lib/record-format.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';

/** Everything about one exchange: who called whom, the status, both messages' headers and bodies. Fires `close`. */
@customElement('record-inspector')
export class RecordInspector extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--surface);
        overflow: auto;
        min-height: 0;
      }
      section {
        padding: 0.6rem 0.8rem 0.8rem;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
        position: sticky;
        top: 0;
        background: var(--surface);
        padding: 0.6rem 0.8rem 0.4rem;
        border-bottom: 1px solid var(--border);
      }
      h2 {
        margin: 0;
        font-size: 0.95rem;
        overflow-wrap: anywhere;
        flex: 1;
      }
      h2 code {
        font-size: 0.9em;
      }
      h3 {
        margin: 0.8rem 0 0.3rem;
        font-size: 0.85rem;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--muted);
      }
      dl.summary {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 0.15rem 0.75rem;
        margin: 0;
        font-size: 0.88rem;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .success {
        color: var(--success);
        font-weight: 700;
      }
      .redirect,
      .client-error {
        color: var(--client-error);
        font-weight: 700;
      }
      .server-error,
      .no-response,
      .lost {
        color: var(--server-error);
        font-weight: 700;
      }
      .error {
        margin: 0.6rem 0 0;
        padding: 0.4rem 0.6rem;
        border-left: 4px solid var(--server-error);
        background: var(--server-error-bg);
        border-radius: 4px;
        font-size: 0.88rem;
        overflow-wrap: anywhere;
      }
      details {
        margin: 0.2rem 0;
      }
      summary {
        cursor: pointer;
        font-size: 0.85rem;
        color: var(--muted);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.8rem;
        margin-top: 0.25rem;
      }
      th,
      td {
        text-align: left;
        vertical-align: top;
        padding: 0.1rem 0.4rem 0.1rem 0;
        overflow-wrap: anywhere;
      }
      th {
        font-weight: 600;
        white-space: nowrap;
        width: 1%;
        color: var(--muted);
      }
      td {
        font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
      }
      pre {
        margin: 0.25rem 0 0;
        padding: 0.5rem 0.6rem;
        max-height: 20rem;
        overflow: auto;
        background: var(--code-bg);
        border: 1px solid var(--border);
        border-radius: 6px;
        font-size: 0.8rem;
        line-height: 1.4;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .note {
        color: var(--muted);
        font-size: 0.85rem;
        margin: 0.25rem 0 0;
      }
      .button.resend {
        margin-left: 0.4rem;
        padding: 0.1em 0.6em;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The exchange to show. */
  @property({ attribute: false }) record: TimelineRecord | null = null;

  @state() private _resendStatus = '';
  @state() private _resendError: Error | null = null;

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this._onKeydown(e));
  }

  override render() {
    const record = this.record;
    if (!record) return nothing;
    const eventType = eventTypeOf(record);
    return html`<div class="head">
        <h2 id="inspector-heading">${record.method} <code>${pathOf(record.url)}</code></h2>
        <button class="button close" type="button" aria-label="Close the inspector" @click=${this._onClose}>Close</button>
      </div>

      <section aria-labelledby="inspector-heading">
        <dl class="summary">
          <dt>Status</dt>
          <dd class=${statusClass(record.status, record.error)}>${statusDescription(record.status, record.error)}</dd>
          <dt>URL</dt>
          <dd><code>${record.url}</code></dd>
          <dt>Kind</dt>
          <dd>${record.kind}${record.attempt > 1 ? `, attempt ${record.attempt}` : ''}</dd>
          <dt>From → to</dt>
          <dd>${partyName(record.from)} → ${partyName(record.to)}</dd>
          <dt>Clock time</dt>
          <dd>${clockTime(record.startedAt)} → ${clockTime(record.endedAt)} (${formatDuration(record.endedAt - record.startedAt)})</dd>
          ${eventType ? html`<dt>Event</dt><dd>${eventType}${record.eventId ? html` <code>${record.eventId}</code>` : nothing}${this._renderResend(record)}</dd>` : nothing}
          <dt>Run</dt>
          <dd><code>${record.runId}</code></dd>
          ${record.labels?.length ? html`<dt>Labels</dt><dd>${record.labels.join(', ')}</dd>` : nothing}
        </dl>
        ${record.error ? html`<p class="error" role="note"><strong>Error:</strong> ${record.error}</p>` : nothing}
        <h3>Request</h3>
        ${this._renderMessage(record.request, 'request')}
        <h3>Response</h3>
        ${record.response ? this._renderMessage(record.response, 'response') : html`<p class="note">No response came back.</p>`}
      </section>`;
  }

  /** Stripe's deliveries can be sent again, as from Stripe's dashboard. */
  private _renderResend(record: TimelineRecord) {
    if (!record.eventId || record.from !== 'stripe') return nothing;
    return html`<button class="button resend" type="button" title="Ask the mock Stripe to deliver this event again" @click=${this._onResend}>Resend</button>
      <span class="note" role="status">${this._resendStatus}</span>
      <error-notice .error=${this._resendError} context="Could not resend"></error-notice>`;
  }

  private _renderMessage(message: HttpMessage, which: string) {
    const headers = Object.entries(message.headers);
    const body = prettyBody(message.body);
    return html`<details open>
        <summary>${headers.length} ${which} headers</summary>
        <table>
          <tbody>
            ${headers.map(([name, value]) => html`<tr><th scope="row">${name}</th><td>${value}</td></tr>`)}
          </tbody>
        </table>
      </details>
      ${message.body
        ? html`<pre tabindex="0" aria-label=${`${which} body${body.json ? ' (JSON)' : ''}`}>${body.text}</pre>`
        : html`<p class="note">Empty body.</p>`}
      ${message.truncated ? html`<p class="note">The body was cut to the timeline's size cap.</p>` : nothing}`;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('record')) return;
    this._resendStatus = '';
    this._resendError = null;
  }

  private async _onResend(): Promise<void> {
    const record = this.record;
    if (!record?.eventId) return;
    this._resendStatus = `Resending ${record.eventId}…`;
    this._resendError = null;
    try {
      await api.resendStripeEvent(record.eventId, record.runId);
      this._resendStatus = `Resent ${record.eventId}: the new attempt appears on the timeline, labelled "manual resend".`;
    } catch (err) {
      this._resendStatus = '';
      this._resendError = err as Error;
    }
  }

  private _onClose(): void {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') this._onClose();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'record-inspector': RecordInspector;
  }
}
