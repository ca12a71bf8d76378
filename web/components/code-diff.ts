import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { sharedStyles } from '../styles/shared.ts';

/**
 * Two versions of a file side by side, read-only, with their differences marked (CodeMirror's
 * merge view, loaded lazily like the editor): the learner's buffer against the file on disk in a
 * conflict, or against the lesson's solution.
 */
@customElement('code-diff')
export class CodeDiff extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .heads {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
        margin: 0 0 0.25rem;
        font-size: 0.85rem;
        font-weight: 600;
        color: var(--muted);
      }
      .mount {
        border: 1px solid var(--border);
        border-radius: 6px;
        overflow: auto;
        max-height: 30rem;
      }
      .loading {
        margin: 0;
        padding: 0.5rem 0;
        color: var(--muted);
        font-size: 0.9rem;
      }
    `,
  ];

  /** The left side's text. */
  @property({ attribute: false }) a = '';
  /** The right side's text. */
  @property({ attribute: false }) b = '';
  /** What the left side is ("Your version"). */
  @property() aLabel = '';
  /** What the right side is ("On disk"). */
  @property() bLabel = '';

  @state() private _loaded = false;
  @state() private _loadError: Error | null = null;

  @query('.mount') private _mount?: HTMLElement;

  #view: { destroy(): void } | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#view?.destroy();
    this.#view = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('a') || changed.has('b') || !this.#view) void this._show();
  }

  override render() {
    return html`<div class="heads" aria-hidden="true"><span>${this.aLabel}</span><span>${this.bLabel}</span></div>
      ${this._loaded ? '' : html`<p class="loading">Loading the comparison…</p>`}
      ${this._loadError ? html`<p class="loading" role="alert">The comparison could not load (${this._loadError.message}).</p>` : ''}
      <div class="mount"></div>`;
  }

  private async _show(): Promise<void> {
    try {
      const { createMerge } = await import('../lib/codemirror-setup.ts');
      if (!this.isConnected || !this._mount || !this.shadowRoot) return;
      this.#view?.destroy();
      this.#view = createMerge({ parent: this._mount, root: this.shadowRoot, a: this.a, b: this.b, aLabel: this.aLabel, bLabel: this.bLabel });
      this._loaded = true;
    } catch (err) {
      this._loadError = err as Error;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'code-diff': CodeDiff;
  }
}
