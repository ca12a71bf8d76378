import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TimelineRecord } from '../../server/timeline/record.ts';
import {
  clockTime,
  eventTypeOf,
  formatDuration,
  partyName,
  pathOf,
  statusClass,
  statusDescription,
  statusText,
} from '../lib/record-format.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * One exchange on the timeline, as a button: status (coloured, with its number), method, path and
 * duration, then clock time, kind, from → to and the event it carried. The left edge is coloured
 * by kind (API call, webhook, retry, side effect). Screen readers hear one sentence instead ("webhook
 * from Stripe to your app, POST /webhooks/stripe, 200, success, …"), from a hidden span; the
 * visible pieces are hidden from them. Fires `record-select` with the record's id.
 */
@customElement('timeline-row')
export class TimelineRow extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .row {
        position: relative;
        display: grid;
        grid-template-columns: 3.3rem 2.9rem minmax(0, 1fr) auto;
        grid-template-rows: auto auto;
        column-gap: 0.5rem;
        row-gap: 0.1rem;
        width: 100%;
        margin: 0 0 2px;
        padding: 0.35rem 0.5rem 0.35rem 0.6rem;
        border: 1px solid transparent;
        border-left: 4px solid var(--kind-color);
        border-radius: 6px;
        background: var(--surface);
        color: var(--text);
        text-align: left;
        cursor: pointer;
        font-size: 0.88rem;
        line-height: 1.35;
      }
      .row:hover {
        border-color: var(--border);
        border-left-color: var(--kind-color);
      }
      .row[aria-current='true'] {
        background: var(--selected);
        border-color: var(--accent);
        border-left-color: var(--kind-color);
      }
      .row:focus-visible {
        outline-offset: -1px;
      }
      .kind-api {
        --kind-color: var(--kind-api);
      }
      .kind-webhook {
        --kind-color: var(--kind-webhook);
      }
      .kind-retry {
        --kind-color: var(--kind-retry);
      }
      .kind-side-effect {
        --kind-color: var(--kind-side-effect);
      }
      .kind-poll {
        --kind-color: var(--kind-poll);
      }
      .kind-callback {
        --kind-color: var(--kind-callback);
      }
      .status {
        grid-row: 1;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        border-radius: 4px;
        text-align: center;
        padding: 0 0.2rem;
        white-space: nowrap;
        font-size: 0.85rem;
      }
      .status.success {
        color: var(--success);
        background: var(--success-bg);
      }
      .status.redirect,
      .status.client-error {
        color: var(--client-error);
        background: var(--client-error-bg);
      }
      .status.server-error,
      .status.no-response,
      .status.lost {
        color: var(--server-error);
        background: var(--server-error-bg);
      }
      .status.lost {
        /* The receiver did answer 2xx: keep the number, struck through, so both facts show. */
        text-decoration: line-through;
      }
      .status.no-response {
        /* "no response" is wider than a status code: let it wrap inside its column. */
        font-size: 0.7rem;
        line-height: 1.1;
        white-space: normal;
        align-self: center;
      }
      .method {
        font-weight: 600;
        font-size: 0.8rem;
        align-self: center;
      }
      .path {
        font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
        font-size: 0.82rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        align-self: center;
      }
      .duration {
        color: var(--muted);
        font-variant-numeric: tabular-nums;
        text-align: right;
        white-space: nowrap;
      }
      .second {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        column-gap: 0.6rem;
        align-items: baseline;
        min-width: 0;
        color: var(--muted);
        font-size: 0.78rem;
      }
      .time {
        font-variant-numeric: tabular-nums;
      }
      .kind {
        color: var(--kind-color);
        font-weight: 700;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        font-size: 0.7rem;
      }
      .parties {
        white-space: nowrap;
      }
      .event {
        /* Beside the parties when there is room, on a line of its own when there is not. */
        flex: 1 1 8rem;
        min-width: 8rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        color: var(--text);
      }
    `,
  ];

  /** The exchange this row shows. */
  @property({ attribute: false }) record!: TimelineRecord;

  /** True when the inspector shows this record. */
  @property({ type: Boolean }) selected = false;

  /** Whether Tab stops here; a list makes one row its Tab stop and moves between rows with the arrow keys. */
  @property({ type: Boolean }) tabbable = true;

  override render() {
    const { record } = this;
    const eventType = eventTypeOf(record);
    const duration = formatDuration(record.endedAt - record.startedAt);
    const kind = record.kind === 'retry' || record.attempt > 1 ? `${record.kind} #${record.attempt}` : record.kind;
    const label = [
      `${kind} from ${partyName(record.from)} to ${partyName(record.to)}`,
      `${record.method} ${pathOf(record.url)}`,
      statusDescription(record.status, record.error),
      duration,
      eventType,
      `at ${clockTime(record.startedAt)}`,
    ]
      .filter(Boolean)
      .join(', ');
    return html`<button
      class="row kind-${record.kind}"
      type="button"
      data-id=${record.id}
      data-kind=${record.kind}
      data-run=${record.runId}
      data-status=${String(record.status)}
      aria-current=${this.selected ? 'true' : 'false'}
      tabindex=${this.tabbable ? '0' : '-1'}
      @click=${this._onClick}
    >
      <span class="visually-hidden">${label}</span>
      <span class="status ${statusClass(record.status, record.error)}" title=${statusDescription(record.status, record.error)} aria-hidden="true"
        >${statusText(record.status)}</span
      >
      <span class="method" aria-hidden="true">${record.method}</span>
      <span class="path" title=${record.url} aria-hidden="true">${pathOf(record.url)}</span>
      <span class="duration" aria-hidden="true">${duration}</span>
      <span class="second" aria-hidden="true">
        <span class="time">${clockTime(record.startedAt)}</span>
        <span class="kind">${kind}</span>
        <span class="parties">${partyName(record.from, true)} → ${partyName(record.to, true)}</span>
        ${eventType ? html`<span class="event">${eventType}</span>` : nothing}
        ${record.labels?.length ? html`<span class="event">${record.labels.join(', ')}</span>` : nothing}
      </span>
    </button>`;
  }

  private _onClick(): void {
    this.dispatchEvent(new CustomEvent('record-select', { detail: { id: this.record.id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'timeline-row': TimelineRow;
  }
}
