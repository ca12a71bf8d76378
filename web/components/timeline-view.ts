import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StoreController } from '../lib/store-controller.ts';
import type { TimelineStore } from '../lib/timeline-store.ts';
import { sharedStyles } from '../styles/shared.ts';
import './error-notice.ts';
import './timeline-row.ts';
import type { TimelineRow } from './timeline-row.ts';

/** Rows the list draws at most. */
const SHOWN_ROWS = 100;

/**
 * The live timeline: one row per HTTP exchange the lab saw, oldest first, following new ones as
 * they stream in. Rows fire `record-select` with the record's id. Arrow keys, Home and End move
 * between rows.
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
        padding: 0 0 0.3rem;
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
    `,
  ];

  /** Where the records come from. */
  @property({ attribute: false }) store?: TimelineStore;

  /** The record open in the inspector. */
  @property() selectedId: string | null = null;

  @query('.list') private _list?: HTMLElement;

  /** True while the list is scrolled to its end: new rows (and resizes) keep it there. */
  #followBottom = true;
  /** Where #keepFollowing last put the list, to tell its own scroll events from the learner's. */
  #scrolledTo = -1;
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

  /** Puts keyboard focus on the row of record `id` (when the inspector closes, say). */
  focusRecord(id: string): void {
    this._list?.querySelector<TimelineRow>(`timeline-row[data-id="${CSS.escape(id)}"]`)?.focus();
  }

  protected override firstUpdated(_changed: PropertyValues): void {
    if (this._list) this.#resizeObserver.observe(this._list);
  }

  protected override updated(_changed: PropertyValues): void {
    // New rows render themselves after this element's update; scroll once they have their height.
    requestAnimationFrame(() => this.#keepFollowing());
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
      </div>
      <error-notice .error=${store?.error ?? null} context="Could not load the timeline"></error-notice>
      <ol class="list" aria-labelledby="timeline-heading" @keydown=${this._onKeydown} @scroll=${this._onScroll}>
        ${records.length === 0
          ? html`<li class="empty">Nothing yet. Trigger a payment and every request between the parties appears here.</li>`
          : nothing}
        ${repeat(
          records,
          (record) => record.id,
          // A gap before each new trigger or run, so that one flow's requests read as a group.
          (record, i) => html`<li class=${i > 0 && records[i - 1].runId !== record.runId ? 'run-start' : ''}>
            <timeline-row .record=${record} ?selected=${record.id === this.selectedId} data-id=${record.id}></timeline-row>
          </li>`,
        )}
      </ol>`;
  }

  #keepFollowing(): void {
    const list = this._list;
    if (!this.#followBottom || !list) return;
    list.scrollTop = list.scrollHeight;
    this.#scrolledTo = list.scrollTop;
  }

  private _onScroll(): void {
    const list = this._list;
    // Our own scroll arrives a frame later, when more rows may already have made the list taller;
    // only a scroll by the learner decides whether to keep following.
    if (!list || list.scrollTop === this.#scrolledTo) return;
    this.#followBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
  }

  private _onKeydown(e: KeyboardEvent): void {
    const rows = [...(this._list?.querySelectorAll('timeline-row') ?? [])];
    const index = rows.indexOf(this.shadowRoot?.activeElement as TimelineRow);
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
