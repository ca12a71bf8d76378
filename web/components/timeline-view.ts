import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
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
 * they stream in (unless the learner has scrolled up, or the pointer is over the list). Rows fire `record-select` with the record's id. The list is one Tab stop (the
 * row last focused, else the newest); arrow keys, Home and End move between rows.
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
      .jump {
        margin-left: auto;
        font-size: 0.8rem;
        padding: 0.1rem 0.5rem;
      }
      .jump[hidden] {
        display: none;
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

  /** The row Tab lands on: the one last focused while it is shown, else the newest. */
  @state() private _tabStopId: string | null = null;

  @query('.list') private _list?: HTMLElement;
  @query('.jump') private _jump?: HTMLButtonElement;

  /**
   * True while the list is at its end, so that new rows (and resizes) keep it there. Measured before
   * each render and on scrolls, except while a follow is pending: a scroll event arrives a frame
   * after the scroll, when more rows may have landed, and would read as the learner scrolling up.
   */
  #atEnd = true;
  #followPending = false;
  /**
   * True while the pointer is over the list: new rows do not move it then, so that a click lands on
   * the row aimed at. When the pointer leaves, a list that was at its end catches up.
   */
  #pointerInside = false;
  readonly #resizeObserver = new ResizeObserver(() => this.#atEnd && !this.#pointerInside && this.#scrollToEnd());

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

  protected override willUpdate(_changed: PropertyValues): void {
    if (this._list && !this.#followPending && !this.#pointerInside) this.#atEnd = isAtEnd(this._list);
  }

  protected override updated(_changed: PropertyValues): void {
    if (!this.#atEnd || this.#pointerInside) return this.#offerJump();
    if (this.#followPending) return;
    // New rows render themselves after this element's update; scroll once they have their height.
    this.#followPending = true;
    requestAnimationFrame(() => {
      this.#followPending = false;
      this.#scrollToEnd();
    });
  }

  override render() {
    const store = this.store;
    // The newest rows only: a busy run streams hundreds of records a second, and a long list makes
    // every frame's layout slow. The rest stay in the store (the inspector, the scenario views).
    const records = (store?.records ?? []).slice(-SHOWN_ROWS);
    const status = store?.status ?? 'connecting';
    // One Tab stop for the whole list, however long: the arrow keys move between rows.
    const tabStop = records.some((r) => r.id === this._tabStopId) ? this._tabStopId : records.at(-1)?.id;
    return html`<div class="head">
        <h2 id="timeline-heading">Timeline</h2>
        <span class="stream ${status}" role="status">${STREAM_LABELS[status]}</span>
        <button class="button jump" type="button" hidden @click=${this._onJump}>Newer requests <span aria-hidden="true">↓</span></button>
      </div>
      <error-notice .error=${store?.error ?? null} context="Could not load the timeline"></error-notice>
      <ol
        class="list"
        aria-labelledby="timeline-heading"
        @keydown=${this._onKeydown}
        @focusin=${this._onFocusin}
        @scroll=${this._onScroll}
        @pointerenter=${this._onPointerenter}
        @pointerleave=${this._onPointerleave}
      >
        ${records.length === 0
          ? html`<li class="empty">Nothing yet. Trigger a payment and every request between the parties appears here.</li>`
          : nothing}
        ${repeat(
          records,
          (record) => record.id,
          // A gap before each new trigger or run, so that one flow's requests read as a group.
          (record, i) => html`<li class=${i > 0 && records[i - 1].runId !== record.runId ? 'run-start' : ''}>
            <timeline-row .record=${record} ?selected=${record.id === this.selectedId} ?tabbable=${record.id === tabStop} data-id=${record.id}></timeline-row>
          </li>`,
        )}
      </ol>`;
  }

  #scrollToEnd(): void {
    if (this._list) this._list.scrollTop = this._list.scrollHeight;
    // At the end nothing is hidden below (and measuring again would cost a layout on every follow).
    if (this._jump) this._jump.hidden = true;
  }

  /**
   * Shows "Newer requests" while rows are hidden below the view (the learner scrolled up, or points
   * at the list). Set on the element, not through a reactive property: it follows every update.
   */
  #offerJump(): void {
    if (this._jump && this._list) this._jump.hidden = isAtEnd(this._list);
  }

  private _onScroll(): void {
    if (!this._list || this.#followPending) return;
    this.#atEnd = isAtEnd(this._list);
    this.#offerJump();
  }

  private _onJump(): void {
    this.#atEnd = true;
    this.#scrollToEnd();
    // The button hides itself: keep the keyboard where the learner was headed, on the newest row.
    [...(this._list?.querySelectorAll<TimelineRow>('timeline-row') ?? [])].at(-1)?.focus();
  }

  private _onPointerenter(): void {
    this.#pointerInside = true;
  }

  private _onPointerleave(): void {
    this.#pointerInside = false;
    if (this.#atEnd) this.#scrollToEnd();
  }

  private _onFocusin(e: FocusEvent): void {
    const id = (e.target as HTMLElement).closest('timeline-row')?.dataset.id;
    if (id) this._tabStopId = id;
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

/** Within a few pixels of the end counts as the end. */
function isAtEnd(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight < 24;
}

const STREAM_LABELS = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', closed: 'stopped' } as const;

declare global {
  interface HTMLElementTagNameMap {
    'timeline-view': TimelineView;
  }
}
