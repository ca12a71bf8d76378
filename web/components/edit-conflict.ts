import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SaveConflict } from '../lib/editor-session.ts';
import { sharedStyles } from '../styles/shared.ts';
import './code-diff.ts';

/**
 * Two versions of one file after another editor saved under the learner's unsaved edits (or a
 * save was refused with 409): both shown as a diff, nothing overwritten yet. Fires `keep-mine`
 * or `take-theirs`.
 */
@customElement('edit-conflict')
export class EditConflict extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin: 0 0 0.5rem;
      }
      section {
        border: 1px solid var(--client-error);
        border-left-width: 4px;
        background: var(--client-error-bg);
        border-radius: 6px;
        padding: 0.5rem 0.75rem 0.75rem;
      }
      p {
        margin: 0 0 0.45rem;
        font-size: 0.9rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      .button {
        padding: 0.25em 0.7em;
        font-size: 0.88rem;
      }
    `,
  ];

  /** The two versions: the learner's buffer and the file on disk. */
  @property({ attribute: false }) conflict: SaveConflict | null = null;

  /** The file's name. */
  @property() file = '';

  /** Puts keyboard focus on the first choice ("Keep mine"). */
  focusChoice(): void {
    this.shadowRoot?.querySelector<HTMLElement>('.button')?.focus();
  }

  override render() {
    const { conflict } = this;
    if (!conflict) return nothing;
    return html`<section role="alert" aria-label=${`Two versions of ${this.file}`}>
      <p>
        <strong>${this.file} changed on disk</strong> (in another editor) while you had unsaved edits here. Nothing was overwritten: compare both
        and choose.
      </p>
      <code-diff .a=${conflict.mine} .b=${conflict.theirs.content} aLabel="Your version (in this page)" bLabel="On disk now"></code-diff>
      <div class="actions">
        <button class="button primary" type="button" @click=${() => this._fire('keep-mine')}>Keep mine (save it over the file on disk)</button>
        <button class="button" type="button" @click=${() => this._fire('take-theirs')}>Take the file on disk</button>
      </div>
    </section>`;
  }

  private _fire(type: 'keep-mine' | 'take-theirs'): void {
    this.dispatchEvent(new CustomEvent(type));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'edit-conflict': EditConflict;
  }
}
