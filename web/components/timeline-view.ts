import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
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
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './clock-readout.ts';
import './error-notice.ts';

/** Rows the list draws at most. */
const SHOWN_ROWS = 100;

/**
 * The live timeline: one row per HTTP exchange the lab saw, oldest first, following new ones as
 * they stream in. Activating a row fires `record-select` with the record's id. Arrow keys, Home
 * and End move between rows.
 */
@customElement('timeline-view')
export class TimelineView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .head {
        display: flex;
        align-items: baseline;
        gap: 0.75rem;
        padding: 0 0 0.4rem;
      }
      h2 {
        margin: 0;
        font-size: 1rem;
      }
      .stream {
        font-size: 0.8em;
        color: var(--muted);
      }
      .stream.reconnecting {
        color: var(--client-error);
        font-weight: 600;
      }
      clock-readout {
        margin-left: auto;
      }
      .list {
        flex: 1;
        min-height: 8rem;
        overflow-y: auto;
        margin: 0;
        padding: 0.25rem;
        list-style: none;
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--bg);
      }
      .run-start {
        margin-top: 0.6rem;
      }
      .empty {
        padding: 1rem;
        color: var(--muted);
      }
      .row {
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
      .status.no-response {
        color: var(--server-error);
        background: var(--server-error-bg);
      }
      .status.no-response {
        font-size: 0.7rem;
        line-height: 1.6;
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

  /** Where the records come from. */
  @property({ attribute: false }) store?: TimelineStore;

  /** The record open in the inspector. */
  @property() selectedId: string | null = null;

  @query('.list') private _list?: HTMLElement;

  /** True while the list is scrolled to its end: new rows (and resizes) keep it there. */
  #followBottom = true;
  readonly #resizeObserver = new ResizeObserver(() => this.#keepFollowing());

  constructor() {
    super();
    // The list is the page's most expensive render: during a busy run, at most five a second.
    new StoreController(this, () => this.store, { minIntervalMs: 200 });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
  }

  protected override firstUpdated(_changed: PropertyValues): void {
    if (this._list) this.#resizeObserver.observe(this._list);
  }

  protected override updated(_changed: PropertyValues): void {
    this.#keepFollowing();
  }

  override render() {
    const store = this.store;
    // The newest rows only: a busy run streams hundreds of records a second, and a long list makes
    // every frame's layout slow. The rest stay in the store (the inspector, the scenario views).
    const records = (store?.records ?? []).slice(-SHOWN_ROWS);
    const status = store?.status ?? 'connecting';
    return html`<div class="head">
        <h2 id="timeline-heading">Timeline</h2>
        <span class="stream ${status}" role="status">${STREAM_LABELS[status]}</span>
        <clock-readout .store=${store}></clock-readout>
      </div>
      <error-notice .error=${store?.error ?? null} context="Could not load the timeline"></error-notice>
      <ol class="list" aria-labelledby="timeline-heading" @keydown=${this._onKeydown} @scroll=${this._onScroll}>
        ${records.length === 0
          ? html`<li class="empty">Nothing yet. Trigger a payment and every request between the parties appears here.</li>`
          : nothing}
        ${repeat(records, (record) => record.id, (record, i) => this._renderRow(record, records[i - 1]))}
      </ol>`;
  }

  private _renderRow(record: TimelineRecord, previous: TimelineRecord | undefined) {
    const cls = statusClass(record.status);
    const eventType = eventTypeOf(record);
    const duration = formatDuration(record.endedAt - record.startedAt);
    const kind = record.kind === 'retry' || record.attempt > 1 ? `${record.kind} #${record.attempt}` : record.kind;
    const label = [
      `${kind} from ${partyName(record.from)} to ${partyName(record.to)}`,
      `${record.method} ${pathOf(record.url)}`,
      statusDescription(record.status),
      duration,
      eventType,
      `at ${clockTime(record.startedAt)}`,
    ]
      .filter(Boolean)
      .join(', ');
    // A gap before each new trigger or run, so that one flow's requests read as a group.
    return html`<li class=${previous && previous.runId !== record.runId ? 'run-start' : ''}>
      <button
        class="row kind-${record.kind}"
        type="button"
        data-id=${record.id}
        data-kind=${record.kind}
        data-status=${String(record.status)}
        aria-current=${record.id === this.selectedId ? 'true' : 'false'}
        aria-label=${label}
        @click=${() => this._onSelect(record.id)}
      >
        <span class="status ${cls}" title=${statusDescription(record.status)}>${statusText(record.status)}</span>
        <span class="method">${record.method}</span>
        <span class="path" title=${record.url}>${pathOf(record.url)}</span>
        <span class="duration">${duration}</span>
        <span class="second">
          <span class="time">${clockTime(record.startedAt)}</span>
          <span class="kind">${kind}</span>
          <span class="parties">${partyName(record.from, true)} → ${partyName(record.to, true)}</span>
          ${eventType ? html`<span class="event">${eventType}</span>` : nothing}
          ${record.labels?.length ? html`<span class="event">${record.labels.join(', ')}</span>` : nothing}
        </span>
      </button>
    </li>`;
  }

  #keepFollowing(): void {
    if (this.#followBottom && this._list) this._list.scrollTop = this._list.scrollHeight;
  }

  private _onScroll(): void {
    const list = this._list;
    if (list) this.#followBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  }

  private _onSelect(id: string): void {
    this.dispatchEvent(new CustomEvent('record-select', { detail: { id }, bubbles: true, composed: true }));
  }

  private _onKeydown(e: KeyboardEvent): void {
    const rows = [...(this._list?.querySelectorAll<HTMLButtonElement>('button.row') ?? [])];
    const index = rows.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    if (index === -1 || rows.length === 0) return;
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, next))].focus();
  }
}

const STREAM_LABELS = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', closed: 'stopped' } as const;

declare global {
  interface HTMLElementTagNameMap {
    'timeline-view': TimelineView;
  }
}
