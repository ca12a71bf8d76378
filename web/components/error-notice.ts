import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError } from '../lib/api.ts';
import { withInlineCode } from '../lib/inline-code.ts';
import { sharedStyles } from '../styles/shared.ts';

/** Shows an error from the lab (its message and hint) where it happened; never swallowed. */
@customElement('error-notice')
export class ErrorNotice extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .notice {
        border: 1px solid var(--server-error);
        border-left-width: 4px;
        background: var(--server-error-bg);
        color: var(--text);
        border-radius: 6px;
        padding: 0.5em 0.75em;
        font-size: 0.92em;
      }
      strong {
        color: var(--server-error);
      }
      p {
        margin: 0.15em 0;
        overflow-wrap: anywhere;
      }
      .hint {
        color: var(--text);
      }
      code {
        font-family: ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace;
        font-size: 0.9em;
        background: var(--surface-2);
        border-radius: 4px;
        padding: 0.05em 0.3em;
      }
    `,
  ];

  /** The error to show; nothing is drawn while it is null. */
  @property({ attribute: false }) error: Error | null = null;

  /** Says what was being done ("Could not load the lesson"). */
  @property() context = '';

  override render() {
    if (!this.error) return nothing;
    const hint = this.error instanceof ApiError ? this.error.hint : undefined;
    return html`<div class="notice" role="alert">
      <p><strong>${this.context || 'Something went wrong'}:</strong> ${withInlineCode(this.error.message)}</p>
      ${hint ? html`<p class="hint">${withInlineCode(hint)}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'error-notice': ErrorNotice;
  }
}
