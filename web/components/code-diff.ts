import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { sharedStyles } from '../styles/shared.ts';

/**
 * Two versions of a file as one read-only diff (CodeMirror's unified merge view, loaded lazily like
 * the editor): `a`'s lines in red, `b`'s in green, with a legend naming each. Used for the learner's
 * buffer against the file on disk in a conflict, and against the lesson's solution.
 */
@customElement('code-diff')
export class CodeDiff extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0 0 0.3rem;
        padding: 0;
        list-style: none;
        font-size: 0.85rem;
      }
      .legend span {
        display: inline-block;
        width: 1.2em;
        margin-right: 0.3em;
        border-radius: 3px;
        text-align: center;
        font-weight: 700;
      }
      .a span {
        background: var(--server-error-bg);
        color: var(--server-error);
      }
      .b span {
        background: var(--success-bg);
        color: var(--success);
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

  /** The version shown as deleted lines. */
  @property({ attribute: false }) a = '';
  /** The version shown as the text, its own lines as inserted. */
  @property({ attribute: false }) b = '';
  /** What `a` is ("Your version"), shown in red. */
  @property() aLabel = '';
  /** What `b` is ("On disk now"), shown in green. */
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
    return html`<ul class="legend">
        <li class="a"><span aria-hidden="true">−</span>${this.aLabel}</li>
        <li class="b"><span aria-hidden="true">+</span>${this.bLabel}</li>
      </ul>
      ${this._loaded ? '' : html`<p class="loading">Loading the comparison…</p>`}
      ${this._loadError ? html`<p class="loading" role="alert">The comparison could not load (${this._loadError.message}).</p>` : ''}
      <div class="mount"></div>`;
  }

  private async _show(): Promise<void> {
    try {
      const { createDiff } = await import('../lib/codemirror-setup.ts');
      if (!this.isConnected || !this._mount || !this.shadowRoot) return;
      this.#view?.destroy();
      this.#view = createDiff({ parent: this._mount, root: this.shadowRoot, a: this.a, b: this.b, label: `Differences: ${this.aLabel} (minus) against ${this.bLabel} (plus)` });
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
