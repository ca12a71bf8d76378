import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { HealthStore } from '../lib/health-store.ts';
import { StoreController } from '../lib/store-controller.ts';
import { sharedStyles } from '../styles/shared.ts';

/**
 * Says when "your app" is in trouble: a saved file that does not compile (the last good version
 * keeps running), a crash, a restart. Draws nothing while all is well.
 */
@customElement('app-status')
export class AppStatus extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .problem {
        border: 1px solid var(--server-error);
        border-left-width: 4px;
        background: var(--server-error-bg);
        border-radius: 6px;
        padding: 0.5rem 0.75rem;
        font-size: 0.9rem;
      }
      .problem.starting {
        border-color: var(--client-error);
        background: var(--client-error-bg);
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .note {
        margin-top: 0.25rem;
        color: var(--muted);
        font-size: 0.85rem;
      }
      pre {
        margin: 0.4rem 0 0;
        padding: 0.4rem 0.6rem;
        background: var(--code-bg);
        border: 1px solid var(--border);
        border-radius: 4px;
        overflow-x: auto;
        font-size: 0.8rem;
      }
    `,
  ];

  /** Where the parties' health comes from. */
  @property({ attribute: false }) store?: HealthStore;

  constructor() {
    super();
    new StoreController(this, () => this.store);
  }

  override render() {
    const problem = this.store?.appProblem();
    if (!problem) return nothing;
    return html`<div class="problem ${problem.kind}" role="alert">
      <p><strong>${problem.message}</strong></p>
      ${problem.frame ? html`<pre>${problem.frame}</pre>` : nothing}
      ${problem.kind === 'compile-error' ? html`<p class="note">The last version that compiled keeps answering until you fix it and save.</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-status': AppStatus;
  }
}
