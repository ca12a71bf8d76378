import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { EditorHandle } from '../lib/codemirror-setup.ts';
import type { EditorMark } from '../lib/compile-mark.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * One CodeMirror editor on one file's text. CodeMirror arrives with a dynamic `import()` on first
 * use (its own chunk). Fires `edit` (detail: the whole text) as the learner types and `save` on
 * Ctrl/Cmd-S; `content` set from outside (a reload from disk) replaces the text.
 */
@customElement('code-editor')
export class CodeEditor extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .mount {
        border: 1px solid var(--border);
        border-radius: 6px;
        overflow: hidden;
      }
      .mount .cm-editor {
        max-height: 32rem;
      }
      .loading {
        margin: 0;
        padding: 0.75rem 1rem;
        color: var(--muted);
        font-size: 0.9rem;
      }
    `,
  ];

  /** The text to show; setting a different one replaces the buffer (the file was reloaded). */
  @property({ attribute: false }) content = '';

  /** The editor's accessible name ("Edit app.ts"). */
  @property() label = '';

  /** A compile error to mark, or null. */
  @property({ attribute: false }) mark: EditorMark | null = null;

  @state() private _loadError: Error | null = null;

  @query('.mount') private _mount?: HTMLElement;

  #editor: EditorHandle | null = null;
  #markKey = 'null';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#editor?.destroy();
    this.#editor = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move: mount again once rendered.
    if (this.hasUpdated && !this.#editor) void this.updateComplete.then(() => this._mountEditor());
  }

  /** Puts keyboard focus in the editor. */
  override focus(): void {
    this.#editor?.focus();
  }

  protected override firstUpdated(): void {
    void this._mountEditor();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('content')) this.#editor?.setContent(this.content);
    // The mark arrives as a new object on every render of the parent: re-mark only when it differs.
    const markKey = JSON.stringify(this.mark);
    if (changed.has('mark') && markKey !== this.#markKey) {
      this.#markKey = markKey;
      this.#editor?.markError(this.mark);
    }
  }

  override render() {
    return html`${this.#editor || this._loadError ? '' : html`<p class="loading">Loading the editor…</p>`}
      ${this._loadError ? html`<p class="loading" role="alert">The editor could not load (${this._loadError.message}). Reload the page to try again.</p>` : ''}
      <div class="mount"></div>`;
  }

  private async _mountEditor(): Promise<void> {
    try {
      const { createEditor } = await import('../lib/codemirror-setup.ts');
      if (!this.isConnected || this.#editor || !this._mount || !this.shadowRoot) return;
      this.#editor = createEditor({
        parent: this._mount,
        root: this.shadowRoot,
        content: this.content,
        label: this.label,
        onChange: (content) => this.dispatchEvent(new CustomEvent('edit', { detail: content })),
        onSave: () => this.dispatchEvent(new CustomEvent('save')),
      });
      this.#editor.markError(this.mark);
      this.#markKey = JSON.stringify(this.mark);
      this.requestUpdate();
    } catch (err) {
      this._loadError = err as Error;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'code-editor': CodeEditor;
  }
}
